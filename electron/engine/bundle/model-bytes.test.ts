// External data: weights in a file beside model.onnx are read for analysis and inference, from a
// bundle folder and from a .plbundle archive; locations leaving the bundle (absolute, `..`,
// a symbolic link out) are refused with a clear error.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { decodeOnnxModel, onnxSchema } from '../../../src-shared/onnx/decode-model';
import { analyzeModelBytes } from '../../../src-shared/onnx/model-analysis';
import { resolveExternalPath } from '../../../src-shared/onnx/external-data';
import { openArchiveStore } from './bundle-archive';
import { folderStore } from './bundle-archive-store';
import { readModelBytes } from './model-bytes';
import { readModelFileBytes } from './model-files';

const family = path.resolve(__dirname, '../../../tools/fixtures/onnx/families/external_data');
const inline = path.resolve(__dirname, '../../../tools/fixtures/onnx/families/plain_cnn');

/** The external-data fixture copied to models/ of a fresh bundle folder, with every location replaced. */
function bundleWithLocation(location: string | null): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'prunelens-external-'));
  mkdirSync(path.join(dir, 'models'));
  cpSync(path.join(family, 'weights.bin'), path.join(dir, 'models', 'weights.bin'));
  const model = decodeOnnxModel(new Uint8Array(readFileSync(path.join(family, 'model.onnx'))));
  if (location !== null) for (const t of model.graph!.initializer!) for (const e of t.externalData ?? []) if (e.key === 'location') e.value = location;
  writeFileSync(path.join(dir, 'models', 'model.onnx'), onnxSchema.ModelProto.encode(model).finish());
  return dir;
}

describe('external data', () => {
  it('is inlined: same head and same onnxruntime outputs as reading weights.bin by hand', async () => {
    const dir = bundleWithLocation(null);
    const bytes = await readModelBytes(folderStore(dir), 'models/model.onnx', 'Model');
    const { head, headError } = analyzeModelBytes(bytes);
    expect(headError).toBeNull();
    // Independent check: the W of the head equals the bytes at its offset in weights.bin.
    const model = decodeOnnxModel(new Uint8Array(readFileSync(path.join(family, 'model.onnx'))));
    const weight = model.graph!.initializer!.find((t) => t.dims?.length === 2 && Number(t.dims[0]) === 4)!;
    const field = (k: string) => Number(weight.externalData!.find((e) => e.key === k)!.value);
    const raw = readFileSync(path.join(family, 'weights.bin')).subarray(field('offset'), field('offset') + field('length'));
    expect(Array.from(head!.weights)).toEqual(Array.from(new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length))));
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ input: new ort.Tensor('float32', new Float32Array(2 * 64).fill(0.5), [2, 1, 8, 8]) });
    expect((out.logits.data as Float32Array).length).toBe(8);
    await session.release();
  });

  it('reads the weights from a .plbundle archive, and from beside a model file given to inspect', async () => {
    const dir = bundleWithLocation(null);
    const archive = path.join(mkdtempSync(path.join(tmpdir(), 'prunelens-external-zip-')), 'b.plbundle');
    writeFileSync(archive, zipSync({
      'bundle.json': new TextEncoder().encode('{}'),
      'models/model.onnx': new Uint8Array(readFileSync(path.join(dir, 'models', 'model.onnx'))),
      'models/weights.bin': [new Uint8Array(readFileSync(path.join(dir, 'models', 'weights.bin'))), { level: 0 }],
    }));
    const store = await openArchiveStore(archive);
    const fromZip = await readModelBytes(store, 'models/model.onnx', 'Model');
    await store.close();
    const fromFolder = await readModelBytes(folderStore(dir), 'models/model.onnx', 'Model');
    expect(Buffer.from(fromZip).equals(Buffer.from(fromFolder))).toBe(true);
    expect(Buffer.from(await readModelFileBytes(path.join(dir, 'models', 'model.onnx'))).equals(Buffer.from(fromFolder))).toBe(true);
  });

  it('leaves a model without external data byte for byte as it is', async () => {
    const bytes = await readModelBytes(folderStore(inline), 'model.onnx', 'Model');
    expect(Buffer.from(bytes).equals(readFileSync(path.join(inline, 'model.onnx')))).toBe(true);
  });

  it.each([
    ['a/../../../weights.bin', /outside the bundle/],
    ['../../etc/passwd', /outside the bundle/],
    ['/etc/passwd', /an absolute path/],
    ['C:\\weights.bin', /an absolute path/],
  ])('refuses location %s', async (location, message) => {
    const dir = bundleWithLocation(location);
    const error = await readModelBytes(folderStore(path.join(dir)), 'models/model.onnx', 'Model').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'forbidden' });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('external data must be a file beside the model inside the bundle');
  });

  it('allows ../ that stays inside the bundle, refuses a symbolic link out of it', async () => {
    const dir = bundleWithLocation('../shared/weights.bin');
    mkdirSync(path.join(dir, 'shared'));
    cpSync(path.join(family, 'weights.bin'), path.join(dir, 'shared', 'weights.bin'));
    expect(analyzeModelBytes(await readModelBytes(folderStore(dir), 'models/model.onnx', 'Model')).head).not.toBeNull();
    expect(resolveExternalPath('models/model.onnx', '../shared/./weights.bin', 'm', 't')).toBe('shared/weights.bin');

    const outside = mkdtempSync(path.join(tmpdir(), 'prunelens-outside-'));
    cpSync(path.join(family, 'weights.bin'), path.join(outside, 'weights.bin'));
    const linked = bundleWithLocation('link.bin');
    symlinkSync(path.join(outside, 'weights.bin'), path.join(linked, 'models', 'link.bin'));
    const error = await readModelBytes(folderStore(linked), 'models/model.onnx', 'Model').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'forbidden' });
    expect((error as Error).message).toMatch(/tensor '.*' keeps its data in 'models\/link.bin', which leads outside the bundle/);
  });

  it('says which file is missing', async () => {
    const dir = bundleWithLocation('missing.bin');
    await expect(readModelBytes(folderStore(dir), 'models/model.onnx', 'Model')).rejects.toThrow(/External data of tensor '.*' \(.*model\.onnx\) not found: .*missing\.bin/);
  });
});
