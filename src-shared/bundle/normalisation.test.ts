// Presets carry the published constants; importers convert each convention to bundle.json's
// (scale divides, then (x − mean) / std).
import { describe, expect, it } from 'vitest';
import { preprocessBatch } from '../data/preprocess';
import { importNormalisation } from './normalisation-import';
import { guessPreset, matchPreset, presetById, presetFor } from './normalisation-presets';

describe('normalisation presets', () => {
  it('hold the published statistics on the 0–1 scale', () => {
    expect(presetById('imagenet')).toMatchObject({ scale: 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
    expect(presetById('cifar10')).toMatchObject({ scale: 255, mean: [0.4914, 0.4822, 0.4465], std: [0.247, 0.2435, 0.2616] });
    expect(presetById('cifar10-pytorch-cifar')).toMatchObject({ mean: [0.4914, 0.4822, 0.4465], std: [0.2023, 0.1994, 0.201] });
    expect(presetById('cifar100')).toMatchObject({ scale: 255, mean: [0.5071, 0.4865, 0.4409], std: [0.2673, 0.2564, 0.2762] });
    expect(presetById('mnist')).toMatchObject({ scale: 255, mean: [0.1307], std: [0.3081] });
    expect(presetById('fashion-mnist')).toMatchObject({ scale: 255, mean: [0.286], std: [0.353] });
    expect(presetById('none')).toMatchObject({ scale: 255, mean: [0], std: [1] });
  });

  it('fit the model\'s channels and are recognised back', () => {
    expect(presetFor('mnist', 3)).toEqual({ scale: 255, mean: [0.1307, 0.1307, 0.1307], std: [0.3081, 0.3081, 0.3081] });
    expect(() => presetFor('imagenet', 1)).toThrow(/3 channels; the model has 1/);
    expect(matchPreset({ scale: 255, mean: [0.286], std: [0.353] })).toBe('fashion-mnist');
    expect(matchPreset({ scale: 255, mean: [0.4914, 0.4822, 0.4465], std: [0.2023, 0.1994, 0.201] })).toBe('cifar10-pytorch-cifar');
    expect(matchPreset({ scale: 255, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] })).toBeNull();
    expect(matchPreset({ scale: 1, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] })).toBeNull();
  });

  it('guess from the input shape and classes, or say nothing fits', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `class ${i}`);
    expect(guessPreset({ channels: 3, height: 32, width: 32 }, ten)).toEqual({ preset: 'cifar10', reason: '3×32×32 input, 10 classes' });
    expect(guessPreset({ channels: 3, height: 32, width: 32 }, Array.from({ length: 100 }, String)).preset).toBe('cifar100');
    expect(guessPreset({ channels: 1, height: 28, width: 28 }, ten).preset).toBe('mnist');
    expect(guessPreset({ channels: 1, height: 28, width: 28 }, ['T-shirt/top', 'Trouser']).preset).toBe('fashion-mnist');
    expect(guessPreset({ channels: 1, height: 28, width: 28 }, ten, 0.2861).preset).toBe('fashion-mnist');
    expect(guessPreset({ channels: 1, height: 28, width: 28 }, ten, 0.2).preset).toBe('mnist'); // nearer 0.1307 than 0.286
    expect(guessPreset({ channels: 1, height: 28, width: 28 }, ten, 0.22).reason).toMatch(/test images' mean 0\.220/);
    expect(guessPreset({ channels: 3, height: 224, width: 224 }, ten).preset).toBe('imagenet');
    expect(guessPreset({ channels: 1, height: 8, width: 8 }, ['a', 'b'])).toEqual({ preset: null, reason: '1×8×8 input, 2 classes' });
  });
});

describe('importing normalisation', () => {
  it('reads a Hugging Face preprocessor_config.json: rescale_factor multiplies', () => {
    const vit = JSON.stringify({ do_normalize: true, do_rescale: true, do_resize: true, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5], rescale_factor: 0.00392156862745098, size: { height: 224, width: 224 } });
    const n = importNormalisation(vit);
    expect({ scale: n.scale, mean: n.mean, std: n.std }).toEqual({ scale: 255, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] });
    expect(n.notes.join(' ')).toMatch(/resizes or crops/);
    expect(importNormalisation(JSON.stringify({ do_rescale: true, rescale_factor: 0.5, image_mean: [0.1], image_std: [0.2] })).scale).toBe(2);
    expect(importNormalisation(JSON.stringify({ do_rescale: false, image_mean: [120], image_std: [60] }))).toMatchObject({ scale: 1, mean: [120], std: [60] });
    expect(importNormalisation(JSON.stringify({ do_normalize: false, rescale_factor: 1 / 255, image_mean: [0.5, 0.5, 0.5] }))).toMatchObject({ scale: 255, mean: [0, 0, 0], std: [1, 1, 1] });
    expect(() => importNormalisation(JSON.stringify({ do_normalize: true, rescale_factor: 1 / 255 }))).toThrow(/image_mean and image_std/);
  });

  it('gives the same tensor as the Hugging Face formula x·rescale_factor, then (x − mean)/std', () => {
    const n = importNormalisation(JSON.stringify({ rescale_factor: 1 / 255, image_mean: [0.485, 0.456, 0.406], image_std: [0.229, 0.224, 0.225] }));
    const pixels = new Uint8Array([0, 128, 255]); // one 1×1 RGB pixel
    const out = preprocessBatch(pixels, 1, { height: 1, width: 1, channels: 3 }, 3, { layout: 'NCHW', ...n });
    // Python: (128/255 − 0.456)/0.224 = 0.2051820728…, (0 − 0.485)/0.229 = −2.1179039301…, (1 − 0.406)/0.225 = 2.64
    expect(Array.from(out).map((v) => v.toFixed(5))).toEqual(['-2.11790', '0.20518', '2.64000']);
  });

  it('reads torchvision-style mean/std lists in the forms people paste', () => {
    const cifar = { scale: 255, mean: [0.4914, 0.4822, 0.4465], std: [0.247, 0.2435, 0.2616] };
    expect(importNormalisation('{"mean": [0.4914, 0.4822, 0.4465], "std": [0.2470, 0.2435, 0.2616]}')).toMatchObject(cifar);
    expect(importNormalisation('transforms.Normalize((0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616))')).toMatchObject(cifar);
    expect(importNormalisation('Normalize(mean=[0.4914, 0.4822, 0.4465], std=[0.2470, 0.2435, 0.2616])')).toMatchObject(cifar);
    expect(importNormalisation('mean = (0.1307,)\nstd = (0.3081,)')).toMatchObject({ scale: 255, mean: [0.1307], std: [0.3081] });
    expect(importNormalisation(JSON.stringify({ pretrained_cfg: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } }))).toMatchObject({ scale: 255, std: [0.229, 0.224, 0.225] });
  });

  it('takes mmcv-style 0–255 lists with scale 1, and refuses what it cannot read', () => {
    expect(importNormalisation('mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375]')).toMatchObject({ scale: 1, mean: [123.675, 116.28, 103.53] });
    expect(() => importNormalisation('mean=[0.5, 0.5] std=[0.5]')).toThrow(/mean has 2 entries but std has 1/);
    expect(() => importNormalisation('mean=[0.5] std=[0]')).toThrow(/std must be positive/);
    expect(() => importNormalisation('hello')).toThrow(/no normalisation found/);
    expect(() => importNormalisation('{"size": 224}')).toThrow(/neither image_mean/);
  });
});
