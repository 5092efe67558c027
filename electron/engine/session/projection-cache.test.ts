// Cached projections: a finished map is stored on disk and a fresh session (a reopened bundle)
// reads it back without asking the pool; a change of any input (dims, sample count) misses; a
// tampered file is reported and recomputed, never returned. Finished maps in memory are evicted
// under the byte budget and reload from disk unchanged. The pool is a stand-in that records calls.
import { readdirSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectionStubs } from '../../../tools/testing/projection-stubs';
import type { ProjectTask } from '../workers/worker-protocol';
import { heldProjectionBytes, setProjectionBudget } from './projections';
import { projectionBudgetBytes } from './memory-budget';

/** A pool that answers at once and records its tasks. */
function fixture() {
  const tasks: ProjectTask[] = [];
  const stubs = projectionStubs(async (task) => {
    tasks.push(task);
    // Distinct, checkable coordinates per computation: value = call number + index / 1000.
    const coords = Float32Array.from({ length: task.n * task.dims }, (_, i) => tasks.length + i / 1000);
    const placed = task.query ? coords.map((v) => -v) : undefined; // placed corrupted points: negated
    return { kind: 'project', taskId: 0, coords, placed, residual: 0.25 * tasks.length };
  });
  const ask = (session: ReturnType<typeof stubs.open>, modelId: string, dims: 2 | 3 = 3, setId = 'clean') => stubs.ask(session, modelId, { dims, setId });
  return { ...stubs, tasks, ask };
}

const projectionFiles = (root: string) => readdirSync(path.join(root, 'projections-v1'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));

afterEach(() => setProjectionBudget(projectionBudgetBytes()));

describe('cached projections', () => {
  it('reads a reopened bundle’s maps from the disk cache without computing', async () => {
    const f = fixture();
    const first = await f.ask(f.open(4), 'pruned');
    expect(f.tasks.map((t) => t.mapKey)).toEqual(['h-dense:data:4', 'h-pruned:data:4']);
    const again = await f.ask(f.open(4), 'pruned'); // a new session: nothing in memory
    expect(f.tasks).toHaveLength(2);
    expect(Array.from(again.coords)).toEqual(Array.from(first.coords));
    expect(again.residual).toBe(first.residual);
    expect(first.coords[0]).toBeCloseTo(2, 6); // the pruned map is the second computation
  });

  it('misses when the dims or the sample selection change', async () => {
    const f = fixture();
    await f.ask(f.open(4), 'dense', 3);
    await f.ask(f.open(4), 'dense', 2);
    expect(f.tasks).toHaveLength(2);
    const bigger = await f.ask(f.open(5), 'dense', 3);
    expect(f.tasks).toHaveLength(3);
    expect(bigger.coords).toHaveLength(15);
    await f.ask(f.open(4), 'dense', 3);
    expect(f.tasks).toHaveLength(3); // the first one is still cached
  });

  it('gives an open session the map of its new sample count after a rerun with another limit', async () => {
    const f = fixture();
    const session = f.open(4);
    expect((await f.ask(session, 'dense')).coords).toHaveLength(12);
    session.plan.count = 6;
    session.count = 6; // what a new run sets
    expect((await f.ask(session, 'dense')).coords).toHaveLength(18);
    expect(f.tasks.map((t) => t.n)).toEqual([4, 6]);
  });

  it('keeps a corrupted set’s placement apart from the clean map', async () => {
    const f = fixture();
    const clean = await f.ask(f.open(4), 'dense');
    const noisy = await f.ask(f.open(4), 'dense', 3, 'gaussian_noise-s2');
    expect(f.tasks).toHaveLength(2);
    expect(noisy.coords[0]).toBeCloseTo(-2, 6);
    const again = await f.ask(f.open(4), 'dense', 3, 'gaussian_noise-s2');
    const cleanAgain = await f.ask(f.open(4), 'dense');
    expect(f.tasks).toHaveLength(2);
    expect(Array.from(again.coords)).toEqual(Array.from(noisy.coords));
    expect(Array.from(cleanAgain.coords)).toEqual(Array.from(clean.coords));
    await f.ask(f.open(4), 'dense', 3, 'gaussian_noise-s3');
    expect(f.tasks).toHaveLength(3);
  });

  it('recomputes a tampered map and reports it', async () => {
    const f = fixture();
    const original = await f.ask(f.open(4), 'dense');
    const npy = projectionFiles(f.root).find((file) => file.endsWith('.npy'))!;
    const bytes = readFileSync(npy);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(npy, bytes);
    const recomputed = await f.ask(f.open(4), 'dense');
    expect(f.tasks).toHaveLength(2);
    expect(f.problems.join()).toMatch(/checksum mismatch/);
    expect(recomputed.coords[0]).toBeCloseTo(2, 6);
    expect(recomputed.coords).toHaveLength(original.coords.length);
    // …and stored again: the next reopen reads the recomputed map.
    expect((await f.ask(f.open(4), 'dense')).coords[0]).toBeCloseTo(2, 6);
    expect(f.tasks).toHaveLength(2);
  });

  it('evicts finished maps under the memory budget; evicted ones reload from disk', async () => {
    const f = fixture();
    const session = f.open(4);
    setProjectionBudget(4 * 3 * 4); // one 4 × 3 float32 map
    const dense = await f.ask(session, 'dense');
    const pruned = await f.ask(session, 'pruned');
    expect(heldProjectionBytes()).toBeLessThanOrEqual(48);
    const denseAgain = await f.ask(session, 'dense');
    expect(denseAgain).not.toBe(dense); // evicted from memory: a new object, read from disk
    expect(Array.from(denseAgain.coords)).toEqual(Array.from(dense.coords));
    expect(f.tasks).toHaveLength(2);
    setProjectionBudget(1 << 20);
    const prunedAgain = await f.ask(session, 'pruned');
    expect(Array.from(prunedAgain.coords)).toEqual(Array.from(pruned.coords));
    expect(await f.ask(session, 'pruned')).toBe(prunedAgain); // within budget: kept in memory
  });
});
