// The cross-view method highlight: the shared slice, its marks per model, and that it is neither
// persisted nor carried over to another bundle.
import { describe, expect, it } from 'vitest';
import { bundleOpened } from './actions';
import type { AppState } from './app-state';
import { defaultState } from './state-fields';
import { highlightMethod, methodMarks } from './method-highlight';
import { deserializeState, serializeState } from './persist';
import { createStore } from './store';

const GMP = 'Global magnitude (one-shot + FT)';
const RANDOM = 'Random unstructured';
const models = [
  { id: 'dense', role: 'dense' as const, method: 'Dense baseline' },
  { id: 'gmp-50', role: 'pruned' as const, method: GMP },
  { id: 'gmp-90', role: 'pruned' as const, method: GMP },
  { id: 'random-50', role: 'pruned' as const, method: RANDOM },
  { id: 'ft-a', role: 'pruned' as const, method: 'Fine-tuned magnitude', sweep: 'schedule-a' },
  { id: 'ft-b', role: 'pruned' as const, method: 'Fine-tuned magnitude', sweep: 'schedule-b' },
];

describe('method highlight', () => {
  it('marks nothing while no method is highlighted', () => {
    const mark = methodMarks(null, models);
    expect(models.map((m) => mark(m.id))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it("emphasises the method's models, dims the others and leaves the dense model (every sweep's 0 point) alone", () => {
    const mark = methodMarks(GMP, models);
    expect(models.map((m) => mark(m.id))).toEqual([undefined, 'on', 'on', 'off', 'off', 'off']);
    expect(mark('not-a-model')).toBeUndefined();
  });

  it('an explicit sweep name selects that sweep only; its method name selects all its sweeps', () => {
    expect(models.map((m) => methodMarks('schedule-b', models)(m.id))).toEqual([undefined, 'off', 'off', 'off', 'off', 'on']);
    expect(models.map((m) => methodMarks('Fine-tuned magnitude', models)(m.id))).toEqual([undefined, 'off', 'off', 'off', 'on', 'on']);
  });

  it('is one shared slice: set on hover, cleared on leave, reset when a bundle opens, never persisted', () => {
    const store = createStore<AppState>(defaultState());
    highlightMethod(store, GMP);
    expect(store.get().highlightedMethod).toBe(GMP);
    expect(JSON.parse(serializeState(store.get()))).not.toHaveProperty('highlightedMethod');
    expect(deserializeState(JSON.stringify({ highlightedMethod: GMP })).highlightedMethod).toBeNull();
    highlightMethod(store, null);
    expect(store.get().highlightedMethod).toBeNull();
    highlightMethod(store, RANDOM);
    bundleOpened(store, '/other/bundle', models);
    expect(store.get().highlightedMethod).toBeNull();
  });
});
