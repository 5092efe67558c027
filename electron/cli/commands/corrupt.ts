// `prunelens corrupt <images> --corruption NAME --severity S --seed K --out out.npy [--limit N]`
// and `prunelens corrupt --gallery <images> [--index I] --out gallery.png`: the CIFAR-10-C
// corruption engine on a .npy or IDX image stack.
import { PruneLensError } from '../../../src-shared/base/errors';
import { allCorruptions, applyCorruption, corruptionRng, isCorruptionName, type CorruptionOptions } from '../../../src-shared/corruptions/index';
import { checkAborted } from '../../../src-shared/base/abort';
import type { CliCommand } from '../command';
import { renderGallery } from '../corruption-gallery';
import { frostTexturesFor, readFrostPhotos } from '../../engine/data-sources/frost-photos';
import { firstImages, readImageStack, writeFileAtomic, writeImageStack } from '../image-input';

function integerOption(value: unknown, name: string, min: number, max: number, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new PruneLensError('bad-request', `missing --${name}.`);
    return fallback;
  }
  const text = String(value);
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new PruneLensError('bad-request', `--${name} must be an integer from ${min} to ${max} (got '${text}').`);
  }
  return n;
}

/** Comma-separated names, wrapped to `width` columns with a hanging `indent`. */
function wrapList(names: readonly string[], indent: number, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const name of names) {
    const next = line ? `${line}, ${name}` : name;
    if (indent + next.length > width && line) {
      lines.push(`${line},`);
      line = name;
    } else line = next;
  }
  lines.push(line);
  return lines.map((l) => ' '.repeat(indent) + l).join('\n');
}

export const corruptCommand: CliCommand = {
  name: 'corrupt',
  summary: 'Apply a CIFAR-10-C corruption (seeded) to a .npy or IDX image stack, or render a gallery.',
  usage: '<images> --corruption NAME --severity 1-5 [--seed K] --out out.npy [--limit N] [--frost-images DIR]\n       prunelens corrupt --gallery <images> [--index I] [--seed K] [--zoom Z] --out gallery.png',
  help: `
Input: uint8 .npy shaped N×H×W or N×H×W×C (C = 1 or 3), or an IDX file (gzip or raw) such as
Fashion-MNIST's t10k-images-idx3-ubyte.gz. Output: .npy uint8 of the same shape (the first N
images with --limit). Image i is corrupted with its own random stream derived from
(seed, corruption, severity, i), so results do not depend on --limit or batching.

Options:
  --corruption NAME   one of:
${wrapList(allCorruptions, 22, 96)}
  --severity S        1 (mildest) to 5
  --seed K            run seed (default 0)
  --out FILE          output .npy (or .png with --gallery)
  --limit N           only the first N images
  --frost-images DIR  frost only: blend crops of the PNG / JPEG photographs in DIR (file-name
                      order, shrunk 0.2× per 32 px as make_cifar_c.py does, e.g. its frost1–5)
                      instead of the procedural textures that stand in for them
  --gallery           render image --index (default 0) under every corruption × severity
  --zoom Z            gallery tile upscaling, nearest neighbour (default 3)

Examples:
  prunelens corrupt t10k-images-idx3-ubyte.gz --corruption fog --severity 3 --seed 1 --out fog3.npy
  prunelens corrupt --gallery test_images.npy --index 7 --out gallery.png`,
  options: {
    corruption: { type: 'string' },
    severity: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    limit: { type: 'string' },
    gallery: { type: 'boolean' },
    index: { type: 'string' },
    zoom: { type: 'string' },
    'frost-images': { type: 'string' },
  },
  async run({ positionals, values, stdout, signal }) {
    const [file, extra] = positionals;
    if (!file) throw new PruneLensError('bad-request', 'missing <images> (.npy or IDX file).');
    if (extra) throw new PruneLensError('bad-request', `unexpected argument '${extra}'.`);
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new PruneLensError('bad-request', 'missing --out FILE.');
    const seed = integerOption(values.seed, 'seed', 0, 2 ** 32 - 1, 0);
    const stack = readImageStack(file);
    if (values.gallery) {
      const index = integerOption(values.index, 'index', 0, Math.max(0, stack.count - 1), 0);
      if (stack.count === 0) throw new PruneLensError('bad-data', `${file}: holds no images.`, { file });
      const zoom = integerOption(values.zoom, 'zoom', 1, 16, 3);
      const size = stack.height * stack.width * stack.channels;
      const image = { data: stack.data.subarray(index * size, (index + 1) * size), width: stack.width, height: stack.height, channels: stack.channels };
      writeFileAtomic(out, renderGallery(image, { seed, zoom, index }));
      stdout.write(`wrote ${out}: image ${index} of ${file} under ${allCorruptions.length} corruptions × 5 severities (seed ${seed})\n`);
      return;
    }
    const name = values.corruption;
    if (typeof name !== 'string') throw new PruneLensError('bad-request', 'missing --corruption NAME.');
    if (!isCorruptionName(name)) throw new PruneLensError('bad-request', `unknown corruption '${name}' (expected one of ${allCorruptions.join(', ')}).`);
    const severity = integerOption(values.severity, 'severity', 1, 5);
    const limit = integerOption(values.limit, 'limit', 0, Number.MAX_SAFE_INTEGER, stack.count);
    const input = firstImages(stack, limit);
    const size = input.height * input.width * input.channels;
    const options: CorruptionOptions = {};
    const frostDir = values['frost-images'];
    if (frostDir !== undefined) {
      if (name !== 'frost') throw new PruneLensError('bad-request', '--frost-images only applies to --corruption frost.');
      const photos = readFrostPhotos(String(frostDir));
      options.frostPhotos = frostTexturesFor(photos, input.width, input.height);
    }
    const result = new Uint8Array(input.count * size);
    const started = performance.now();
    for (let i = 0; i < input.count; i++) {
      if (i % 256 === 0) checkAborted(signal);
      const image = { data: input.data.subarray(i * size, (i + 1) * size), width: input.width, height: input.height, channels: input.channels };
      result.set(applyCorruption(image, name, severity, corruptionRng(seed, name, severity, i), options), i * size);
    }
    const seconds = (performance.now() - started) / 1000;
    writeImageStack(out, result, input.shape);
    const rate = seconds > 0 ? ` (${Math.round(input.count / seconds)} images/s)` : '';
    stdout.write(`wrote ${out}: ${input.shape.join('×')} uint8, ${name} severity ${severity}, seed ${seed}${rate}\n`);
  },
};
