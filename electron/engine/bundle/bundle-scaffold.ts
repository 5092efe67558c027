// Drafts a bundle.json for a folder of ONNX models and data: the models (dense = the most non-zero
// parameters unless told), the clean test set and precomputed corrupted sets found there, with notes on
// what the user must still review. Shared by `prunelens init` and the UI's New bundle… wizard.
import path from 'node:path';
import { PruneLensError, toErrorPayload } from '../../../src-shared/base/errors';
import { parseManifest } from '../../../src-shared/bundle/manifest';
import type { BundleManifest, CleanDataSpec } from '../../../src-shared/bundle/manifest';
import { importNormalisation } from '../../../src-shared/bundle/normalisation-import';
import { guessPreset, matchPreset, presetById, presetFor } from '../../../src-shared/bundle/normalisation-presets';
import type { Normalisation, NormalisationChoice, PresetId } from '../../../src-shared/bundle/normalisation-presets';
import type { ModelAnalysis } from '../../../src-shared/onnx/model-analysis';
import { folderStore } from './bundle-archive-store';
import { scanBundleFolder } from '../data-sources/data-source-scan';
import type { BundleStore } from './bundle-archive-store';
import { readModelBytes } from './model-bytes';
import { openCleanSource } from '../data-sources/data-source';
import { analyzeModelFileBytes } from './model-files';
import { guessImageInput } from '../inputs/image/image-adapter';
import { modelInputProblem } from '../extraction/model-input';

export interface ScaffoldOptions {
  dense?: string;
  name?: string;
  /** A preset, or explicit numbers (these win); otherwise preprocessor_config.json in the folder, else a guess. */
  preset?: PresetId;
  normalisation?: Normalisation;
  layout?: 'NCHW' | 'NHWC';
}

/** Mean pixel (0–1) of up to 1,000 uint8 test images, or undefined when they cannot be read. */
async function testImagesMean(store: BundleStore, clean: CleanDataSpec | null): Promise<number | undefined> {
  if (!clean) return undefined;
  try {
    const source = await openCleanSource(store, clean);
    try {
      if (source.dtype !== 'uint8') return undefined;
      const pixels = await source.readBatch(0, Math.min(1000, source.count));
      let sum = 0;
      for (let i = 0; i < pixels.length; i++) sum += pixels[i];
      return pixels.length ? sum / pixels.length / 255 : undefined;
    } finally {
      await source.close();
    }
  } catch {
    return undefined;
  }
}

async function chooseNormalisation(store: BundleStore, options: ScaffoldOptions, input: { channels: number; height: number; width: number }, classes: string[], cleanSpec: CleanDataSpec | null): Promise<{ numbers: Normalisation; choice: Omit<NormalisationChoice, 'preset'> }> {
  if (options.normalisation) return { numbers: options.normalisation, choice: { origin: 'given', reason: 'given explicitly' } };
  if (options.preset) {
    try {
      return { numbers: presetFor(options.preset, input.channels), choice: { origin: 'preset', reason: presetById(options.preset).source } };
    } catch (error) {
      throw new PruneLensError('bad-request', `--preset ${options.preset}: ${(error as Error).message}.`);
    }
  }
  let unreadable = '';
  if ((await store.stat('preprocessor_config.json'))?.kind === 'file') {
    try {
      const imported = importNormalisation(new TextDecoder().decode(await store.readFile('preprocessor_config.json', 'preprocessor_config.json', 1 << 20)));
      return { numbers: imported, choice: { origin: 'preprocessor_config.json', reason: imported.notes.join('; ') } };
    } catch (error) {
      unreadable = ` (preprocessor_config.json not used: ${toErrorPayload(error).message})`;
    }
  }
  const guess = guessPreset(input, classes, await testImagesMean(store, cleanSpec));
  return { numbers: presetFor(guess.preset ?? 'none', input.channels), choice: { origin: 'guessed', reason: guess.reason + unreadable } };
}

const idOf = (file: string, taken: Set<string>) => {
  const base = path.basename(file, path.extname(file)).replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 60) || 'model';
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  taken.add(id);
  return id;
};

/**
 * Draft method names: pruned models whose ids differ only in a trailing number (gmp-50, gmp-80,
 * gmp_0.95) share the prefix as their method, so they form one sparsity sweep; any other keeps its
 * id. A lone `l1-50` stays `l1-50`.
 */
