// Occlusion asks the selected model's input adapter for its perturbations: a kind without the hook
// (or an unregistered one) is refused with a clear bad-request before any model runs, as are an
// unknown model and an out-of-range sample. (The numbers end to end: result-queries.test.ts.)
import { describe, expect, it } from 'vitest';
import type { ExtractionPlan } from '../extraction/extraction-plan';
import { parseSetId } from '../extraction/sets';
import type { InputAdapter, Occlusion } from '../inputs/input-adapter';
import { imageAdapter } from '../inputs/image/image-adapter';
import type { InputBatch } from '../inputs/input-adapters';
import { occlusion } from './occlusion';

function session(kinds: { dense: string; pruned: string }) {
  const plan = {
    models: [{ id: 'd', role: 'dense', input: { kind: kinds.dense, inputs: [] } }, { id: 'p', role: 'pruned', input: { kind: kinds.pruned, inputs: [] } }],
    source: { count: 4 },
  } as unknown as ExtractionPlan;
  const runs: unknown[] = [];
  const pool = { run: async (task: unknown) => { runs.push(task); throw new Error('no model runs here'); } };
  return { session: { currentPlan: async () => plan, pool } as unknown as Parameters<typeof occlusion>[0], plan, runs };
}

describe('occlusion through the input adapter', () => {
  it('asks the selected model\'s adapter, with the plan, that model\'s schema and the request', async () => {
    const { session: s, plan, runs } = session({ dense: 'other', pruned: 'image' });
    const calls: unknown[][] = [];
    const recording: InputAdapter<InputBatch> = { ...imageAdapter, occlusion: async (...args) => { calls.push(args); throw new Error('sentinel'); } };
    await expect(occlusion(s, 'p', 'fog-s2', 3, 2, 1, undefined, { adapters: [recording] })).rejects.toThrow('sentinel');
    expect(calls).toEqual([[plan, plan.models[1].input, { index: 3, set: parseSetId('fog-s2'), patch: 2, stride: 1 }]]);
    expect(runs).toEqual([]);
  });

  it('stops before the model runs when the caller has given up', async () => {
    const { session: s, runs } = session({ dense: 'image', pruned: 'image' });
    const stub = { batch: {}, count: 1, transfer: [], label: 0, width: 1, height: 1, patch: 1, stride: 1, attribute: () => new Float32Array(1) };
    const built: InputAdapter<InputBatch> = { ...imageAdapter, occlusion: async () => stub as unknown as Occlusion<InputBatch> };
    const gaveUp = new AbortController();
    gaveUp.abort();
    await expect(occlusion(s, 'd', 'clean', 0, undefined, undefined, gaveUp.signal, { adapters: [built] })).rejects.toMatchObject({ name: 'AbortError' });
    expect(runs).toEqual([]);
  });

  it('refuses a kind without the hook, an unknown kind, model or sample with bad-request', async () => {
    const { session: s, runs } = session({ dense: 'image', pruned: 'vector-test' });
    const blind: InputAdapter<InputBatch> = { ...imageAdapter, occlusion: undefined };
    await expect(occlusion(s, 'd', 'clean', 0, undefined, undefined, undefined, { adapters: [blind] }))
      .rejects.toMatchObject({ code: 'bad-request', message: "A sample of the 'image' input kind cannot be occluded." });
    await expect(occlusion(s, 'p', 'clean', 0)).rejects.toMatchObject({ code: 'bad-request', message: "A sample of the 'vector-test' input kind cannot be occluded." });
    await expect(occlusion(s, 'x', 'clean', 0)).rejects.toMatchObject({ code: 'bad-request', message: "Unknown model 'x'." });
    await expect(occlusion(s, 'd', 'clean', 4)).rejects.toMatchObject({ code: 'bad-request', message: 'Sample 4 is out of range (0–3).' });
    expect(runs).toEqual([]);
  });
});
