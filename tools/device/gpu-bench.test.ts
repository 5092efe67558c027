// tools/device/gpu-bench.sh can only run for real on a lent GPU machine; here its syntax is
// checked and its CPU fallback is run in quick mode, with the figures it writes checked for sense
// (demo accuracy against the labels: a wrong input layout or preprocessing gives ~10 %).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = path.resolve(import.meta.dirname, 'gpu-bench.sh');
const out = mkdtempSync(path.join(tmpdir(), 'prunelens-gpu-bench-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface EpResult {
  model: string;
  ep: string;
  images: number;
  imagesPerSecond?: number;
  accuracy?: number;
  error?: string;
}

describe('tools/device/gpu-bench.sh', () => {
  it('is valid bash and refuses unknown options', () => {
    expect(spawnSync('bash', ['-n', script], { encoding: 'utf8' }).status).toBe(0);
    const r = spawnSync('bash', [script, '--fast'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--fast'");
  });

  it('runs its CPU fallback (--cpu --quick) and writes sane figures to $OUT', () => {
    const r = spawnSync('bash', [script, '--cpu', '--quick'], { encoding: 'utf8', env: { ...process.env, OUT: out }, timeout: 170_000 });
    const summary = readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(r.status, summary).toBe(0);
    expect(summary).toContain('# PruneLens GPU benchmark (cpu fallback, quick)');
    expect(summary).toMatch(/ResNet-18 skipped: .* has no torch|wrote resnet18-cifar\.onnx: ResNet-18 \(CIFAR stem\), 11\.17M parameters/);
    expect(summary).toContain('all steps ran');
    const ep = JSON.parse(readFileSync(path.join(out, 'ep-bench.json'), 'utf8')) as { results: EpResult[]; loadavg: number[][] };
    expect(ep.loadavg).toHaveLength(2);
    for (const model of ['demo dense', 'demo gmp-80']) {
      const row = ep.results.find((x) => x.model === model && x.ep === 'cpu');
      expect(row, model).toMatchObject({ images: 128 });
      expect(row!.imagesPerSecond).toBeGreaterThan(0);
      expect(row!.accuracy).toBeGreaterThan(0.8);
      expect(row!.accuracy).toBeLessThanOrEqual(1);
    }
    expect(ep.results.every((x) => x.ep === 'cpu')).toBe(true);
    expect(readFileSync(path.join(out, 'pipeline.md'), 'utf8')).toMatch(/execution provider cpu · \d+ images[\s\S]*ratio pipeline \/ bare: \d+\.\d\d \(wall\)/);
    expect(summary).toContain('skipped without a GPU');
  }, 180_000);
});
