// getSampleMetrics with classAngles: false (what the samples tables and summary.json ask for)
// returns every other field exactly as the full answer does, and an empty classAngles instead of
// the N × C angles (whose label column is angleGt).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { createEngine } from '../engine';

const COUNT = 120;
const bundle = writeImageFixtureBundle({ count: COUNT });
const engine = createEngine({ transport: 'in-process', cacheDir: mkdtempSync(path.join(tmpdir(), 'prunelens-class-angles-')), workers: 1 });
afterAll(() => engine.dispose());

describe('getSampleMetrics classAngles option', () => {
  it('leaves out only the class angles', async () => {
    const finished = new Promise((resolve) => engine.subscribe((e) => e.type === 'job-finished' && resolve(e)));
    await engine.startAnalysis({ path: bundle });
    expect(await finished).toMatchObject({ status: 'done' });
    for (const modelId of ['dense', 'pruned']) {
      const full = await engine.getSampleMetrics({ path: bundle, modelId, setId: 'clean' });
      const lean = await engine.getSampleMetrics({ path: bundle, modelId, setId: 'clean', classAngles: false });
      expect(full.classAngles).toHaveLength(COUNT * full.classes);
      expect(lean.classAngles).toHaveLength(0);
      expect({ ...lean, classAngles: null }).toEqual({ ...full, classAngles: null });
      for (let i = 0; i < COUNT; i++) expect(full.classAngles[i * full.classes + full.labels[i]]).toBeCloseTo(full.angleGt[i], 3);
    }
  }, 60_000);
});
