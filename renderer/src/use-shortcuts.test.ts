import { describe, expect, it } from 'vitest';
import { shortcutFor } from './use-shortcuts';

describe('keyboard shortcuts', () => {
  it('maps keys to actions', () => {
    expect(shortcutFor('1')).toEqual({ kind: 'view', index: 0 });
    expect(shortcutFor('7')).toEqual({ kind: 'view', index: 6 });
    expect(shortcutFor('8')).toBeNull();
    expect(shortcutFor('j')).toEqual({ kind: 'step', delta: 1 });
    expect(shortcutFor('ArrowRight')).toEqual({ kind: 'step', delta: 1 });
    expect(shortcutFor('k')).toEqual({ kind: 'step', delta: -1 });
    expect(shortcutFor('ArrowLeft')).toEqual({ kind: 'step', delta: -1 });
    expect(shortcutFor('/')).toEqual({ kind: 'search' });
    expect(shortcutFor('t')).toEqual({ kind: 'theme' });
    expect(shortcutFor('Escape')).toEqual({ kind: 'clear' });
    expect(shortcutFor('x')).toBeNull();
  });
});
