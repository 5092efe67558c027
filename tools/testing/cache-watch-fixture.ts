// Cache-watch tests' shared pieces: stand-in models and a one-set (clean, 10 samples) plan whose
// cells they fill by hand, and a wait (on real I/O turns, not timers, which the tests may fake)
// until the watch has reported `n` passes.
import { expect } from 'vitest';
import type { ExtractionPlan } from '../../electron/engine/extraction/extraction-plan';
import type { PreparedModel } from '../../electron/engine/extraction/prepared-model';

export const stubModel = (id: string) => ({ id, hash: `hash-${id}`, head: { featureTensor: 'f', classes: 3, featureDim: 4 } }) as unknown as PreparedModel;

export const stubPlan = (ids: readonly string[]) =>
  ({
    models: ids.map(stubModel),
    sets: [{ id: 'clean', corruption: 'clean', severity: 0, group: 'clean' }],
    count: 10,
    dataKey: 'data:10',
    corruptionSeed: 0,
    preprocessing: { layout: 'NCHW', scale: 255, mean: [0], std: [1] },
    executionProvider: 'cpu',
  }) as unknown as ExtractionPlan;

export async function passes(counts: readonly unknown[], n: number): Promise<void> {
  const until = performance.now() + 5000;
  while (counts.length < n && performance.now() < until) await new Promise((r) => setImmediate(r));
  expect(counts.length).toBe(n);
}
