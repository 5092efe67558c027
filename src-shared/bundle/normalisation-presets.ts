// Normalisation presets for bundle.json `input` (scale is a DIVISOR, mean/std apply after it), and
// a guess of the preset from the model's input shape, for the New bundle… wizard and `prunelens init`.
// Values are the published dataset statistics on the 0–1 scale (pixels / 255).

export type PresetId = 'imagenet' | 'cifar10' | 'cifar10-pytorch-cifar' | 'cifar100' | 'mnist' | 'fashion-mnist' | 'none';

export interface Normalisation {
  /** Pixels are divided by this (255 for uint8 data fed on the 0–1 scale). */
  scale: number;
  mean: number[];
  std: number[];
}

/** How a drafted bundle's normalisation was chosen: shown by the wizard and `prunelens init`. */
export interface NormalisationChoice {
  /** The preset the numbers equal, or null. */
  preset: PresetId | null;
  /** 'guessed' from the input shape (or nothing fit: the 'none' placeholder): the user must check it. */
  origin: 'given' | 'preset' | 'preprocessor_config.json' | 'guessed';
  reason: string;
}

export interface NormalisationPreset extends Normalisation {
  id: PresetId;
  label: string;
  /** Where the numbers come from. */
  source: string;
}

/**
 * CIFAR-10: the default is the per-pixel standard deviation over the training set
 * (0.2470, 0.2435, 0.2616), the dataset's real statistics. The widespread (0.2023, 0.1994, 0.2010)
 * from the pytorch-cifar repository is a different quantity (not the pixel std), but many
 * checkpoints were trained with it, so it is offered under its own id.
 */
export const normalisationPresets: readonly NormalisationPreset[] = [
  { id: 'imagenet', label: 'ImageNet', scale: 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], source: 'torchvision ImageNet statistics' },
  { id: 'cifar10', label: 'CIFAR-10', scale: 255, mean: [0.4914, 0.4822, 0.4465], std: [0.247, 0.2435, 0.2616], source: 'CIFAR-10 training-set pixel mean and std' },
  { id: 'cifar10-pytorch-cifar', label: 'CIFAR-10 (std 0.2023, pytorch-cifar)', scale: 255, mean: [0.4914, 0.4822, 0.4465], std: [0.2023, 0.1994, 0.201], source: 'the kuangliu/pytorch-cifar constants' },
  { id: 'cifar100', label: 'CIFAR-100', scale: 255, mean: [0.5071, 0.4865, 0.4409], std: [0.2673, 0.2564, 0.2762], source: 'CIFAR-100 training-set pixel mean and std' },
  { id: 'mnist', label: 'MNIST', scale: 255, mean: [0.1307], std: [0.3081], source: 'MNIST training-set pixel mean and std' },
  { id: 'fashion-mnist', label: 'Fashion-MNIST', scale: 255, mean: [0.286], std: [0.353], source: 'Fashion-MNIST training-set pixel mean and std' },
  { id: 'none', label: 'None (pixels / 255, no mean/std)', scale: 255, mean: [0], std: [1], source: 'inputs on the 0–1 scale without normalisation' },
];

export const presetIds = normalisationPresets.map((p) => p.id);

export function presetById(id: PresetId): NormalisationPreset {
  const preset = normalisationPresets.find((p) => p.id === id);
  if (!preset) throw new Error(`unknown normalisation preset "${id}"`);
  return preset;
}

/** The preset's numbers for a model with `channels` input channels (1-channel stats for 3 replicate, and 3 → 1 averages). */
export function presetFor(id: PresetId, channels: number): Normalisation {
  const p = presetById(id);
  if (p.mean.length === channels) return { scale: p.scale, mean: [...p.mean], std: [...p.std] };
  if (p.mean.length === 1) return { scale: p.scale, mean: new Array<number>(channels).fill(p.mean[0]), std: new Array<number>(channels).fill(p.std[0]) };
  throw new Error(`the ${p.label} preset has ${p.mean.length} channels; the model has ${channels}`);
}

/** The preset whose numbers equal `n` (to 4 decimals), if any: shows "CIFAR-10" for a bundle that uses it. */
export function matchPreset(n: Normalisation): PresetId | null {
  const close = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) < 5e-5);
  const uniform = (xs: number[]) => xs.every((x) => x === xs[0]);
  for (const p of normalisationPresets) {
    if (Math.abs(p.scale - n.scale) > 1e-9) continue;
    const mean = p.mean.length === 1 && uniform(n.mean) ? [n.mean[0]] : n.mean;
    const std = p.std.length === 1 && uniform(n.std) ? [n.std[0]] : n.std;
    if (close(mean, p.mean) && close(std, p.std)) return p.id;
  }
  return null;
}

const fashionWords = ['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot'];

/**
 * A guess from the model input (channels × height × width), the classes and the test images' mean
 * pixel on the 0–1 scale (when known); `preset` is null when nothing fits, and the user must
 * choose. `reason` says what the guess rests on.
 */
export function guessPreset(input: { channels: number; height: number; width: number }, classes: string[], dataMean?: number): { preset: PresetId | null; reason: string } {
  const { channels, height, width } = input;
  const shape = `${channels}×${height}×${width} input, ${classes.length} classes`;
  if (channels === 1 && height === 28 && width === 28) {
    // MNIST (mean 0.1307) and Fashion-MNIST (0.2860) differ in brightness: the test images tell them apart.
    if (dataMean !== undefined && Number.isFinite(dataMean)) {
      const fashion = Math.abs(dataMean - 0.286) < Math.abs(dataMean - 0.1307);
      return { preset: fashion ? 'fashion-mnist' : 'mnist', reason: `${shape}, test images' mean ${dataMean.toFixed(3)} (MNIST 0.131, Fashion-MNIST 0.286)` };
    }
    const fashion = classes.some((c) => fashionWords.some((w) => c.toLowerCase().includes(w)));
    return { preset: fashion ? 'fashion-mnist' : 'mnist', reason: `${shape}${fashion ? ', Fashion-MNIST class names' : ''}` };
  }
  if (channels === 3 && height === 32 && width === 32 && classes.length === 10) return { preset: 'cifar10', reason: shape };
  if (channels === 3 && height === 32 && width === 32 && classes.length === 100) return { preset: 'cifar100', reason: shape };
  if (channels === 3 && (classes.length === 1000 || (height >= 64 && width >= 64))) return { preset: 'imagenet', reason: shape };
  return { preset: null, reason: shape };
}
