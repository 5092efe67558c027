// The compiled CLI (tools/build/build-node.mjs → dist/node): built into a package copy that has no
// TypeScript sources and no tsx, it must print help, inspect a model and run an analysis with its
// worker threads exactly as the sources do; and the launcher must never run a stale build.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli } from '../../bin/fresh-build.mjs';

const repo = path.resolve(import.meta.dirname, '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'prunelens-build-node-'));
const pkg = path.join(work, 'pkg');

function cli(root: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'prunelens.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, PRUNELENS_DEV: '', PRUNELENS_LAUNCH_DEBUG: '1', ...env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // package.json, bin/, the demo, and of node_modules only onnxruntime-node (native, not bundled).
  mkdirSync(path.join(pkg, 'node_modules'), { recursive: true });
  cpSync(path.join(repo, 'package.json'), path.join(pkg, 'package.json'));
  cpSync(path.join(repo, 'bin'), path.join(pkg, 'bin'), { recursive: true });
  symlinkSync(path.join(repo, 'assets'), path.join(pkg, 'assets'));
  symlinkSync(path.join(repo, 'node_modules', 'onnxruntime-node'), path.join(pkg, 'node_modules', 'onnxruntime-node'));
  execFileSync(process.execPath, [path.join(repo, 'tools', 'build', 'build-node.mjs'), '--outdir', path.join(pkg, 'dist', 'node')], { cwd: repo, stdio: 'pipe' });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('compiled CLI (dist/node)', () => {
  it('runs without sources or tsx: help and version', () => {
    const help = cli(pkg, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toContain('running dist/node: build (no sources here)');
    expect(help.stdout).toContain('Commands:');
    expect(help.stdout).toContain('analyze');
    const version = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version;
    expect(cli(pkg, ['--version']).stdout.trim()).toBe(`prunelens ${version}`);
  });

  it('inspects a model (unpack worker) exactly as the sources do', () => {
    const model = path.join(repo, 'assets', 'demo', 'models', 'gmp-80.onnx');
    const built = cli(pkg, ['inspect', model, '--json', '--verify']);
    const source = cli(repo, ['inspect', model, '--json', '--verify'], { PRUNELENS_DEV: '1' });
    expect(source.stderr).toContain('TypeScript sources (tsx): PRUNELENS_DEV is set');
    expect(built.code).toBe(0);
    const card = JSON.parse(built.stdout);
    expect(card.opCounts.Conv).toBeGreaterThan(0);
    expect(card.verification.ok).toBe(true);
    expect(built.stdout).toBe(source.stdout);
  }, 120_000);

  it('runs an analysis on two engine worker threads with the same per-sample results as the sources', () => {
    const args = (out: string) => ['analyze', path.join(repo, 'assets', 'demo'), '--out', path.join(work, out), '--cache', path.join(work, `${out}-cache`), '--limit', '200', '--models', 'gmp-80', '--corruptions', 'fog', '--severities', '2', '--no-parquet'];
    const built = cli(pkg, args('built'));
    expect(built.code, built.stderr).toBe(0);
    expect(cli(repo, args('source'), { PRUNELENS_DEV: '1' }).code).toBe(0);
    const csv = readFileSync(path.join(work, 'built', 'samples.csv'), 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(2 * 2 * 200);
    expect(csv).toBe(readFileSync(path.join(work, 'source', 'samples.csv'), 'utf8'));
    const summary = (dir: string) => ({ ...JSON.parse(readFileSync(path.join(work, dir, 'summary.json'), 'utf8')), prunelens: null });
    expect(summary('built')).toEqual(summary('source'));
  }, 180_000);
});

describe('launcher freshness (bin/fresh-build.mjs)', () => {
  const root = path.join(work, 'fresh');
  const source = path.join(root, 'electron', 'cli', 'entry.ts');
  const stamp = (newestMtimeMs: number, inputs = ['electron/cli/entry.ts']) => writeFileSync(path.join(root, 'dist', 'node', 'build-stamp.json'), JSON.stringify({ newestMtimeMs, inputs }));
  beforeAll(() => {
    mkdirSync(path.join(root, 'dist', 'node'), { recursive: true });
    mkdirSync(path.dirname(source), { recursive: true });
    writeFileSync(source, '// entry');
    utimesSync(source, 1_000, 1_000);
  });

  it('uses a build whose sources are unchanged', () => {
    stamp(1_000_000);
    expect(builtCli(root, {})).toEqual({ cli: path.join(root, 'dist', 'node', 'cli.mjs'), reason: 'fresh build' });
  });

  it('runs the sources when a source is newer than the build, gone, or PRUNELENS_DEV is set', () => {
    stamp(999_999);
    expect(builtCli(root, {})).toEqual({ cli: null, reason: 'build is stale: electron/cli/entry.ts changed since' });
    stamp(1_000_000, ['electron/cli/entry.ts', 'electron/cli/gone.ts']);
    expect(builtCli(root, {}).cli).toBeNull();
    stamp(1_000_000);
    expect(builtCli(root, { PRUNELENS_DEV: '1' }).cli).toBeNull();
    expect(builtCli(root, { PRUNELENS_DEV: '0' }).cli).not.toBeNull();
  });

  it('runs the sources without a stamp (never built, or a build under way)', () => {
    rmSync(path.join(root, 'dist', 'node', 'build-stamp.json'));
    expect(builtCli(root, {})).toEqual({ cli: null, reason: 'no build (npm run build:node)' });
  });
});
