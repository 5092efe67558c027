// `prunelens init <folder> [--dense ID] [--name N] [--force]`: scaffolds bundle.json from the ONNX
// models and data found in the folder, validated, for the user to review.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PruneLensError } from '../../../src-shared/api/errors';
import { folderStore } from '../../engine/bundle-archive-store';
import { scaffoldManifest } from '../../engine/bundle-scaffold';
import type { CliCommand } from '../command';
import { validateBundle } from './validate';

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'Scaffold a bundle.json from the ONNX models and data in a folder.',
  usage: '<folder> [--dense ID] [--name NAME] [--force]',
  help: `
Finds .onnx models, a clean test set (.npy images + labels, IDX images + labels, or one
subfolder of PNG/JPEG images per class) and a CIFAR-10-C-layout folder, then writes
<folder>/bundle.json for you to review (class names, normalisation, method names).
The dense model is the one with the most non-zero parameters unless --dense says otherwise.

Options:
  --dense ID   id of the dense model (a file name without .onnx)
  --name NAME  bundle name (default: the folder name)
  --force      overwrite an existing bundle.json

Example:
  prunelens init ~/experiments/resnet-pruning`,
  options: { dense: { type: 'string' }, name: { type: 'string' }, force: { type: 'boolean' } },
  async run({ positionals, values, stdout }) {
    const [folder] = positionals;
    if (!folder) throw new PruneLensError('bad-request', 'missing <folder>.');
    const target = path.join(path.resolve(folder), 'bundle.json');
    if (!values.force && (await folderStore(path.resolve(folder)).stat('bundle.json'))) {
      throw new PruneLensError('bad-request', `${target} already exists; use --force to overwrite it.`, { file: target });
    }
    const { manifest, notes } = await scaffoldManifest(folder, { dense: values.dense as string | undefined, name: values.name as string | undefined });
    await writeFile(target, JSON.stringify(manifest, null, 2) + '\n');
    const report = await validateBundle(folder);
    const lines = [`Wrote ${target} (${manifest.models.length} models, dense: ${manifest.models.find((m) => m.role === 'dense')!.id}).`, 'Review:'];
    for (const n of notes) lines.push(`  - ${n}`);
    for (const f of report.findings) lines.push(`  ${f.level} ${f.where}: ${f.message}`);
    lines.push(report.ok ? 'It validates.' : 'It does not validate yet: fix the errors above, then run `prunelens validate`.');
    stdout.write(lines.join('\n') + '\n');
  },
};
