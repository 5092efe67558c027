// Opens a bundle folder (or its bundle.json): validates the manifest, reads every model's card.
// A model that cannot be read is reported on that model; the bundle still opens.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PruneLensError, toErrorPayload } from '../../src-shared/api/errors';
import type { BundleSummary, ModelSummary } from '../../src-shared/api/types';
import { parseManifest } from '../../src-shared/bundle/manifest';
import type { BundleManifest } from '../../src-shared/bundle/manifest';
import { readFileChecked, readModelCard } from './model-files';

export interface LoadedBundle {
  dir: string;
  manifest: BundleManifest;
  summary: BundleSummary;
}

/** The folder of a bundle given as a folder or as the path of its bundle.json. */
export async function resolveBundleDir(input: string): Promise<string> {
  const absolute = path.resolve(input);
  let info;
  try {
    info = await stat(absolute);
  } catch {
    throw new PruneLensError('not-found', `Bundle not found: ${absolute}`, { file: absolute });
  }
  return info.isDirectory() ? absolute : path.dirname(absolute);
}

export async function loadBundleManifest(dir: string): Promise<BundleManifest> {
  const file = path.join(dir, 'bundle.json');
  const bytes = await readFileChecked(file, 'bundle.json').catch((error: unknown) => {
    if (error instanceof PruneLensError && error.code === 'not-found') {
      throw new PruneLensError('not-found', `No bundle.json in ${dir}. A bundle is a folder with a bundle.json (see README, "Bundle format").`, { file });
    }
    throw error;
  });
  return parseManifest(new TextDecoder().decode(bytes), file);
}

export async function loadBundle(input: string): Promise<LoadedBundle> {
  const dir = await resolveBundleDir(input);
  const manifest = await loadBundleManifest(dir);
  const models: ModelSummary[] = await Promise.all(
    manifest.models.map(async (model) => {
      const base = { id: model.id, path: model.path, role: model.role, method: model.method, ...(model.sparsity !== undefined ? { sparsity: model.sparsity } : {}) };
      try {
        return { ...base, card: await readModelCard(path.join(dir, model.path)) };
      } catch (error) {
        return { ...base, error: toErrorPayload(error) };
      }
    }),
  );
  const corrupted = manifest.data.corrupted;
  const summary: BundleSummary = {
    name: manifest.name,
    dir,
    classes: manifest.classes,
    models,
    limit: manifest.limit ?? null,
    data: {
      clean: manifest.data.clean,
      corrupted: !corrupted
        ? 'none'
        : 'generate' in corrupted
          ? `generated: ${corrupted.generate.corruptions.length} corruptions × severities ${corrupted.generate.severities.join(',')} (seed ${corrupted.generate.seed})`
          : `CIFAR-10-C layout in ${corrupted.cifarC.dir}`,
    },
  };
  return { dir, manifest, summary };
}
