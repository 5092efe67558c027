import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFixtureBundle } from '../../tools/testing/fixture-bundle';
import { runCliCaptured } from '../../tools/testing/run-cli';

const cli = (...argv: string[]) => runCliCaptured(argv, '9.9.9');

describe('prunelens CLI', () => {
  const bundle = writeFixtureBundle({ brokenModel: true });

  it('lists commands with --help and every command has its own --help', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const name of ['inspect', 'serve']) {
      expect(help.stdout).toContain(name);
      const own = await cli(name, '--help');
      expect(own.code).toBe(0);
      expect(own.stdout).toMatch(new RegExp(`^Usage: prunelens ${name} `));
    }
    expect((await cli('--version')).stdout).toBe('prunelens 9.9.9\n');
  });

  it('exits 2 with a one-line message for an unknown command or option', async () => {
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^prunelens: unknown command 'frobnicate'/);
    const badOption = await cli('inspect', 'x.onnx', '--bogus');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/Unknown option '--bogus'/);
  });

  it('suggests the option or command meant, exits 2 on every usage error, and points a folder without bundle.json to init', async () => {
    const typo = await cli('extract', bundle, '--limt', '5');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^prunelens extract: Unknown option '--limt'\. Did you mean --limit\?\nUsage: prunelens extract /);
    expect((await cli('inspect', 'x.onnx', '--bogus')).stderr).toMatch(/Unknown option '--bogus'\. Options: --json, /);
    expect((await cli('analyse')).stderr).toMatch(/unknown command 'analyse'\. Did you mean 'analyze'\?/);
    const missingOut = await cli('analyze', bundle);
    expect(missingOut.code).toBe(2);
    expect(missingOut.stderr).toMatch(/missing --out DIR\.\nUsage: prunelens analyze /);
    const badLimit = await cli('extract', bundle, '--limit', 'many');
    expect(badLimit.code).toBe(2);
    const empty = mkdtempSync(path.join(tmpdir(), 'prunelens-empty-'));
    const noManifest = await cli('validate', empty);
    expect(noManifest.code).not.toBe(0);
    expect(noManifest.stderr + noManifest.stdout).toMatch(/prunelens init /);
  });

  it('inspect prints the card, and JSON with --json', async () => {
    const file = path.join(bundle, 'models', 'dense.onnx');
    const text = await cli('inspect', file);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/parameters\s+15/);
    expect(text.stdout).toMatch(/input\s+input float \[batch, 4\]/);
    const json = JSON.parse((await cli('inspect', file, '--json')).stdout);
    expect(json.parameterCount).toBe(15);
    expect(json.opCounts).toEqual({ Relu: 1, Gemm: 1 });
    expect(json.outputs[0]).toEqual({ name: 'logits', type: 'float', shape: ['batch', 3] });
  });

  it('fails with exit 1 and one line (no stack) on bad input; --debug adds the stack', async () => {
    const broken = await cli('inspect', path.join(bundle, 'models', 'pruned.onnx'));
    expect(broken.code).toBe(1);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(broken.stderr).toMatch(/pruned\.onnx is not an ONNX model/);
    const missing = await cli('inspect', '/no/such/model.onnx', '--debug');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Model file not found: \/no\/such\/model\.onnx\n.*at /s);
  });

  it('extract fails promptly with the reason when the job fails before it has started reporting', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'prunelens-cli-cache-'));
    const result = await cli('extract', writeFixtureBundle(), '--cache', cache);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/The model input has 2 dimensions \[batch, 4\]; PruneLens feeds images as 4-D NHWC tensors/);
  }, 60_000);
});
