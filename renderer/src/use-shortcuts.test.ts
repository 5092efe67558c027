import { describe, expect, it } from 'vitest';
import { shortcutFor } from './use-shortcuts';
import { viewIds } from './views/view-registry';

describe('keyboard shortcuts', () => {
  it('maps keys to actions', () => {
    expect(shortcutFor('1')).toEqual({ kind: 'view', id: 'evaluation' });
    expect(shortcutFor('7')).toEqual({ kind: 'view', id: 'sample' });
    // Every view has its digit (the sweep view is 8); one past the last view is nothing.
    expect(shortcutFor(String(viewIds.length))).toEqual({ kind: 'view', id: viewIds[viewIds.length - 1] });
    expect(shortcutFor('Z', { shift: true, code: `Digit${viewIds.length}` })).toEqual({ kind: 'dock', id: viewIds[viewIds.length - 1] });
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
    expect(shortcutFor('!', { shift: true, code: 'Digit1' })).toEqual({ kind: 'dock', id: 'evaluation' });
    expect(shortcutFor('&', { shift: true, code: 'Digit6' })).toEqual({ kind: 'dock', id: 'three-d' });
    expect(shortcutFor('(', { shift: true, code: 'Digit9' })).toBeNull();
    expect(shortcutFor('6', { shift: false, code: 'Digit6' })).toEqual({ kind: 'view', id: 'three-d' });
    expect(shortcutFor('0')).toEqual({ kind: 'undock' });
  });
});
