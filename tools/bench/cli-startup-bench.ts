// CLI start-up: the compiled launcher (dist/node) vs the TypeScript sources through tsx, in one run.
//   node --import tsx tools/bench/cli-startup-bench.ts [--runs 15]   (prints a Markdown section for BENCHMARKS.md)
// Runs on a snapshot of the package (sources copied, node_modules and assets linked) so that
// others editing the tree cannot make its build stale mid-run; builds it, checks which code each
// mode ran, then alternates the modes run by run (a shared, noisy machine hits both alike).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
const repo = path.resolve(import.meta.dirname, '..', '..');
const snapshot = mkdtempSync(path.join(tmpdir(), 'prunelens-startup-'));
process.on('exit', () => rmSync(snapshot, { recursive: true, force: true }));
for (const entry of ['package.json', 'tsconfig.json', 'tsconfig.base.json', 'bin', 'electron', 'src-shared', 'tools/build']) cpSync(path.join(repo, entry), path.join(snapshot, entry), { recursive: true });
for (const entry of ['node_modules', 'assets']) symlinkSync(path.join(repo, entry), path.join(snapshot, entry));
const launcher = path.join(snapshot, 'bin', 'prunelens.mjs');
const model = path.join(repo, 'assets', 'demo', 'models', 'dense.onnx');

const modes = { 'compiled (dist/node)': { PRUNELENS_DEV: '' }, 'tsx (PRUNELENS_DEV=1)': { PRUNELENS_DEV: '1' } } as const;
const tasks = { '--help': ['--help'], 'inspect dense.onnx': ['inspect', model], 'inspect --verify': ['inspect', model, '--verify'] } as const;

// CPU time (user + system, all threads) through GNU time: far less sensitive to other load than wall time.
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const cpuFile = path.join(snapshot, 'cpu-time.txt');

function run(args: readonly string[], env: Record<string, string>): { ms: number; cpuMs: number; stderr: string } {
  const command = [process.execPath, launcher, ...args];
  const t0 = performance.now();
  const r = timeBin ? spawnSync(timeBin, ['-f', '%U %S', '-o', cpuFile, ...command], { env: { ...process.env, ...env }, encoding: 'utf8' }) : spawnSync(command[0], command.slice(1), { env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`prunelens ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const cpuMs = timeBin ? readFileSync(cpuFile, 'utf8').trim().split(/\s+/).map(Number).reduce((a, x) => a + x, 0) * 1000 : NaN;
  return { ms, cpuMs, stderr: r.stderr };
}

const load0 = loadavg();
execFileSync(process.execPath, [path.join(snapshot, 'tools', 'build', 'build-node.mjs')], { stdio: 'ignore' });
/** Each mode ran what it says (checked before and after: a source edited meanwhile makes the build stale). */
function checkModes(): void {
  for (const [mode, env] of Object.entries(modes)) {
    const { stderr } = run(['--version'], { ...env, PRUNELENS_LAUNCH_DEBUG: '1' });
    const ran = stderr.includes('running dist/node') ? 'compiled' : 'tsx';
    if (ran !== mode.split(' ')[0]) throw new Error(`${mode}: the launcher ran ${ran} (${stderr.trim()}); was a source file edited during the run?`);
  }
}
checkModes();
const bare: number[] = [];
const times = new Map<string, number[]>();
const cpuTimes = new Map<string, number[]>();
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  bare.push(performance.now() - t0);
  for (const [task, args] of Object.entries(tasks)) {
    for (const [mode, env] of Object.entries(modes)) {
      const key = `${task}\t${mode}`;
      const r = run(args, env);
      times.set(key, [...(times.get(key) ?? []), r.ms]);
      cpuTimes.set(key, [...(cpuTimes.get(key) ?? []), r.cpuMs]);
    }
  }
}
const load1 = loadavg();
checkModes();

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
const s = (ms: number) => (ms / 1000).toFixed(3);
const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
console.log(`Command: \`node --import tsx tools/bench/cli-startup-bench.ts --runs ${runs}\` (Node ${process.version}; ${cpus().length} cores; load average ${fmtLoad(load0)} → ${fmtLoad(load1)}; ${runs} alternating runs each; wall time of the whole process, spawn to exit).\n`);
console.log(`| command | mode | wall median s | wall min s | wall max s | CPU median s | tsx / compiled (wall, CPU) |`);
console.log(`|---|---|---|---|---|---|---|`);
console.log(`| \`node -e 0\` (Node itself) | — | ${s(median(bare))} | ${s(sorted(bare)[0])} | ${s(sorted(bare).at(-1)!)} | | |`);
for (const task of Object.keys(tasks)) {
  const [compiled, dev] = Object.keys(modes).map((mode) => `${task}\t${mode}`);
  for (const [mode, key] of [[Object.keys(modes)[0], compiled], [Object.keys(modes)[1], dev]] as const) {
    const xs = times.get(key)!;
    const ratio = key === dev ? `${(median(xs) / median(times.get(compiled)!)).toFixed(1)}×, ${(median(cpuTimes.get(dev)!) / median(cpuTimes.get(compiled)!)).toFixed(1)}×` : '';
    console.log(`| \`prunelens ${task}\` | ${mode} | ${s(median(xs))} | ${s(sorted(xs)[0])} | ${s(sorted(xs).at(-1)!)} | ${s(median(cpuTimes.get(key)!))} | ${ratio} |`);
  }
}
