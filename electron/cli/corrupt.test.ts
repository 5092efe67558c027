// `prunelens corrupt` round trips: .npy and IDX in, .npy out (shape kept, seeded, --limit
// consistent with the full run), the gallery PNG, and usage errors.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { fashionImages, syntheticRgb } from '../../tools/fixtures/corruptions/images';
import { applyCorruption, corruptionRng } from '../../src-shared/corruptions/index';
import { writeIdxU8 } from '../../src-shared/formats/idx';
import { readNpy, writeNpy } from '../../src-shared/formats/npy';
import { runCliCaptured } from '../../tools/testing/run-cli';

const cli = (...argv: string[]) => runCliCaptured(argv, '0.0.0');

function readBack(file: string) {
  const bytes = readFileSync(file);
  const { header, data } = readNpy(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file);
  return { shape: header.shape, dtype: header.dtype, data: data as Uint8Array };
}

const dir = mkdtempSync(path.join(tmpdir(), 'prunelens-corrupt-'));
const grey = fashionImages(5);
const greyStack = new Uint8Array(5 * 784);
grey.forEach((image, i) => greyStack.set(image.data, i * 784));
const greyNpy = path.join(dir, 'grey.npy');
writeFileSync(greyNpy, writeNpy(greyStack, [5, 28, 28]));
const rgb = [0, 1, 2].map((v) => syntheticRgb(v));
const rgbStack = new Uint8Array(3 * 3072);
rgb.forEach((image, i) => rgbStack.set(image.data, i * 3072));
const rgbNpy = path.join(dir, 'rgb.npy');
writeFileSync(rgbNpy, writeNpy(rgbStack, [3, 32, 32, 3]));
const idxGz = path.join(dir, 'images-idx3-ubyte.gz');
writeFileSync(idxGz, gzipSync(writeIdxU8(greyStack, [5, 28, 28])));

describe('prunelens corrupt', () => {
  it('writes N×H×W×C uint8 .npy of the same shape, each image corrupted with its own seeded stream', async () => {
    const out = path.join(dir, 'rgb-fog.npy');
    const run = await cli('corrupt', rgbNpy, '--corruption', 'fog', '--severity', '3', '--seed', '5', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wrote .*rgb-fog\.npy: 3×32×32×3 uint8, fog severity 3, seed 5/);
    const result = readBack(out);
    expect(result.shape).toEqual([3, 32, 32, 3]);
    expect(result.dtype).toBe('u1');
    rgb.forEach((image, i) => {
      const expected = applyCorruption(image, 'fog', 3, corruptionRng(5, 'fog', 3, i));
      expect(result.data.subarray(i * 3072, (i + 1) * 3072)).toEqual(expected);
    });
  });

  it('is deterministic, seed-dependent, and --limit keeps the first images unchanged', async () => {
    const file = (name: string) => path.join(dir, name);
    const args = (out: string, seed: string, ...extra: string[]) => ['corrupt', greyNpy, '--corruption', 'snow', '--severity', '4', '--seed', seed, '--out', file(out), ...extra];
    expect((await cli(...args('a.npy', '1'))).code).toBe(0);
    expect((await cli(...args('b.npy', '1'))).code).toBe(0);
    expect((await cli(...args('c.npy', '2'))).code).toBe(0);
    expect((await cli(...args('d.npy', '1', '--limit', '2'))).code).toBe(0);
    const [a, b, c, d] = ['a.npy', 'b.npy', 'c.npy', 'd.npy'].map((name) => readBack(file(name)));
    expect(a.shape).toEqual([5, 28, 28]);
    expect(readFileSync(file('a.npy'))).toEqual(readFileSync(file('b.npy')));
    expect(c.data).not.toEqual(a.data);
    expect(d.shape).toEqual([2, 28, 28]);
    expect(d.data).toEqual(a.data.subarray(0, 2 * 784));
    expect(b.data).toEqual(a.data);
  });

  it('reads gzip IDX (the Fashion-MNIST format) like the same images as .npy', async () => {
    const fromIdx = path.join(dir, 'idx-jpeg.npy');
    const fromNpy = path.join(dir, 'npy-jpeg.npy');
    expect((await cli('corrupt', idxGz, '--corruption', 'jpeg_compression', '--severity', '5', '--out', fromIdx)).code).toBe(0);
    expect((await cli('corrupt', greyNpy, '--corruption', 'jpeg_compression', '--severity', '5', '--out', fromNpy)).code).toBe(0);
    const a = readBack(fromIdx);
    expect(a.shape).toEqual([5, 28, 28]);
    expect(a.data).toEqual(readBack(fromNpy).data);
    expect(a.data).not.toEqual(greyStack);
  });

  it('renders a gallery: 19 rows × (clean + 5 severities) of zoomed tiles', async () => {
    const out = path.join(dir, 'gallery.png');
    const run = await cli('corrupt', '--gallery', idxGz, '--index', '2', '--zoom', '2', '--out', out);
    expect(run.code).toBe(0);
    const png = PNG.sync.read(readFileSync(out));
    expect(png.height).toBeGreaterThan(19 * 56);
    expect(png.width).toBeGreaterThan(6 * 56);
    // The clean tile of the first row is image 2, zoomed 2× (sample its centre pixel).
    const centre = grey[2].data[14 * 28 + 14];
    const header = 5 * 2 + 2 * 4;
    const labelWidth = png.width - 6 * (56 + 4) - 4;
    const o = ((header + 28) * png.width + labelWidth + 28) * 4;
    expect([png.data[o], png.data[o + 1], png.data[o + 2]]).toEqual([centre, centre, centre]);
  });

  it('reports usage errors and bad files in one line', async () => {
    const unknown = await cli('corrupt', greyNpy, '--corruption', 'rain', '--severity', '1', '--out', path.join(dir, 'x.npy'));
    expect(unknown.code).toBe(2); // a usage error (README: 2 for usage, 1 for errors)
    expect(unknown.stderr).toMatch(/^prunelens corrupt: unknown corruption 'rain'/);
    const severity = await cli('corrupt', greyNpy, '--corruption', 'fog', '--severity', '6', '--out', path.join(dir, 'x.npy'));
    expect(severity.code).toBe(2);
    expect(severity.stderr).toMatch(/--severity must be an integer from 1 to 5 \(got '6'\)/);
    const missing = await cli('corrupt', path.join(dir, 'nope.npy'), '--corruption', 'fog', '--severity', '1', '--out', path.join(dir, 'x.npy'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.npy: no such file/);
    const floats = path.join(dir, 'floats.npy');
    writeFileSync(floats, writeNpy(new Float32Array(2 * 4 * 4), [2, 4, 4]));
    const wrongType = await cli('corrupt', floats, '--corruption', 'fog', '--severity', '1', '--out', path.join(dir, 'x.npy'));
    expect(wrongType.stderr).toMatch(/expected uint8 pixels/);
  });
});
