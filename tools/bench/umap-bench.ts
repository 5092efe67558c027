// Projections benchmark: our UMAP vs umap-js (and umap-learn when `/usr/bin/python3 -c "import
// umap"` works; Debian package umap-learn) on PCA-reduced Fashion-MNIST, 3-D, the same epochs
// and neighbours for all: CPU and wall time, trustworthiness / kNN recall@15 on a 2,000-point
// subsample (the same rows for every method). Ours runs before and after the others (the
// machine is shared); its ratios use the slower of the two.
//   node --import tsx tools/bench/umap-bench.ts [--quick]   (10k × 64 and 50k × 128; quick: 10k × 64)
// Prints a Markdown table for BENCHMARKS.md ("Projections"). Run it under `nice -n 10`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { UMAP } from 'umap-js';
import { readNpy, writeNpy } from '../../src-shared/formats/npy';
import { gatherRows } from '../../src-shared/projection/distance';
import { pca } from '../../src-shared/projection/pca';
import { embeddingQuality } from '../../src-shared/projection/quality';
import { fitUmap } from '../../src-shared/projection/umap';
import { createRng, sampleIndices } from '../../src-shared/base/rng';
import { loadFashionMnist } from '../fixtures/projection/datasets';

const quick = process.argv.includes('--quick');
const CASES: Array<[number, number]> = quick ? [[10_000, 64]] : [[10_000, 64], [50_000, 128]];
const C = 3, EPOCHS = 200, SEED = 1, QUALITY_ROWS = 2000;
/** umap-js stops (and is reported as "> limit") once its layout passes this much wall time. */
const UMAP_JS_LIMIT_S = 300;
const PYTHON = '/usr/bin/python3';

interface Timing { wall: number; cpu: number }
interface Row { n: number; dim: number; method: string; time?: Timing; note?: string; t?: number; r?: number }

// A full collection before each timed run, so no method pays for the previous one's garbage.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const fmt = (s: number) => (s < 10 ? s.toFixed(2) : s.toFixed(1));
const tmp = mkdtempSync(path.join(tmpdir(), 'umap-bench-'));

function umapLearnVersion(): string {
  const out = spawnSync(PYTHON, ['-c', 'import importlib.metadata as m; print(m.version("umap-learn"))'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : '?';
}

function haveUmapLearn(): boolean {
  return spawnSync(PYTHON, ['-c', 'import umap'], { stdio: 'ignore' }).status === 0;
}

const UMAP_LEARN_SCRIPT = `
import sys, time, warnings, numpy as np
warnings.filterwarnings('ignore')
import umap
x = np.load(sys.argv[1]); epochs = int(sys.argv[2]); seed = int(sys.argv[3])
umap.UMAP(n_components=3, n_epochs=20, random_state=0).fit_transform(x[:600])  # numba JIT warm-up
w, c = time.time(), time.process_time()
y = umap.UMAP(n_components=3, n_neighbors=15, min_dist=0.1, n_epochs=epochs, random_state=seed).fit_transform(x)
print(time.time() - w, time.process_time() - c)
np.save(sys.argv[4], y.astype(np.float32))
`;

function runUmapLearn(x: Float32Array, n: number, dim: number): { time: Timing; y: Float32Array } {
  const input = path.join(tmp, `x-${n}-${dim}.npy`), output = path.join(tmp, `y-${n}-${dim}.npy`);
  writeFileSync(input, writeNpy(x, [n, dim]));
  // Seeded umap-learn runs single-threaded (it overrides n_jobs), like the two JS versions.
  const stdout = execFileSync(PYTHON, ['-c', UMAP_LEARN_SCRIPT, input, String(EPOCHS), String(SEED), output], { encoding: 'utf8', cwd: tmp, maxBuffer: 1 << 20 });
  const [wall, cpu] = stdout.trim().split(/\s+/).slice(-2).map(Number);
  return { time: { wall, cpu }, y: readNpy(new Uint8Array(readFileSync(output))).data as Float32Array };
}

async function runOurs(x: Float32Array, n: number, dim: number): Promise<{ time: Timing; y: Float32Array }> {
  collectGarbage();
  const w = performance.now(), c = cpuNow();
  const y = await fitUmap(x, n, dim, { nComponents: C, nEpochs: EPOCHS, seed: SEED });
  return { time: { wall: (performance.now() - w) / 1000, cpu: cpuNow() - c }, y };
}

function runUmapJs(x: Float32Array, n: number, dim: number): { time: Timing; y?: Float32Array } {
  const rng = createRng(SEED);
  collectGarbage();
  const w = performance.now(), c = cpuNow();
  const rows = Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * dim, (i + 1) * dim)));
  const umap = new UMAP({ nComponents: C, nEpochs: EPOCHS, nNeighbors: 15, minDist: 0.1, random: () => rng.next() });
  const epochs = umap.initializeFit(rows);
  for (let e = 0; e < epochs; e++) {
    umap.step();
    if ((performance.now() - w) / 1000 > UMAP_JS_LIMIT_S) return { time: { wall: (performance.now() - w) / 1000, cpu: cpuNow() - c } };
  }
  const y = new Float32Array(n * C);
  umap.getEmbedding().forEach((row, i) => y.set(row, i * C));
  return { time: { wall: (performance.now() - w) / 1000, cpu: cpuNow() - c }, y };
}

