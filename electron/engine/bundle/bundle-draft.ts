// The New bundle… wizard's engine side: draft a bundle.json for a folder, and save a reviewed one
// (validated first; an existing bundle.json is only replaced when asked).
import path from 'node:path';
import { PruneLensError } from '../../../src-shared/base/errors';
import { manifestProblems, parseManifest } from '../../../src-shared/bundle/manifest';
import type { BundleManifest } from '../../../src-shared/bundle/manifest';
import type { NormalisationChoice } from '../../../src-shared/bundle/normalisation-presets';
import { folderStore } from './bundle-archive-store';
import { scaffoldManifest } from './bundle-scaffold';
import { writeFileAtomic } from '../cache/atomic-file';

export async function draftBundle(folder: string, dense?: string): Promise<{ manifest: BundleManifest; notes: string[]; exists: boolean; normalisation: NormalisationChoice }> {
  const { manifest, notes, normalisation } = await scaffoldManifest(folder, { dense });
  const exists = (await folderStore(path.resolve(folder)).stat('bundle.json')) !== null;
  return { manifest, notes, exists, normalisation };
}

export async function saveBundle(folder: string, manifest: unknown, overwrite = false): Promise<string> {
  const dir = path.resolve(folder);
  const store = folderStore(dir);
  if ((await store.stat(''))?.kind !== 'dir') throw new PruneLensError('not-found', `Folder not found: ${dir}`, { file: dir });
  if (!overwrite && (await store.stat('bundle.json'))) throw new PruneLensError('bad-request', `${path.join(dir, 'bundle.json')} already exists; confirm to replace it.`, { file: path.join(dir, 'bundle.json') });
  const problems = manifestProblems(manifest);
  if (problems.length > 0) parseManifest(JSON.stringify(manifest), 'bundle.json'); // throws, listing every problem
  for (const model of (manifest as BundleManifest).models) {
    if ((await store.stat(model.path))?.kind !== 'file') throw new PruneLensError('not-found', `models[${model.id}]: ${model.path} is not a file in ${dir}.`, { file: model.path });
  }
  await writeFileAtomic(path.join(dir, 'bundle.json'), new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'));
  return dir;
}
