// Several models failing inside onnxruntime in one `analyze` run: the real CLI process (not the
// in-process harness, so a native abort would show as exit 134 / SIGABRT) must end with a clean
// error (exit 1) naming the model and carrying onnxruntime's full message — every time. Before
// the worker pool shut workers down in order, terminating a worker mid-run aborted the process
// ("terminate called after throwing an instance of 'Napi::Error'") in about 1 run in 6.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failingAtRunClassifier } from '../../tools/testing/broken-onnx';
import { writeImageFixtureBundle } from '../../tools/testing/fixture-bundle';

const cli = path.resolve(import.meta.dirname, '../../bin/prunelens.mjs');
const RUNS = 4;

function run(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('failing models', () => {
  it(`end analyze with a clean error, never a native abort (${RUNS} runs)`, async () => {
    const bundle = writeImageFixtureBundle({ count: 600, corruptions: ['contrast', 'fog'], severities: [1, 3] });
    const manifest = JSON.parse(readFileSync(path.join(bundle, 'bundle.json'), 'utf8'));
    for (const rows of [7, 11, 13]) {
      writeFileSync(path.join(bundle, 'models', `fail${rows}.onnx`), failingAtRunClassifier({ height: 8, width: 8, hidden: 6, classes: 3, seed: 1, rows }));
      manifest.models.push({ id: `fail${rows}`, path: `models/fail${rows}.onnx`, role: 'pruned', method: 'broken', sparsity: 0 });
    }
    writeFileSync(path.join(bundle, 'bundle.json'), JSON.stringify(manifest));
    for (let i = 0; i < RUNS; i++) {
      const out = mkdtempSync(path.join(tmpdir(), 'prunelens-failing-'));
      const result = await run(['analyze', bundle, '--out', out, '--cache', path.join(out, 'cache'), '--no-parquet']);
      expect(result.stderr, `run ${i}`).not.toMatch(/terminate called|Napi::Error|Aborted/);
      expect({ run: i, code: result.code, signal: result.signal }).toEqual({ run: i, code: 1, signal: null });
      // One line naming the model, with onnxruntime's whole message (the node, the shapes).
      expect(result.stderr).toMatch(/prunelens analyze: Model 'fail(7|11|13)': onnxruntime failed to run the model: .*bad_reshape.*cannot be reshaped to the requested shape\. Input shape:\{\d+,64\}, requested shape:\{(7|11|13),-1\}/);
    }
  }, 180_000);
});
