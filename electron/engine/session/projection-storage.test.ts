// Cached projections are keyed by the feature storage (cache/feature-storage.ts) they were computed
// from: one cache root read as float16 and as float32 holds a map of each, and neither storage is
// served the other's. The pool is a stand-in that numbers its computations.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureDtype } from '../cache/feature-storage';
import type { ProjectTask } from '../workers/worker-protocol';
import { projection } from './projections';

const featureDim = 2;
const models = [{ id: 'dense', role: 'dense', hash: 'h-dense', head: { featureDim } }];

describe('cached projections under each feature storage', () => {
  it('keeps a float16 map and a float32 map of the same cell apart', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'prunelens-projection-storage-'));
    const tasks: ProjectTask[] = [];
    const pool = {
      run: async (task: ProjectTask) => {
        tasks.push(task);
        return { kind: 'project', taskId: 0, coords: new Float32Array(task.n * task.dims).fill(tasks.length), residual: 0 };
      },
    };
    // A fresh session per call (nothing in memory); cells over one root, read under `storage`.
    const ask = (storage: FeatureDtype) => {
      const plan = { models, dataKey: 'data', count: 4 };
      const session = { plan, count: 4, pool, currentPlan: async () => plan };
      const cells = { cache: { root, featureDtype: storage, onProblem: () => {} }, get: async () => ({ features: new Float32Array(4 * featureDim) }) };
      return projection(session as never, cells as never, 'dense', 'clean', 3, undefined);
    };
    expect((await ask('float16')).coords[0]).toBe(1);
    expect((await ask('float32')).coords[0]).toBe(2); // not the float16 map: computed anew
    expect((await ask('float16')).coords[0]).toBe(1); // each read back from disk
    expect((await ask('float32')).coords[0]).toBe(2);
    expect(tasks).toHaveLength(2);
  });
});
