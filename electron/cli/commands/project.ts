// `prunelens project <features.npy> --dims 2|3 …`: a UMAP map of any float N×d .npy (e.g. a
// model's penultimate features), written as an N×dims float32 .npy.
import { readFile, writeFile } from 'node:fs/promises';
import { PruneLensError } from '../../../src-shared/base/errors';
import { readNpy, writeNpy } from '../../../src-shared/formats/npy';
import { decodeFeatures } from '../../engine/cache/feature-storage';
import { gatherRows } from '../../../src-shared/projection/distance';
import { embeddingQuality } from '../../../src-shared/projection/quality';
import { fitUmap } from '../../../src-shared/projection/umap';
import type { UmapProgress } from '../../../src-shared/projection/umap';
import { createRng, deriveSeed, sampleIndices } from '../../../src-shared/base/rng';
import type { CliCommand, CliIo } from '../command';

const QUALITY_SAMPLE = 2000;

/** A whole-number option, or its default; `min` bounds it below. */
function intOption(values: Record<string, unknown>, name: string, fallback: number | undefined, min: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new PruneLensError('bad-request', `--${name} must be a whole number ≥ ${min} (got '${String(raw)}').`);
  return value;
}

async function readFeatures(file: string): Promise<{ data: Float32Array; n: number; dim: number }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    throw new PruneLensError('not-found', `Features file not found: ${file}`, { file });
  }
  const { header, data } = readNpy(bytes, file);
  if (header.shape.length !== 2) throw new PruneLensError('bad-data', `${file}: expected a 2-D N×d array, got shape (${header.shape.join(', ')}).`, { file });
  const [n, dim] = header.shape;
  if (data instanceof Float32Array) return { data, n, dim };
  if (data instanceof Float64Array) return { data: Float32Array.from(data), n, dim };
  // float16: what the result cache stores features as by default (cache/feature-storage.ts).
  const half = decodeFeatures(header, data);
  if (half) return { data: half, n, dim };
  throw new PruneLensError('bad-data', `${file}: expected float16, float32 or float64 features, got dtype '${header.dtype}'.`, { file });
}

function progressReporter(stderr: CliIo['stderr']): { update: (p: UmapProgress) => void; done: () => void } {
  let lastPercent = -1;
  const tty = Boolean(stderr.isTTY);
  return {
    update: (p) => {
      const percent = Math.floor(p.fraction * 100);
      if (percent === lastPercent || (!tty && lastPercent >= 0 && percent - lastPercent < 10 && percent < 100)) return;
      lastPercent = percent;
      const detail = p.phase === 'knn' ? 'nearest neighbours' : `epoch ${p.epoch}/${p.nEpochs}`;
      stderr.write(tty ? `\rumap ${String(percent).padStart(3)}%  ${detail}\u001b[K` : `umap ${percent}%  ${detail}\n`);
    },
    done: () => {
      if (tty && lastPercent >= 0) stderr.write('\n');
    },
  };
}

export const projectCommand: CliCommand = {
  name: 'project',
  summary: 'Lay out an N×d feature matrix (.npy) as a 2-D or 3-D UMAP map (.npy).',
  usage: '<features.npy> --dims 2|3 [--seed K] [--neighbors 15] [--min-dist 0.1] [--epochs N] [--out emb.npy] [--quality]',
  help: `
Options:
  --dims 2|3        output dimensions (required)
  --seed K          random seed (default 0); the same seed gives the same map
  --neighbors K     neighbourhood size, the point itself included (default 15)
  --min-dist D      minimum spacing in the map (default 0.1)
  --epochs N        layout epochs (default 500 up to 10,000 rows, 200 above)
  --pca-dims P      reduce wider features to P principal components before the kNN search
                    (default 50; 0 = never)
  --out FILE        where to write the N×dims float32 map (default <features>.umap<dims>d.npy)
  --quality         also print trustworthiness and kNN recall@15 (on ≤ ${QUALITY_SAMPLE} rows)

Example:
  prunelens project features.npy --dims 3 --seed 1 --out map.npy --quality`,
  options: {
    dims: { type: 'string' },
    seed: { type: 'string' },
    neighbors: { type: 'string' },
    'min-dist': { type: 'string' },
    epochs: { type: 'string' },
    'pca-dims': { type: 'string' },
    out: { type: 'string' },
    quality: { type: 'boolean' },
  },
  async run({ positionals, values, stdout, stderr, signal }) {
    const [file] = positionals;
    if (!file) throw new PruneLensError('bad-request', 'missing <features.npy>.');
    if (values.dims !== '2' && values.dims !== '3') throw new PruneLensError('bad-request', `--dims must be 2 or 3 (got '${values.dims ?? ''}').`);
    const dims = Number(values.dims);
    const minDist = values['min-dist'] === undefined ? 0.1 : Number(values['min-dist']);
    if (!(minDist >= 0)) throw new PruneLensError('bad-request', `--min-dist must be a number ≥ 0 (got '${String(values['min-dist'])}').`);
    const seed = intOption(values, 'seed', 0, 0) ?? 0;
    const options = {
      nComponents: dims,
      seed,
      minDist,
      nNeighbors: intOption(values, 'neighbors', 15, 2),
      nEpochs: intOption(values, 'epochs', undefined, 1),
      pcaDims: intOption(values, 'pca-dims', undefined, 0),
    };
    const out = typeof values.out === 'string' ? values.out : `${file.replace(/\.npy$/i, '')}.umap${dims}d.npy`;
    const { data, n, dim } = await readFeatures(file);
    if (n <= (options.nNeighbors ?? 15)) throw new PruneLensError('bad-data', `${file}: ${n} rows is too few for ${options.nNeighbors} neighbours.`, { file });
    const started = performance.now();
    const progress = progressReporter(stderr);
    let embedding: Float32Array;
    try {
      embedding = await fitUmap(data, n, dim, { ...options, signal, onProgress: progress.update });
    } finally {
      progress.done();
    }
    await writeFile(out, writeNpy(embedding, [n, dims]));
    const seconds = (performance.now() - started) / 1000;
    stdout.write(`wrote ${out}  (${n}×${dims} float32 from ${n}×${dim}, ${seconds.toFixed(1)} s)\n`);
    if (values.quality) {
      const rows = sampleIndices(n, QUALITY_SAMPLE, createRng(deriveSeed(seed, 'quality')));
      const q = embeddingQuality(gatherRows(data, dim, rows), dim, gatherRows(embedding, dims, rows), dims, rows.length, Math.min(15, Math.floor((rows.length - 1) / 2)), signal);
      stdout.write(`trustworthiness@${q.k} ${q.trustworthiness.toFixed(4)}   kNN recall@${q.k} ${q.knnRecall.toFixed(4)}   (${rows.length === n ? 'all' : rows.length} rows)\n`);
    }
  },
};
