// The one state table: every AppState field has exactly one entry and one scope, and what is derived
// from it (defaultState, bundleFields, the transient fields, the persisted schemas) is what the four
// hand-kept lists said before. The type-level checks are real: tests.tsconfig.json compiles this
// file, so an `@ts-expect-error` that stops erroring fails `tsc -b`.
import { describe, expect, it } from 'vitest';
import { defaultCamera } from './app-state';
import { deserializeState, serializeState } from './persist';
import type { FieldsOf, StateTable } from './state-fields';
import { bundleFields, defaultState, persistedSchemas, stateFields, transientFields } from './state-fields';

const bundle = ['selectedModels', 'setId', 'selectedSamples', 'focusSample', 'categoryFilter', 'classFilter', 'metricFilters', 'expandedCorruptions', 'localClass'];

describe('state table', () => {
  it('the compiler asks for exactly one entry per AppState field', () => {
    const table: StateTable = stateFields; // the table itself is one
    const { theme: _theme, ...withoutTheme } = stateFields;
    // @ts-expect-error a table missing a field does not compile
    const missing: StateTable = withoutTheme;
    // @ts-expect-error nor does one with a field AppState does not have
    const extra: StateTable = { ...stateFields, bogus: { scope: 'app', initial: () => 0, schema: persistedSchemas.localClass } };
    // @ts-expect-error a persisted field needs a schema
    const unchecked: StateTable = { ...stateFields, theme: { scope: 'app', initial: () => 'light' } };
    // The scopes stay literal in the derived types: hoveredSample is transient, and
    // @ts-expect-error theme is not a bundle field
    const notBundle: FieldsOf<'bundle'> = 'theme';
    const transient: FieldsOf<'transient'>[] = ['hoveredSample', 'highlightedMethod'];
    expect([table, missing, extra, unchecked, notBundle, transient]).toHaveLength(6);
  });

  it('puts every field in exactly one scope', () => {
    const keys = Object.keys(defaultState());
    expect(Object.keys(stateFields)).toEqual(keys);
    const app = keys.filter((k) => stateFields[k as keyof typeof stateFields].scope === 'app');
    for (const key of keys) expect([app, bundleFields, transientFields].filter((list) => (list as readonly string[]).includes(key))).toHaveLength(1);
    expect(app.length + bundleFields.length + transientFields.length).toBe(keys.length);
  });

  it('derives the lists the state kept by hand before', () => {
    expect([...bundleFields]).toEqual(bundle);
    expect([...transientFields]).toEqual(['hoveredSample', 'highlightedMethod']);
    expect(Object.keys(persistedSchemas)).toEqual(Object.keys(defaultState()).filter((k) => k !== 'hoveredSample' && k !== 'highlightedMethod'));
    expect(Object.keys(JSON.parse(serializeState(defaultState())))).toEqual(Object.keys(persistedSchemas));
  });

  it('gives the same defaults as before, fresh objects on every call', () => {
    const state = defaultState();
    expect(state).toEqual({
      bundleDir: null, activeView: 'evaluation', dockedView: null, theme: 'light', // no window here: light
      selectedModels: [], setId: 'clean', selectedSamples: [], focusSample: null, hoveredSample: null, highlightedMethod: null,
      categoryFilter: [], classFilter: null, metricFilters: {}, tableMode: 'accuracy', tableSort: { key: 'model', dir: 1 },
      expandedCorruptions: [], colorBy: 'category', layout3d: 'projection', syncCameras: true, cameras: [{ theta: 0.8, phi: 0.45, radius: 4.8 }],
      showTrajectories: true, localClass: 0, localCompare: 'models', showModelCards: true,
      runOptions: { limit: null, corruptions: [], severities: [1, 2, 3, 4, 5], ep: null },
    });
    expect(state.cameras[0]).toBe(defaultCamera);
    const again = defaultState();
    for (const key of ['selectedSamples', 'metricFilters', 'tableSort', 'cameras', 'runOptions'] as const) expect(again[key]).not.toBe(state[key]);
    again.runOptions.severities.push(9);
    expect(defaultState().runOptions.severities).toEqual([1, 2, 3, 4, 5]);
  });

  it('validates stored fields with the table\'s schemas and never reads transient ones', () => {
    const stored = JSON.stringify({ hoveredSample: 3, highlightedMethod: 'm', localClass: -1, setId: 'fog-s2', colorBy: 'metric:nope', tableMode: 'accuracy' });
    const state = deserializeState(stored);
    expect(state).toMatchObject({ hoveredSample: null, highlightedMethod: null, localClass: 0, setId: 'fog-s2', colorBy: 'category' });
  });
});
