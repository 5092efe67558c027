// Drafts a bundle.json for a folder of ONNX models and data: the models (dense = the most non-zero
// parameters unless told), the clean test set and a CIFAR-10-C folder found there, with notes on
// what the user must still review. Shared by `prunelens init` and the UI's New bundle… wizard.
import path from 'node:path';
import { PruneLensError, toErrorPayload } from '../../src-shared/api/errors';
import { parseManifest } from '../../src-shared/bundle/manifest';
import type { BundleManifest } from '../../src-shared/bundle/manifest';
import type { ModelAnalysis } from '../../src-shared/onnx/model-analysis';
import { folderStore } from './bundle-archive-store';
import { scanBundleFolder } from './data-source-scan';
import { analyzeModelFileBytes } from './model-files';

const idOf = (file: string, taken: Set<string>) => {
  const base = path.basename(file, path.extname(file)).replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 60) || 'model';
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  taken.add(id);
  return id;
};

export async function scaffoldManifest(folder: string, options: { dense?: string; name?: string } = {}): Promise<{ manifest: BundleManifest; notes: string[] }> {
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
      models.push({ id, path: file, analysis: analyzeModelFileBytes(await store.readFile(file, 'Model file'), store.label(file)) });
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
  const input = dense.analysis!.index.inputs[0];
  const inputShape = input?.type?.tensorType?.shape?.dim?.map((d) => Number(d.dimValue ?? 0)) ?? [];
  const isChannels = (d: number | undefined) => d === 1 || d === 3;
  const layout = inputShape.length === 4 && !isChannels(inputShape[1]) && isChannels(inputShape[3]) ? 'NHWC' : 'NCHW';
  const channels = inputShape.length === 4 ? (layout === 'NCHW' ? inputShape[1] : inputShape[3]) || 1 : 1;
  const classCount = head?.classes ?? scan.classNames?.length ?? 2;
  const classes = scan.classNames && scan.classNames.length === classCount ? scan.classNames : Array.from({ length: classCount }, (_, i) => `class ${i}`);
  if (classes !== scan.classNames) notes.push('classes are placeholders ("class 0", …): put the real class names in order.');
  notes.push('input.scale / mean / std are placeholders (x/255, mean 0, std 1): set the normalisation the models were trained with.');
  notes.push('each pruned model\'s "method" is its file name: describe the pruning method.');
  const denseNonZeros = nonZeros(dense);
  const manifest = {
    name: options.name ?? path.basename(dir),
    classes,
    input: { layout, scale: 255, mean: new Array(channels).fill(0), std: new Array(channels).fill(1) },
    models: models.map((m) => ({
      id: m.id,
      path: m.path,
      role: m === dense ? 'dense' : 'pruned',
      method: m === dense ? 'Dense' : m.id,
      ...(m !== dense && denseNonZeros > 0 ? { sparsity: Math.round(Math.max(0, Math.min(1, 1 - nonZeros(m) / denseNonZeros)) * 1e4) / 1e4 } : {}),
    })),
    data: {
      clean: scan.clean ?? { images: 'data/images.npy', labels: 'data/labels.npy', format: 'npy' },
      ...(scan.cifarC !== null ? { corrupted: { cifarC: { dir: scan.cifarC } } } : {}),
    },
  };
  return { manifest: parseManifest(JSON.stringify(manifest), 'generated bundle.json'), notes };
}
