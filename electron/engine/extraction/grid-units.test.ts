// Job-array slicing: slices partition the full grid, are balanced by samples, keep each set and
// shard together where they can, and do not depend on the order the plan lists things in.
import { describe, expect, it } from 'vitest';
import type { SetRef } from '../../../src-shared/api/result-types';
import type { ExtractionPlan } from './extract-run';
import { gridUnits, parseShardSpec, sliceUnits, workSize } from './grid-units';
import type { GridUnit } from './grid-units';
import type { PreparedModel } from './prepared-model';

const model = (id: string) => ({ id, hash: `hash-${id}`, head: { classes: 10, featureDim: 64, featureTensor: 'f' } }) as unknown as PreparedModel;
const set = (id: string) => ({ id, corruption: id, severity: 1, group: 'benchmark' }) as SetRef;

/** Units as gridUnits sorts them: by set, shard, model. */
function grid(models: string[], sets: string[], count: number, shardSize = 1024): GridUnit[] {
  const units: GridUnit[] = [];
  for (const s of [...sets].sort()) {
    for (let start = 0, shard = 0; start < count; start += shardSize, shard++) {
      for (const m of [...models].sort()) units.push({ model: model(m), set: set(s), shard, start, count: Math.min(shardSize, count - start), key: `${m}/${s}` });
    }
  }
  return units;
}

const id = (u: GridUnit) => `${u.model.id}|${u.set.id}|${u.shard}`;

describe('grid slicing', () => {
  it('parses i/N and rejects what is not a slice', () => {
    expect(parseShardSpec('2/5')).toEqual({ index: 2, of: 5 });
    for (const bad of ['5/5', '-1/3', '1/0', '1', 'a/b', '1/2/3']) expect(() => parseShardSpec(bad)).toThrow(/--shard/);
  });

  it('partitions the grid: every unit in exactly one slice, for any N', () => {
    const units = grid(['dense', 'gmp-80', 'rand-50'], ['clean', 'fog-s1', 'fog-s3', 'noise-s5'], 2500);
    for (const of of [1, 2, 3, 7, 36, 50]) {
      const seen = new Map<string, number>();
      for (let index = 0; index < of; index++) for (const u of sliceUnits(units, { index, of })) seen.set(id(u), (seen.get(id(u)) ?? 0) + 1);
      expect(seen.size).toBe(units.length);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
    }
  });

  it('balances slices by samples: each within one shard of an equal share', () => {
    const units = grid(['a', 'b', 'c', 'd', 'e'], ['clean', 'fog-s1', 'fog-s2', 'fog-s3', 'fog-s4', 'fog-s5'], 50_000);
    for (const of of [3, 8, 16]) {
      const samples = Array.from({ length: of }, (_, index) => workSize(sliceUnits(units, { index, of })).samples);
      for (const n of samples) expect(Math.abs(n - (5 * 6 * 50_000) / of)).toBeLessThanOrEqual(1024);
      expect(samples.reduce((a, b) => a + b, 0)).toBe(5 * 6 * 50_000);
    }
  });

  it('cuts contiguous runs, so the models of one set and shard mostly share a slice', () => {
    const units = grid(['a', 'b', 'c', 'd'], ['clean', 'fog-s1', 'fog-s2'], 3000);
    const slices = Array.from({ length: 4 }, (_, index) => sliceUnits(units, { index, of: 4 }));
    expect(slices.flat().map(id)).toEqual(units.map(id)); // concatenated in order = the grid
    const groups = new Set(slices.flatMap((s, i) => s.map((u) => `${u.set.id}|${u.shard}|${i}`)));
    expect(groups.size).toBeLessThanOrEqual(3 * 3 + 3); // 9 set×shard groups, at most 3 cut by a slice boundary
  });

  it('orders the grid the same whatever order the plan lists models and sets in', () => {
    const plan = (models: string[], sets: string[]) =>
      ({ models: models.map(model), sets: sets.map(set), count: 2100, dataKey: 'd', corruptionSeed: 1, preprocessing: {} }) as unknown as ExtractionPlan;
    const a = gridUnits(plan(['dense', 'b', 'a'], ['fog-s1', 'clean', 'blur-s2']));
    const b = gridUnits(plan(['a', 'dense', 'b'], ['clean', 'blur-s2', 'fog-s1']));
    expect(a.map(id)).toEqual(b.map(id));
    expect(a.map((u) => u.key)).toEqual(b.map((u) => u.key));
    expect(a.slice(0, 4).map(id)).toEqual(['a|blur-s2|0', 'b|blur-s2|0', 'dense|blur-s2|0', 'a|blur-s2|1']);
    expect(a.at(-1)).toMatchObject({ shard: 2, start: 2048, count: 52 });
  });
});
