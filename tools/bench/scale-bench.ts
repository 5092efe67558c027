// Scale benchmark: `prunelens analyze` on a CIFAR-10-C-shaped synthetic bundle (tools/bench/scale-bundle.ts:
// seeded 32×32×3 images, clean + 19 corruptions × 5 severities, 512-d features, 10 classes, cheap
// networks) at several sample counts, each with a fresh cache, as a child process under
// /usr/bin/time -v. Reports wall time, peak RSS, cache and output bytes per row, and asserts that
// peak RSS grows by less than --max-bytes-per-row between the smallest and the largest run.
//   node --import tsx tools/bench/scale-bench.ts [--sizes 1000,3000] [--models 3] [--max-bytes-per-row 1000] [--warm] [--cli other/bin/prunelens.mjs]
// (prints a Markdown section for BENCHMARKS.md; exit code 1 when the bound is broken)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeScaleBundle } from './scale-bundle';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,3000' },
    models: { type: 'string', default: '3' },
    'max-bytes-per-row': { type: 'string', default: '1000' },
    warm: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    cli: { type: 'string' }, // another tree's bin/prunelens.mjs, e.g. a `git worktree` of an older commit
  },
});
const sizes = values.sizes!.split(',').map(Number).sort((a, b) => a - b);
const models = Number(values.models);
const bound = Number(values['max-bytes-per-row']);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0) || !(models >= 1) || !(bound > 0)) throw new Error('--sizes, --models and --max-bytes-per-row must be positive numbers');
const SETS = 96;
const cli = path.resolve(values.cli ?? path.join(import.meta.dirname, '../../bin/prunelens.mjs'));
const work = mkdtempSync(path.join(tmpdir(), 'prunelens-scale-'));
const load0 = loadavg();

function bytesBelow(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  return total;
}

interface Run { wallS: number; rssBytes: number }

/** One `analyze` under /usr/bin/time -v: wall seconds and peak RSS (the process and its worker threads). */
function analyze(bundle: string, out: string, cache: string, limit: number): Run {
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, 'analyze', bundle, '--out', out, '--limit', String(limit), '--cache', cache], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallS = (performance.now() - started) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr);
  if (child.status !== 0 || !rss) throw new Error(`analyze --limit ${limit} failed (exit ${child.status}):\n${child.stderr.slice(-3000)}`);
  return { wallS, rssBytes: Number(rss[1]) * 1024 };
}

const maxN = sizes.at(-1)!;
const t0 = performance.now();
const bundle = writeScaleBundle(path.join(work, 'bundle'), maxN, models);
const buildS = (performance.now() - t0) / 1000;

const rows: { n: number; rows: number; cold: Run; warm?: Run; cache: number; csv: number; parquet: number; summary: number }[] = [];
for (const n of sizes) {
  const cache = path.join(work, `cache-${n}`);
  const out = path.join(work, `out-${n}`);
  const cold = analyze(bundle, out, cache, n);
  const warm = values.warm ? analyze(bundle, `${out}-warm`, cache, n) : undefined;
  const size = (f: string) => statSync(path.join(out, f)).size;
  rows.push({ n, rows: n * SETS * models, cold, warm, cache: bytesBelow(cache), csv: size('samples.csv'), parquet: size('samples.parquet'), summary: size('summary.json') });
  rmSync(cache, { recursive: true, force: true });
  console.error(`n=${n}: ${cold.wallS.toFixed(1)} s, ${(cold.rssBytes / 2 ** 30).toFixed(2)} GiB`);
}
if (!values.keep) rmSync(work, { recursive: true, force: true });

const gib = (b: number) => (b / 2 ** 30).toFixed(2);
const first = rows[0];
const last = rows.at(-1)!;
const slope = rows.length > 1 ? (last.cold.rssBytes - first.cold.rssBytes) / (last.rows - first.rows) : NaN;
const mem = Math.max(...rows.map((r) => r.cold.rssBytes));
console.log(`## Scale: analyze on a CIFAR-10-C-shaped bundle (${models} models × ${SETS} sets, 512-d, 10 classes)\n`);
console.log(`\`node --import tsx tools/bench/scale-bench.ts --sizes ${sizes.join(',')} --models ${models}${values.warm ? ' --warm' : ''}${values.cli ? ` --cli ${values.cli}` : ''}\` · ${cpus().length} cores · load average ${load0.map((l) => l.toFixed(1)).join(' ')} → ${loadavg().map((l) => l.toFixed(1)).join(' ')} · bundle built in ${buildS.toFixed(0)} s\n`);
console.log(`| samples | rows | wall (cold cache) | peak RSS |${values.warm ? ' warm wall | warm peak RSS |' : ''} cache B/row | samples.csv B/row | samples.parquet B/row | summary.json |`);
console.log(`|---|---|---|---|${values.warm ? '---|---|' : ''}---|---|---|---|`);
for (const r of rows) {
  const warm = r.warm ? ` ${r.warm.wallS.toFixed(1)} s | ${gib(r.warm.rssBytes)} GiB |` : '';
  console.log(`| ${r.n.toLocaleString('en')} | ${r.rows.toLocaleString('en')} | ${r.cold.wallS.toFixed(1)} s | ${gib(r.cold.rssBytes)} GiB |${warm} ${(r.cache / r.rows).toFixed(0)} | ${(r.csv / r.rows).toFixed(1)} | ${(r.parquet / r.rows).toFixed(1)} | ${(r.summary / 2 ** 20).toFixed(1)} MiB |`);
}
if (rows.length > 1) console.log(`\nPeak RSS growth: ${slope.toFixed(0)} B/row between ${first.n} and ${last.n} samples (bound ${bound} B/row); largest peak ${gib(mem)} GiB.`);
if (rows.length > 1 && !(slope <= bound)) {
  console.error(`FAIL: peak RSS grows by ${slope.toFixed(0)} B/row, over the bound of ${bound} B/row.`);
  process.exitCode = 1;
}
