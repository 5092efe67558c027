// `prunelens inspect` prints the structure of real-world model families: full MACs and heads of a
// ViT, and N:M patterns with effective MACs (figures hand-computed in the comments).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OnnxGraph, seededValues } from '../../tools/testing/onnx-graph';
import { runCliCaptured } from '../../tools/testing/run-cli';
import { miniVit } from '../../tools/testing/tiny-vit-onnx';

const dir = mkdtempSync(path.join(tmpdir(), 'prunelens-inspect-'));
const write = (name: string, bytes: Uint8Array) => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
};

describe('prunelens inspect: structure', () => {
  it('prints a ViT\'s full MACs (not partial), heads and MLP width; --json carries them', async () => {
    const file = write('vit.onnx', miniVit(2, 32));
    const { code, stdout } = await runCliCaptured(['inspect', file]);
    expect(code).toBe(0);
    // conv 3072 + qkv 3840 + Q·Kᵀ 400 + A·V 400 + proj 1280 + MLP 2·2560 + head 160
    expect(stdout).toMatch(/MACs\s+14,272 per input\n/);
    expect(stdout).not.toMatch(/partial/);
    expect(stdout).toMatch(/attention\s+1 block; heads 2; head dim 8/);
    expect(stdout).toMatch(/MLP widths\s+32/);
    const json = JSON.parse((await runCliCaptured(['inspect', file, '--json'])).stdout);
    expect(json.structure.transformer.attention[0]).toEqual({ node: 'scores', heads: 2, headDim: 8 });
    expect(json.macs).toMatchObject({ total: 14272, partial: false });
  });

  it('prints N:M per layer and effective MACs next to dense MACs', async () => {
    const g = new OnnxGraph();
    g.input('x', ['N', 8]);
    // [4, 8] (transB): every 4 inputs keep 2 → 2:4; 16 non-zeros of 32
    const w = seededValues(32, 1).map((v, k) => ((k % 4) === (k >> 3) % 4 || (k % 4) === ((k >> 3) + 1) % 4 ? v : 0));
    g.node('Gemm', ['x', g.init('W', [4, 8], w), g.init('b', [4], [0, 0, 0, 0])], { transB: 1 }, { name: 'fc', outputs: ['logits'] });
    g.output('logits', ['N', 4]);
    const { stdout } = await runCliCaptured(['inspect', write('nm.onnx', g.encode())]);
    expect(stdout).toMatch(/effective MACs dense 32 · zeros skipped 16 · N:M 16/);
    expect(stdout).toMatch(/N:M sparsity 2:4 along input channels \(1 layer\) of 1/);
    expect(stdout).toMatch(/fc\s+Gemm\s+4×8\s+32\s+50\.0%\s+32\s+2:4 along input channels/);
  });
});
