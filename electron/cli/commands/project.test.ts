import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gaussianMixture } from '../../../tools/fixtures/projection/datasets';
import { readNpy, writeNpy } from '../../../src-shared/formats/npy';
import { runCliCaptured } from '../../../tools/testing/run-cli';

const dir = mkdtempSync(path.join(tmpdir(), 'prunelens-project-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCliCaptured(args);

describe('prunelens project', () => {
  const features = path.join(dir, 'features.npy');
  const { data } = gaussianMixture(300, 12, 4, 2);
  writeFileSync(features, writeNpy(data, [300, 12]));

  it('writes an N×dims float32 map, reproducibly, with progress on stderr and quality on stdout', async () => {
    const out = path.join(dir, 'map.npy');
    const first = await cli(['project', features, '--dims', '3', '--seed', '4', '--epochs', '60', '--out', out, '--quality']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/umap\s+\d+%/);
    expect(first.stdout).toMatch(/wrote .*map\.npy\s+\(300×3 float32 from 300×12/);
    expect(first.stdout).toMatch(/trustworthiness@15 0\.9\d+/);
    const map = readNpy(new Uint8Array(readFileSync(out)));
    expect(map.header).toMatchObject({ dtype: 'f4', shape: [300, 3] });
    await cli(['project', features, '--dims', '3', '--seed', '4', '--epochs', '60', '--out', `${out}.again.npy`]);
    expect(readFileSync(`${out}.again.npy`)).toEqual(readFileSync(out));
  });

  it('defaults the output name and supports 2-D', async () => {
    const result = await cli(['project', features, '--dims', '2', '--epochs', '20']);
    expect(result.code).toBe(0);
    expect(readNpy(new Uint8Array(readFileSync(path.join(dir, 'features.umap2d.npy')))).header.shape).toEqual([300, 2]);
  });

  it('explains usage errors', async () => {
    expect((await cli(['project', features, '--dims', '4'])).stderr).toMatch(/--dims must be 2 or 3/);
    expect((await cli(['project', features, '--dims', '3', '--epochs', 'x'])).stderr).toMatch(/--epochs must be a whole number/);
    expect((await cli(['project', path.join(dir, 'missing.npy'), '--dims', '3'])).stderr).toMatch(/not found/);
    const labels = path.join(dir, 'labels.npy');
    writeFileSync(labels, writeNpy(new Int32Array(300), [300]));
    expect((await cli(['project', labels, '--dims', '2'])).stderr).toMatch(/expected a 2-D N×d array/);
  });
});