async function main(): Promise<void> {
  const load0 = loadavg();
  const maxN = Math.max(...CASES.map((c) => c[0])), maxDim = Math.max(...CASES.map((c) => c[1]));
  const images = loadFashionMnist(maxN, 'train');
  const prep = performance.now();
  // One PCA to the widest size; its leading columns are the narrower PCAs.
  const { projected } = pca(images.images, maxN, images.dim, maxDim, { maxSamples: 10_000, rng: createRng(3) });
  console.error(`PCA ${images.dim}→${maxDim} of ${maxN} images: ${fmt((performance.now() - prep) / 1000)} s`);
  const learn = haveUmapLearn();
  // Warm-up: JIT-compile both JS implementations on a small run (umap-learn warms numba itself).
  const warm = projected.subarray(0, 500 * maxDim);
  await fitUmap(warm, 500, maxDim, { nComponents: C, nEpochs: 20 });
  new UMAP({ nComponents: C, nEpochs: 20, random: createRng(0).next }).fit(Array.from({ length: 500 }, (_, i) => Array.from(warm.subarray(i * maxDim, (i + 1) * maxDim))));
  const rows: Row[] = [];
  for (const [n, dim] of CASES) {
    const x = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) x.set(projected.subarray(i * maxDim, i * maxDim + dim), i * dim);
    const sample = sampleIndices(n, QUALITY_ROWS, createRng(7));
    const xs = gatherRows(x, dim, sample);
    const score = (row: Row, y: Float32Array | undefined) => {
      if (y) { const q = embeddingQuality(xs, dim, gatherRows(y, C, sample), C, sample.length, 15); row.t = q.trustworthiness; row.r = q.knnRecall; }
      rows.push(row);
      console.error(`${n}×${dim} ${row.method}: ${row.time ? `${fmt(row.time.wall)} s wall, ${fmt(row.time.cpu)} s CPU` : row.note}${row.t ? `, T ${row.t.toFixed(4)}, R ${row.r?.toFixed(4)}` : ''}`);
    };
    const ours = await runOurs(x, n, dim);
    score({ n, dim, method: 'PruneLens', time: ours.time }, ours.y);
    const js = runUmapJs(x, n, dim);
    score({ n, dim, method: 'umap-js 1.4', time: js.time, note: js.y ? undefined : `stopped after ${UMAP_JS_LIMIT_S} s` }, js.y);
    if (learn) {
      const ul = runUmapLearn(x, n, dim);
      score({ n, dim, method: `umap-learn ${umapLearnVersion()}`, time: ul.time }, ul.y);
    }
    const again = await runOurs(x, n, dim);
    score({ n, dim, method: 'PruneLens (again)', time: again.time }, again.y);
  }
  rmSync(tmp, { recursive: true, force: true });
  const load1 = loadavg();
  const isOurs = (r: Row) => r.method.startsWith('PruneLens');
  const ourCpu = (n: number, dim: number) => Math.max(...rows.filter((r) => r.n === n && r.dim === dim && isOurs(r)).map((r) => r.time?.cpu ?? NaN));
  console.log(`Command: \`nice -n 10 node --import tsx tools/bench/umap-bench.ts${quick ? ' --quick' : ''}\` (Node ${process.version}; Fashion-MNIST train images, PCA to d dims; 3-D; ${EPOCHS} epochs, 15 neighbours, min_dist 0.1, seed ${SEED} for all; one thread each).`);
  console.log(`Quality on the same ${QUALITY_ROWS}-row subsample for every method (all rows at n = ${QUALITY_ROWS}): T = trustworthiness@15, R = kNN recall@15.\n`);
  console.log('| n × d | method | wall | CPU | CPU vs ours | T | R |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const cpu = r.time ? `${fmt(r.time.cpu)} s` : '';
    const ratio = r.time && !isOurs(r) ? `${(r.time.cpu / ourCpu(r.n, r.dim)).toFixed(1)}×${r.note ? ' (at least)' : ''}` : '';
    const wall = r.time ? `${fmt(r.time.wall)} s${r.note ? ` (${r.note})` : ''}` : r.note ?? '';
    console.log(`| ${r.n.toLocaleString('en')} × ${r.dim} | ${r.method} | ${wall} | ${cpu} | ${ratio} | ${r.t?.toFixed(4) ?? '–'} | ${r.r?.toFixed(4) ?? '–'} |`);
  }
  if (!learn) console.log('\numap-learn: not installed (`apt-get install umap-learn`), skipped.');
  const la = (l: number[]) => l.map((v) => v.toFixed(1)).join(' / ');
  console.log(`\nLoad average at the start ${la(load0)}, at the end ${la(load1)} (1/5/15 min) on 2 cores.`);
}

await main();
