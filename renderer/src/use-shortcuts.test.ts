import { describe, expect, it } from 'vitest';
import { shortcutFor } from './use-shortcuts';
import { viewIds } from './state/app-state';

describe('keyboard shortcuts', () => {
  it('maps keys to actions', () => {
    expect(shortcutFor('1')).toEqual({ kind: 'view', index: 0 });
    expect(shortcutFor('7')).toEqual({ kind: 'view', index: 6 });
    // Every view has its digit (the sweep view is 8); one past the last view is nothing.
    expect(shortcutFor(String(viewIds.length))).toEqual({ kind: 'view', index: viewIds.length - 1 });
    expect(shortcutFor('Z', { shift: true, code: `Digit${viewIds.length}` })).toEqual({ kind: 'dock', index: viewIds.length - 1 });
    expect(shortcutFor(String(viewIds.length + 1))).toBeNull();
    expect(shortcutFor('j')).toEqual({ kind: 'step', delta: 1 });
    expect(shortcutFor('ArrowRight')).toEqual({ kind: 'step', delta: 1 });
    expect(shortcutFor('k')).toEqual({ kind: 'step', delta: -1 });
    expect(shortcutFor('ArrowLeft')).toEqual({ kind: 'step', delta: -1 });
    expect(shortcutFor('/')).toEqual({ kind: 'search' });
    expect(shortcutFor('t')).toEqual({ kind: 'theme' });
    expect(shortcutFor('Escape')).toEqual({ kind: 'clear' });
    expect(shortcutFor('x')).toBeNull();
  });

  it('docks with Shift + a digit by its physical key, whatever the layout types', () => {
    expect(shortcutFor('!', { shift: true, code: 'Digit1' })).toEqual({ kind: 'dock', index: 0 });
    expect(shortcutFor('&', { shift: true, code: 'Digit6' })).toEqual({ kind: 'dock', index: 5 });
    expect(shortcutFor('(', { shift: true, code: 'Digit9' })).toBeNull();
    expect(shortcutFor('6', { shift: false, code: 'Digit6' })).toEqual({ kind: 'view', index: 5 });
    expect(shortcutFor('0')).toEqual({ kind: 'undock' });
  });
});
