// NaN/Inf outputs end to end through `prunelens analyze`: a model with NaN logits on a few
// samples is flagged (stderr, summary.json per cell, evaluation table, report) and they are never
// correct — the table's accuracy equals the samples' `correct` column; a model whose clean
// logits are all NaN fails the run with a clear message instead of reporting an accuracy.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { preprocessBatch } from '../../src-shared/data/preprocess';
import { readNpy } from '../../src-shared/formats/npy';
import { writeImageFixtureBundle } from '../../tools/testing/fixture-bundle';
import { nanGatedClassifier } from '../../tools/testing/broken-onnx';
import { runCliCaptured } from '../../tools/testing/run-cli';

const COUNT = 300;
const model = { height: 8, width: 8, hidden: 6, classes: 3, seed: 1 };
// x₀ = (p/255 − 0.5)/0.25 < −1.9  ⇔  pixel p < 6.375: NaN for those samples only.
const FEW_SHIFT = 1.9;

function bundleWith(pruned: Uint8Array): string {
  const dir = writeImageFixtureBundle({ count: COUNT, corruptions: ['contrast'], severities: [3] });
  writeFileSync(path.join(dir, 'models', 'pruned.onnx'), pruned);
  return dir;
}

describe('non-finite model outputs', () => {
  it('a few NaN samples: flagged, counted per cell, never correct; accuracy = mean of the correct column', async () => {
    const bytes = nanGatedClassifier({ ...model, shift: FEW_SHIFT });
    const bundle = bundleWith(bytes);
    const out = mkdtempSync(path.join(tmpdir(), 'prunelens-nan-'));
    const images = readNpy(new Uint8Array(readFileSync(path.join(bundle, 'data', 'images.npy')))).data as Uint8Array;
    const labels = readNpy(new Uint8Array(readFileSync(path.join(bundle, 'data', 'labels.npy')))).data as Uint8Array;
    const nanSamples = Array.from({ length: COUNT }, (_, i) => i).filter((i) => images[i * 64] < 6.375);
    expect(nanSamples.length).toBeGreaterThan(3);
    expect(nanSamples.length).toBeLessThan(COUNT / 4);
    expect(nanSamples.every((i) => labels[i] === 0)).toBe(true); // all-NaN rows argmax to 0: the old count called them correct

    // Independent reference: onnxruntime directly, correct = finite row whose max is the label.
    const session = await ort.InferenceSession.create(bytes);
    const input = preprocessBatch(images, COUNT, { height: 8, width: 8, channels: 1 }, 1, { layout: 'NCHW', scale: 255, mean: [0.5], std: [0.25] });
    const logits = (await session.run({ input: new ort.Tensor('float32', input, [COUNT, 1, 8, 8]) })).logits.data as Float32Array;
    await session.release();
    const rows = Array.from({ length: COUNT }, (_, i) => Array.from(logits.subarray(i * 3, i * 3 + 3)));
    expect(rows.filter((r) => r.some((v) => Number.isNaN(v))).map((_, k) => k)).toHaveLength(nanSamples.length);
    const expectedCorrect = rows.filter((r, i) => r.every(Number.isFinite) && r.indexOf(Math.max(...r)) === labels[i]).length;

    const result = await runCliCaptured(['analyze', bundle, '--out', out, '--cache', path.join(out, 'cache'), '--no-parquet']);
    expect(result.stderr).toContain(`Model 'pruned' on clean: ${nanSamples.length} of ${COUNT} samples have NaN/Inf logits (never counted as correct)`);
    expect(result.code).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    const cell = summary.cells.find((c: { model: string; set: string }) => c.model === 'pruned' && c.set === 'clean');
    expect(cell.nonFinite).toEqual({ logits: nanSamples.length, features: nanSamples.length });
    expect(summary.cells.find((c: { model: string; set: string }) => c.model === 'dense' && c.set === 'clean').nonFinite).toEqual({ logits: 0, features: 0 });
    expect(cell.correctCount).toBe(expectedCorrect);

    const csv = readFileSync(path.join(out, 'samples.csv'), 'utf8').trim().split('\n');
    const header = csv[0].split(',');
    const col = (name: string) => header.indexOf(name);
    const prunedClean = csv.slice(1).map((l) => l.split(',')).filter((r) => r[col('model')] === 'pruned' && r[col('corruption')] === 'clean');
    expect(prunedClean).toHaveLength(COUNT);
    for (const i of nanSamples) expect(prunedClean[i][col('correct')], `sample ${i}`).toMatch(/^(0|false)$/);
    // The evaluation table (shard assembly, printed on stdout) and the samples' correct column agree.
    expect(prunedClean.filter((r) => /^(1|true)$/.test(r[col('correct')])).length).toBe(expectedCorrect);
    expect(result.stdout).toMatch(new RegExp(`pruned[^\\n]*${((expectedCorrect / COUNT) * 100).toFixed(1)}`));

    // The report carries the flag too (a warning line under the evaluation table).
    const report = await runCliCaptured(['report', bundle, '--out', path.join(out, 'report.html'), '--cache', path.join(out, 'cache')]);
    expect(report.code).toBe(0);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toMatch(new RegExp(`⚠ Model .{1,12}pruned.{1,12} on clean: ${nanSamples.length} of ${COUNT} samples have NaN/Inf logits \\(never counted as correct\\)`));
  }, 120_000);

  it('an all-NaN model fails analyze with a clear message, before any accuracy is reported', async () => {
    const bundle = bundleWith(nanGatedClassifier({ ...model, shift: -100 }));
    const out = mkdtempSync(path.join(tmpdir(), 'prunelens-nan-all-'));
    const result = await runCliCaptured(['analyze', bundle, '--out', out, '--cache', path.join(out, 'cache'), '--no-parquet']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Model 'pruned' outputs NaN\/Inf logits for 300 of 300 clean samples/);
    expect(() => readFileSync(path.join(out, 'summary.json'))).toThrow();
    // A rerun from the cache fails the same way (the check is not only on fresh results).
    const again = await runCliCaptured(['analyze', bundle, '--out', out, '--cache', path.join(out, 'cache'), '--no-parquet']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/outputs NaN\/Inf logits for 300 of 300 clean samples/);
  }, 120_000);
});
