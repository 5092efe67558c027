// The image adapter: named feeds in the declared layout with the preprocessing formula, and a model
// with an input beside the image refused up front, naming the inputs (before this seam it failed
// inside onnxruntime), on every path that meets a model: analyze, validate, the wizard, inspect --verify.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { ManifestModel } from '../../../../src-shared/bundle/manifest';
import { analyzeModelBytes } from '../../../../src-shared/onnx/model-analysis';
import { addHeadOutputs } from '../../../../src-shared/onnx/surgery';
import { tempDir } from '../../../../tools/fixtures/formats/make-test-bundle';
import { twoInputModel } from '../../../../tools/testing/two-input-model';
import { folderStore } from '../../bundle/bundle-archive-store';
import { scaffoldManifest } from '../../bundle/bundle-scaffold';
import { verifyHead } from '../../extraction/head-verify';
import { modelInputProblem } from '../../extraction/model-input';
import { prepareModel } from '../../extraction/prepared-model';
import { inputAdapters } from '../input-adapters';
import { imageAdapter } from './image-adapter';
import { imageBatcher } from './image-batch';
import { occludedCopies } from './image-occlusion';

const refusal = /the model has 2 inputs \('x' float \[N, 1, 4, 4\], 'mask' float \[N, 3\]\); PruneLens feeds one image input \('x'\) and cannot feed 'mask'/;

describe('image input adapter', () => {
  it('feeds the one image input by name, NCHW or NHWC, with (x/scale − mean)/std', () => {
    const schema = inputAdapters.schemaFor([{ name: 'img', type: { tensorType: { elemType: 10, shape: { dim: [{ dimValue: 2 }, { dimValue: 3 }, { dimValue: 1 }, { dimValue: 2 }] } } } }], 'm.onnx');
    expect(schema).toEqual({ kind: 'image', inputs: [{ name: 'img', type: 'float16', shape: [2, 3, 1, 2] }], fixedBatch: 2 });
    const pixels = Uint8Array.from([0, 51, 102, 153, 204, 255, 10, 20, 30, 40, 50, 60]); // 2 images, 1×2 RGB, HWC
    const spec = { layout: 'NCHW' as const, scale: 255, mean: [0.5, 0.25, 0], std: [0.5, 0.25, 2] };
    const batch = imageBatcher(schema, { height: 1, width: 2, channels: 3 }, spec)(pixels, 2);
    const feeds = inputAdapters.toFeeds(schema, batch, (n) => new Float32Array(n));
    expect(Object.keys(feeds)).toEqual(['img']);
    expect(feeds.img.dims).toEqual([2, 3, 1, 2]);
    expect(feeds.img.type).toBe('float16');
    // Independent: NCHW index (n, c, w) holds pixel (n, w, c).
    const want: number[] = [];
    for (let n = 0; n < 2; n++) for (let c = 0; c < 3; c++) for (let w = 0; w < 2; w++) want.push((pixels[n * 6 + w * 3 + c] / 255 - spec.mean[c]) / spec.std[c]);
    feeds.img.data.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
    const nhwc = imageAdapter.toFeeds(schema, { ...batch, spec: { ...spec, layout: 'NHWC' } }, (n) => new Float32Array(n));
    expect(nhwc.img.dims).toEqual([2, 1, 2, 3]);
    nhwc.img.data.forEach((v, i) => expect(v).toBeCloseTo((pixels[i] / 255 - spec.mean[i % 3]) / spec.std[i % 3], 6));
  });

  it('refuses a model with a second input up front, naming both, where onnxruntime itself would run it', async () => {
    const bytes = twoInputModel();
    // The model is sound: onnxruntime runs it when both inputs are fed by name.
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ x: new ort.Tensor('float32', new Float32Array(32).fill(0.5), [2, 1, 4, 4]), mask: new ort.Tensor('float32', new Float32Array(6).fill(1), [2, 3]) });
    expect(out.logits.dims).toEqual([2, 3]);
    await session.release();

    const dir = tempDir('prunelens-inputs-');
    writeFileSync(path.join(dir, 'two.onnx'), bytes);
    const model = { id: 'two', path: 'two.onnx', role: 'dense', method: 'Dense' } as ManifestModel;
    await expect(prepareModel(folderStore(dir), model)).rejects.toMatchObject({ code: 'bad-onnx', message: expect.stringMatching(refusal), details: { inputs: 'x, mask' } });
    const analysis = analyzeModelBytes(bytes);
    expect(analysis.head?.featureTensor).toBe('features');
    expect(modelInputProblem(analysis.index.inputs, 'NCHW', { height: 4, width: 4, channels: 1 })).toMatch(refusal);
    await expect(verifyHead(addHeadOutputs(analysis.model, analysis.index, analysis.head!).bytes, analysis.index, analysis.head!, { fileLabel: 'two.onnx' }))
      .rejects.toMatchObject({ code: 'bad-onnx', message: expect.stringMatching(/^two\.onnx: the model has 2 inputs/) });
    // The one-input model beside it is fed as before.
    expect(modelInputProblem(analysis.index.inputs.slice(0, 1), 'NCHW', { height: 4, width: 4, channels: 1 })).toBeNull();
    expect(modelInputProblem([], 'NCHW', null)).toBe('the model has no graph input.');
    // The bundle wizard drafts the bundle but says why the model cannot be analysed as it is.
    const { notes, manifest } = await scaffoldManifest(dir);
    expect(manifest.input.layout).toBe('NCHW');
    expect(notes).toContainEqual(expect.stringMatching(/^the dense model cannot be fed as it is: the model has 2 inputs .*cannot feed 'mask'/));
  });

  it('builds occlusion\'s perturbations: the original, then one copy per patch filled with the image mean', () => {
    const image = Uint8Array.from({ length: 4 * 3 * 2 }, (_, i) => i * 10); // 4 wide, 3 high, 2 channels
    const { positions, pixels, count } = occludedCopies(image, { width: 4, height: 3, channels: 2 }, 2, 2);
    expect(positions).toEqual([[0, 0], [2, 0]]);
    expect(count).toBe(3);
    expect(Array.from(pixels.subarray(0, 24))).toEqual(Array.from(image));
    const mean = Math.round(image.reduce((a, b) => a + b, 0) / 24); // 115
    positions.forEach(([x0, y0], k) => {
      const copy = pixels.subarray((k + 1) * 24, (k + 2) * 24);
      for (let y = 0; y < 3; y++) for (let x = 0; x < 4; x++) for (let c = 0; c < 2; c++) {
        const inside = x >= x0 && x < x0 + 2 && y >= y0 && y < y0 + 2;
        expect(copy[(y * 4 + x) * 2 + c]).toBe(inside ? mean : image[(y * 4 + x) * 2 + c]);
      }
    });
  });
});