export function draftMethods(ids: readonly string[]): Map<string, string> {
  const prefixOf = (id: string) => /^(.*[A-Za-z].*?)[-_](\d+(?:\.\d+)?)$/.exec(id)?.[1];
  const counts = new Map<string, number>();
  for (const id of ids) {
    const prefix = prefixOf(id);
    if (prefix) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  return new Map(ids.map((id) => {
    const prefix = prefixOf(id);
    return [id, prefix && counts.get(prefix)! >= 2 ? prefix : id];
  }));
}

export async function scaffoldManifest(folder: string, options: ScaffoldOptions = {}): Promise<{ manifest: BundleManifest; notes: string[]; normalisation: NormalisationChoice }> {
  const dir = path.resolve(folder);
  const store = folderStore(dir);
  if ((await store.stat('')) === null) throw new PruneLensError('not-found', `Folder not found: ${dir}`, { file: dir });
  const scan = await scanBundleFolder(store);
  const notes = [...scan.notes];
  if (scan.models.length === 0) throw new PruneLensError('not-found', `No .onnx models in ${dir} (searched 4 folder levels deep).`, { file: dir });
  const taken = new Set<string>();
  const models: { id: string; path: string; analysis: ModelAnalysis | null }[] = [];
  for (const file of scan.models) {
    const id = idOf(file, taken);
    try {
      models.push({ id, path: file, analysis: analyzeModelFileBytes(await readModelBytes(store, file, 'Model file'), store.label(file)) });
    } catch (error) {
      notes.push(`skipped ${file}: ${toErrorPayload(error).message}`);
    }
  }
  if (models.length === 0) throw new PruneLensError('bad-onnx', `None of the ${scan.models.length} .onnx files in ${dir} could be read.`, { file: dir });
  const nonZeros = (m: (typeof models)[number]) => m.analysis?.stats.nonZeroParameters ?? 0;
  const dense = options.dense !== undefined ? models.find((m) => m.id === options.dense) : [...models].sort((a, b) => nonZeros(b) - nonZeros(a))[0];
  if (!dense) throw new PruneLensError('bad-request', `--dense ${options.dense}: no such model (found ${models.map((m) => m.id).join(', ')}).`);
  const head = dense.analysis!.head;
  if (!head) notes.push(`the dense model has no detectable head: ${dense.analysis!.headError?.message}`);
  const { layout, channels, height, width } = guessImageInput(dense.analysis!.index.inputs, options.layout);
  const inputProblem = modelInputProblem(dense.analysis!.index.inputs, layout, null);
  if (inputProblem) notes.push(`the dense model cannot be fed as it is: ${inputProblem}`);
  const classCount = head?.classes ?? scan.classNames?.length ?? 2;
  const classes = scan.classNames && scan.classNames.length === classCount ? scan.classNames : Array.from({ length: classCount }, (_, i) => `class ${i}`);
  if (classes !== scan.classNames) notes.push('classes are placeholders ("class 0", …): put the real class names in order.');
  const { numbers, choice } = await chooseNormalisation(store, options, { channels, height, width }, classes, scan.clean);
  const normalisation = { ...choice, preset: matchPreset(numbers) };
  const label = normalisation.preset ? presetById(normalisation.preset).label : `scale ${numbers.scale}, mean [${numbers.mean.join(', ')}], std [${numbers.std.join(', ')}]`;
  if (choice.origin === 'guessed' && normalisation.preset === 'none') notes.push(`input normalisation: no preset fits (${choice.reason}); the draft uses none (x/255, mean 0, std 1): set the normalisation the models were trained with.`);
  else if (choice.origin === 'guessed') notes.push(`input normalisation: ${label}, GUESSED from ${choice.reason}: check it is what the models were trained with.`);
  else notes.push(`input normalisation: ${label} (${choice.origin === 'given' ? 'given' : `${choice.origin}: ${choice.reason}`}).`);
  const methods = draftMethods(models.filter((m) => m !== dense).map((m) => m.id));
  const shared = [...new Set([...methods].filter(([id, method]) => id !== method).map(([, method]) => method))];
  notes.push(`each pruned model's "method" is its file name${shared.length ? `, or the name its numbered files share (${shared.map((method) => `"${method}"`).join(', ')}: one sparsity sweep each)` : ''}: describe the pruning method.`);
  // Sparsity as `validate` measures it: the share of the dense model's Conv/Gemm/MatMul weights that
  // are zero or removed (biases and normalisation parameters are not pruned, so they do not count).
  const denseWeights = dense.analysis!.stats.weightParameters;
  const sparsityOf = (m: (typeof models)[number]) => Math.round(Math.max(0, Math.min(1, 1 - (m.analysis?.stats.weightNonZeros ?? 0) / denseWeights)) * 1e4) / 1e4;
  const manifest = {
    name: options.name ?? path.basename(dir),
    classes,
    input: { layout, scale: numbers.scale, mean: numbers.mean, std: numbers.std, ...(choice.origin === 'guessed' ? { guessed: `${label}, guessed by prunelens init from ${choice.reason}` } : {}) },
    models: models.map((m) => ({
      id: m.id,
      path: m.path,
      role: m === dense ? 'dense' : 'pruned',
      method: m === dense ? 'Dense' : methods.get(m.id)!,
      ...(m !== dense && denseWeights > 0 ? { sparsity: sparsityOf(m) } : {}),
    })),
    data: {
      clean: scan.clean ?? { images: 'data/images.npy', labels: 'data/labels.npy', format: 'npy' },
      ...(scan.corrupted !== null ? { corrupted: scan.corrupted } : {}),
    },
  };
  return { manifest: parseManifest(JSON.stringify(manifest), 'generated bundle.json'), notes, normalisation };
}
