// Normalisation from the files users already have, converted to bundle.json's one convention
// (`scale` divides the pixels, then (x − mean) / std):
// - a Hugging Face preprocessor_config.json: `rescale_factor` MULTIPLIES (1/255 → scale 255) when
//   `do_rescale`; `image_mean` / `image_std` apply when `do_normalize`;
// - timm's `pretrained_cfg` (`mean`, `std`);
// - torchvision-style mean/std lists (JSON `{"mean": […], "std": […]}`, `mean=[…] std=[…]` or
//   `Normalize((…), (…))`), given on the 0–1 scale after ToTensor (scale 255); lists whose means
//   are all above 1 are on the 0–255 scale (mmcv style) and get scale 1.
import type { Normalisation } from './normalisation-presets';

export interface ImportedNormalisation extends Normalisation {
  /** What was recognised, and anything the user should know (resize/crop are not applied). */
  notes: string[];
}

const isNumberList = (v: unknown): v is number[] => Array.isArray(v) && v.length >= 1 && v.length <= 4 && v.every((x) => typeof x === 'number' && Number.isFinite(x));
/** Drops floating-point noise from 1/x (1/(1/255) → 255). */
const tidy = (x: number) => Number(x.toPrecision(12));

function checked(n: Normalisation, notes: string[]): ImportedNormalisation {
  if (!(n.scale > 0) || !Number.isFinite(n.scale)) throw new Error(`the scale ${n.scale} is not a positive number`);
  if (n.mean.length !== n.std.length) throw new Error(`mean has ${n.mean.length} entries but std has ${n.std.length}`);
  if (!n.std.every((s) => s > 0)) throw new Error('every std must be positive');
  return { ...n, notes };
}

function fromHuggingFace(cfg: Record<string, unknown>): ImportedNormalisation {
  const notes = ['Hugging Face preprocessor_config.json'];
  const doRescale = cfg.do_rescale !== false; // the image processors' default is true
  const factor = cfg.rescale_factor ?? 1 / 255; // and 1/255
  if (typeof factor !== 'number' || !(factor > 0)) throw new Error('rescale_factor must be a positive number');
  const scale = doRescale ? tidy(1 / factor) : 1;
  notes.push(doRescale ? `rescale_factor ${factor} multiplies: scale ${scale}` : 'do_rescale is false: pixels are fed unscaled (scale 1)');
  let mean: number[];
  let std: number[];
  if (cfg.do_normalize === false) {
    const channels = isNumberList(cfg.image_mean) ? cfg.image_mean.length : 3;
    [mean, std] = [new Array<number>(channels).fill(0), new Array<number>(channels).fill(1)];
    notes.push('do_normalize is false: mean 0, std 1');
  } else {
    if (!isNumberList(cfg.image_mean) || !isNumberList(cfg.image_std)) throw new Error('image_mean and image_std must be lists of 1–4 numbers (this processor\'s defaults are not known here)');
    [mean, std] = [cfg.image_mean, cfg.image_std];
  }
  if (cfg.do_resize === true || cfg.do_center_crop === true) notes.push('the config resizes or crops images: PruneLens does not; the data must already be at the model\'s input size');
  return checked({ scale, mean, std }, notes);
}

function fromLists(mean: number[], std: number[], what: string): ImportedNormalisation {
  const on255 = mean.every((m) => m > 1);
  const notes = [what, on255 ? 'means above 1: values on the 0–255 scale (scale 1)' : 'values on the 0–1 scale (scale 255)'];
  return checked({ scale: on255 ? 1 : 255, mean, std }, notes);
}

const numberList = String.raw`[[(]\s*(-?[\d.eE+-]+(?:\s*,\s*-?[\d.eE+-]+)*)\s*,?\s*[\])]`;

function parseNumbers(list: string): number[] {
  const values = list.split(',').map((s) => Number(s.trim()));
  if (values.some((v) => !Number.isFinite(v))) throw new Error(`"${list}" is not a list of numbers`);
  return values;
}

function fromText(text: string): ImportedNormalisation {
  const named = (key: string) => new RegExp(String.raw`\b${key}\b["']?\s*[=:]\s*` + numberList).exec(text)?.[1];
  const [mean, std] = [named('mean'), named('std')];
  if (mean !== undefined && std !== undefined) return fromLists(parseNumbers(mean), parseNumbers(std), 'mean/std lists');
  const normalize = new RegExp(String.raw`Normalize\(\s*` + numberList + String.raw`\s*,\s*` + numberList).exec(text);
  if (normalize) return fromLists(parseNumbers(normalize[1]), parseNumbers(normalize[2]), 'torchvision Normalize(mean, std)');
  throw new Error('no normalisation found: expected a preprocessor_config.json, {"mean": […], "std": […]}, mean=[…] std=[…] or Normalize((…), (…))');
}

/** Parses pasted or loaded text; throws an Error saying what was expected. */
export function importNormalisation(text: string): ImportedNormalisation {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fromText(text);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fromText(text);
  const cfg = json as Record<string, unknown>;
  if ('image_mean' in cfg || 'rescale_factor' in cfg || 'do_normalize' in cfg || 'do_rescale' in cfg) return fromHuggingFace(cfg);
  const timm = cfg.pretrained_cfg as Record<string, unknown> | undefined;
  if (timm && isNumberList(timm.mean) && isNumberList(timm.std)) return fromLists(timm.mean, timm.std, 'timm pretrained_cfg');
  if (isNumberList(cfg.mean) && isNumberList(cfg.std)) return fromLists(cfg.mean, cfg.std, 'mean/std lists');
  throw new Error('this JSON has neither image_mean/image_std (Hugging Face), pretrained_cfg (timm) nor mean/std lists');
}
