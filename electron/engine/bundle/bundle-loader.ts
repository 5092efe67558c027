// Opens a bundle — a folder with bundle.json, its bundle.json, or a .plbundle zip archive —
// validates the manifest and reads every model's card (head, sparsity, shrink vs its parent —
// bundle.json `parent`, default the dense model).
// A model that cannot be read is reported on that model; the bundle still opens.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PruneLensError, toErrorPayload } from '../../../src-shared/base/errors';
import type { BundleSummary, ModelSummary } from '../../../src-shared/api/types';
import { parseManifest } from '../../../src-shared/bundle/manifest';
import type { BundleManifest } from '../../../src-shared/bundle/manifest';
import type { ModelAnalysis } from '../../../src-shared/onnx/model-analysis';
import { compareStructure } from '../../../src-shared/onnx/structure-compare';
import { ARCHIVE_EXTENSION, openArchiveStore } from './bundle-archive';
import { folderStore } from './bundle-archive-store';
import type { BundleStore } from './bundle-archive-store';
import { readModelBytes } from './model-bytes';
import { analyzeModelFileBytes } from './model-files';
import { summarizeBundleModel } from './model-summary';
import type { ModelSummaryOutput } from '../unpack/unpack-protocol';
import { findCorruptedSetReader } from '../data-sources/data-source-registry';

export interface LoadedBundle {
  /** The bundle folder, or the archive's path. */
  dir: string;
  manifest: BundleManifest;
  summary: BundleSummary;
  /** Reads the bundle's files (folder or archive). */
  store: BundleStore;
}

const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** What identifies an open bundle (its store root): the folder, or the archive file. */
export async function bundleKey(input: string): Promise<string> {
  const absolute = path.resolve(input);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new PruneLensError('not-found', `Bundle not found: ${absolute}`, { file: absolute });
  if (info.isDirectory()) return absolute;
  return isArchivePath(absolute) ? absolute : path.dirname(absolute);
}

const isArchivePath = (file: string) => file.toLowerCase().endsWith(ARCHIVE_EXTENSION) || file.toLowerCase().endsWith('.zip');

/** A store for a folder, a bundle.json inside one, or a .plbundle archive. */
export async function openBundleStore(input: string): Promise<BundleStore> {
  const absolute = path.resolve(input);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new PruneLensError('not-found', `Bundle not found: ${absolute}`, { file: absolute });
  if (info.isFile() && isArchivePath(absolute)) return openArchiveStore(absolute);
  return folderStore(info.isDirectory() ? absolute : path.dirname(absolute));
}

export async function readManifest(store: BundleStore): Promise<BundleManifest> {
  const info = await store.stat('bundle.json');
  if (info?.kind !== 'file') {
    throw new PruneLensError('not-found', `No bundle.json in ${store.root}. A bundle is a folder (or .plbundle archive) with a bundle.json (see README, "Bundle format"); draft one from the ONNX models and data there with \`prunelens init ${store.root}\` (or New bundle… in the app).`, { file: store.label('bundle.json') });
  }
  const bytes = await store.readFile('bundle.json', 'bundle.json', MAX_MANIFEST_BYTES);
  return parseManifest(new TextDecoder().decode(bytes), store.label('bundle.json'));
}

export async function loadBundleManifest(dir: string): Promise<BundleManifest> {
  return readManifest(folderStore(path.resolve(dir)));
}

/** Reads and analyses one model of the manifest (throws PruneLensError). */
export async function analyzeBundleModel(store: BundleStore, model: BundleManifest['models'][number]): Promise<{ analysis: ModelAnalysis; bytes: number }> {
  const bytes = await readModelBytes(store, model.path, `Model '${model.id}'`);
  const overrides = { ...(model.featureTensor ? { featureTensor: model.featureTensor } : {}), ...(model.logitsTensor ? { logitsTensor: model.logitsTensor } : {}) };
  return { analysis: analyzeModelFileBytes(bytes, store.label(model.path), overrides), bytes: bytes.length };
}

/** `cacheRoot`: where model cards are remembered by file content (model-analysis-cache.ts). */
export async function loadBundle(input: string, cacheRoot?: string): Promise<LoadedBundle> {
  const store = await openBundleStore(input);
  try {
    const manifest = await readManifest(store);
    const analyses = new Map<string, Pick<ModelSummaryOutput, 'stats'>>();
    const models: ModelSummary[] = await Promise.all(
      manifest.models.map(async (model) => {
        const base = { id: model.id, path: model.path, role: model.role, method: model.method, ...(model.sparsity !== undefined ? { sparsity: model.sparsity } : {}), ...(model.expectedAccuracy !== undefined ? { expectedAccuracy: model.expectedAccuracy } : {}), ...(model.sweep !== undefined ? { sweep: model.sweep } : {}) };
        try {
          // Parsed in a worker thread: a large or hostile model does not stall other clients.
          const { card, stats } = await summarizeBundleModel(store, model, {}, cacheRoot);
          analyses.set(model.id, { stats });
          return { ...base, card };
        } catch (error) {
          return { ...base, error: toErrorPayload(error) };
        }
      }),
    );
    const denseId = manifest.models.find((m) => m.role === 'dense')?.id;
    for (const [i, summary] of models.entries()) {
      const parentId = manifest.models[i].parent ?? denseId;
      const analysis = analyses.get(summary.id);
      const parent = parentId ? analyses.get(parentId) : undefined;
      if (!summary.card || !analysis || !parent || summary.role === 'dense' || !parentId) continue;
      const s = compareStructure(analysis.stats.layers, parent.stats.layers, analysis.stats.factorised);
      summary.card.shrink = {
        parent: parentId,
        keptParameters: s.keptParameters,
        sameArchitecture: s.sameArchitecture,
        structurallyPruned: s.structurallyPruned,
        layers: s.layers.map((l) => ({ name: l.name, op: l.op, parentName: l.parentName, matchedBy: l.matchedBy, parentOutChannels: l.parentOutChannels, outChannels: l.outChannels })),
        factorised: s.factorised.map(({ first, second, parentName, rank, fullRank }) => ({ first, second, parentName, rank, fullRank })),
        unmatched: s.unmatched,
        unmatchedParent: s.unmatchedParent,
      };
    }
    const clean = manifest.data.clean;
    const corrupted = manifest.data.corrupted;
    const describePrecomputed = (entry: NonNullable<typeof corrupted>) => {
      const found = findCorruptedSetReader(entry);
      return found ? found.reader.describe(found.location) : 'precomputed corrupted sets';
    };
    const summary: BundleSummary = {
      name: manifest.name,
      dir: store.root,
      classes: manifest.classes,
      models,
      limit: manifest.limit ?? null,
      ...(manifest.input.guessed ? { normalisationGuessed: manifest.input.guessed } : {}),
      data: {
        clean: { images: clean.images, labels: clean.labels ?? '(class subfolders)' },
        corrupted: !corrupted
          ? 'none'
          : 'generate' in corrupted
            ? `generated: ${corrupted.generate.corruptions.length} corruptions × severities ${corrupted.generate.severities.join(',')} (seed ${corrupted.generate.seed})`
            : describePrecomputed(corrupted),
      },
    };
    return { dir: store.root, manifest, summary, store };
  } catch (error) {
    await store.close();
    throw error;
  }
}
