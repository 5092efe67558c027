// `prunelens init <folder> [--dense ID] [--name N] [--force] [normalisation options]`: scaffolds
// bundle.json from the ONNX models and data found in the folder, validated, for the user to review.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PruneLensError } from '../../../src-shared/base/errors';
import { importNormalisation } from '../../../src-shared/bundle/normalisation-import';
import { normalisationPresets, presetIds } from '../../../src-shared/bundle/normalisation-presets';
import type { Normalisation, PresetId } from '../../../src-shared/bundle/normalisation-presets';
import { folderStore } from '../../engine/bundle/bundle-archive-store';
import { scaffoldManifest } from '../../engine/bundle/bundle-scaffold';
import type { CliCommand } from '../command';
import { validateBundle } from './validate';

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'Scaffold a bundle.json from the ONNX models and data in a folder.',
  usage: '<folder> [--dense ID] [--name NAME] [--force] [--preset NAME | --normalisation FILE | --mean a,b,c --std a,b,c [--scale S]] [--layout NCHW|NHWC]',
  help: `
Finds .onnx models, a clean test set (.npy images + labels, IDX images + labels, or one
subfolder of PNG/JPEG images per class) and a CIFAR-10-C-layout folder, then writes
<folder>/bundle.json for you to review (class names, normalisation, method names).
The dense model is the one with the most non-zero parameters unless --dense says otherwise.

Input normalisation (bundle.json input: pixels / scale, then (x - mean) / std per channel):
given by --preset, --normalisation or --mean/--std; else read from a preprocessor_config.json
in the folder; else GUESSED from the model's input shape and the classes, and printed: check it.

Options:
  --dense ID            id of the dense model (a file name without .onnx)
  --name NAME           bundle name (default: the folder name)
  --force               overwrite an existing bundle.json
  --preset NAME         ${presetIds.join(', ')}
  --normalisation FILE  a Hugging Face preprocessor_config.json (rescale_factor multiplies),
                        or a file with torchvision mean/std lists (0-1 scale)
  --mean a,b,c          per-channel means after scaling; with --std
  --std a,b,c           per-channel standard deviations after scaling
  --scale S             divisor of the pixels (default 255, so mean/std are on the 0-1 scale)
  --layout L            NCHW or NHWC (default: from the model's input shape)

Example:
  prunelens init ~/experiments/resnet-pruning`,
  options: {
    dense: { type: 'string' }, name: { type: 'string' }, force: { type: 'boolean' }, preset: { type: 'string' }, normalisation: { type: 'string' },
    mean: { type: 'string' }, std: { type: 'string' }, scale: { type: 'string' }, layout: { type: 'string' },
  },
  async run({ positionals, values, stdout }) {
    const [folder] = positionals;
    if (!folder) throw new PruneLensError('bad-request', 'missing <folder>.');
    const target = path.join(path.resolve(folder), 'bundle.json');
    if (!values.force && (await folderStore(path.resolve(folder)).stat('bundle.json'))) {
      throw new PruneLensError('bad-request', `${target} already exists; use --force to overwrite it.`, { file: target });
    }
    const { manifest, notes } = await scaffoldManifest(folder, { dense: values.dense as string | undefined, name: values.name as string | undefined, ...(await normalisationOptions(values)) });
    await writeFile(target, JSON.stringify(manifest, null, 2) + '\n');
    const report = await validateBundle(folder);
    const lines = [`Wrote ${target} (${manifest.models.length} models, dense: ${manifest.models.find((m) => m.role === 'dense')!.id}).`, 'Review:'];
    for (const n of notes) lines.push(`  - ${n}`);
    for (const f of report.findings) lines.push(`  ${f.level} ${f.where}: ${f.message}`);
    lines.push(report.ok ? 'It validates.' : 'It does not validate yet: fix the errors above, then run `prunelens validate`.');
    stdout.write(lines.join('\n') + '\n');
  },
};

const numbers = (flag: string, text: string): number[] => {
  const list = text.split(',').map((x) => Number(x.trim()));
  if (list.length === 0 || list.length > 4 || list.some((x) => !Number.isFinite(x))) throw new PruneLensError('bad-request', `--${flag} ${text}: expected 1–4 comma-separated numbers.`);
  return list;
};

/** The normalisation flags → scaffold options; every misuse is a usage error (exit 2). */
async function normalisationOptions(values: Record<string, string | boolean | string[] | undefined>): Promise<{ preset?: PresetId; normalisation?: Normalisation; layout?: 'NCHW' | 'NHWC' }> {
  const { preset, normalisation: file, mean, std, scale, layout } = values as Record<string, string | undefined>;
  if (layout !== undefined && layout !== 'NCHW' && layout !== 'NHWC') throw new PruneLensError('bad-request', `--layout ${layout}: expected NCHW or NHWC.`);
  const given = [preset !== undefined && '--preset', file !== undefined && '--normalisation', (mean ?? std) !== undefined && '--mean/--std'].filter(Boolean);
  if (given.length > 1) throw new PruneLensError('bad-request', `${given.join(' and ')}: give only one of them.`);
  const result = { ...(layout ? { layout: layout as 'NCHW' | 'NHWC' } : {}) };
  if (scale !== undefined && (mean ?? std) === undefined) throw new PruneLensError('bad-request', '--scale goes with --mean and --std.');
  if (preset !== undefined) {
    if (!presetIds.includes(preset as PresetId)) throw new PruneLensError('bad-request', `--preset ${preset}: expected one of ${normalisationPresets.map((p) => p.id).join(', ')}.`);
    return { ...result, preset: preset as PresetId };
  }
  if (file !== undefined) {
    try {
      return { ...result, normalisation: importNormalisation(await readFile(file, 'utf8')) };
    } catch (error) {
      throw new PruneLensError('bad-request', `--normalisation ${file}: ${(error as Error).message}.`);
    }
  }
  if (mean === undefined && std === undefined) return result;
  if (mean === undefined || std === undefined) throw new PruneLensError('bad-request', '--mean and --std go together.');
  const [m, s, k] = [numbers('mean', mean), numbers('std', std), scale === undefined ? 255 : Number(scale)];
  if (m.length !== s.length) throw new PruneLensError('bad-request', `--mean has ${m.length} values but --std has ${s.length}.`);
  if (!(k > 0) || !Number.isFinite(k)) throw new PruneLensError('bad-request', `--scale ${scale}: expected a positive number.`);
  if (!s.every((x) => x > 0)) throw new PruneLensError('bad-request', '--std values must be positive.');
  return { ...result, normalisation: { scale: k, mean: m, std: s } };
}
