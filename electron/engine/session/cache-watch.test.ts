// An open bundle shows cells that another process writes to its cache (here a child
// `prunelens extract --shard i/N`, as one task of a Slurm array would) without a local run, and a
// bundle whose cache is complete opens with its evaluation table filled.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../src-shared/api/contract';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { runCliCaptured } from '../../../tools/testing/run-cli';
import { createEngine } from '../engine';
import type { Engine } from '../engine';

const repo = path.resolve(import.meta.dirname, '..', '..', '..');
// 2 models × 5 sets × 2 shards of 1024 = 20 units: a slice boundary may split a cell's shards.
const bundle = writeImageFixtureBundle({ count: 2048, corruptions: ['gaussian_noise', 'fog'], severities: [1, 3] });
const engines: Engine[] = [];
const temp = (name: string) => mkdtempSync(path.join(tmpdir(), `prunelens-watch-${name}-`));

function open(cacheDir: string): { engine: Engine; events: ApiEvent[] } {
  const engine = createEngine({ transport: 'in-process', cacheDir, workers: 1 });
  engines.push(engine);
  const events: ApiEvent[] = [];
  engine.subscribe((e) => events.push(e));
  return { engine, events };
}

function extractSlice(slice: string, cacheDir: string): Promise<number | null> {
  const child = spawn(process.execPath, [path.join(repo, 'bin', 'prunelens.mjs'), 'extract', bundle, '--shard', slice, '--cache', cacheDir, '--workers', '1'], { stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', resolve));
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const cellsOf = (events: ApiEvent[]) => events.flatMap((e) => (e.type === 'cell-ready' ? [`${e.modelId}/${e.setId}`] : [])).sort();
const lastCount = (events: ApiEvent[]) => events.filter((e) => e.type === 'cache-progress').at(-1);

afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
});

describe('watching the cache while another process fills it', () => {
  it('shows the cells of an `extract --shard` child as they arrive, then a complete cache at once', async () => {
    // The reference: one in-process run into its own cache.
    const reference = open(temp('reference'));
    const finished = new Promise((resolve) => reference.engine.subscribe((e) => e.type === 'job-finished' && resolve(e)));
    await reference.engine.startAnalysis({ path: bundle });
    expect(await finished).toMatchObject({ status: 'done' });
    const expected = await reference.engine.getEvaluation({ path: bundle });
    expect(expected.accuracy.length).toBe(10);
    expect(Array.from(expected.accuracy).every(Number.isFinite)).toBe(true);

    const cacheDir = temp('shared');
    // Which cells slice 1/2 holds in full (a cell's shards may straddle the two slices).
    const plan = await runCliCaptured(['extract', bundle, '--plan', '--json', '--shard', '1/2', '--cache', cacheDir]);
    expect(plan.code).toBe(0);
    const work = (JSON.parse(plan.stdout) as { work: { model: string; set: string; shard: number }[] }).work;
    const inSlice = (model: string, set: string) => [0, 1].every((shard) => work.some((u) => u.model === model && u.set === set && u.shard === shard));
    const sliceCells = expected.models.flatMap((m) => expected.sets.filter((s) => inSlice(m.id, s.id)).map((s) => `${m.id}/${s.id}`)).sort();
    expect(sliceCells.length).toBeGreaterThan(0);
    expect(sliceCells.length).toBeLessThan(10);

    const { engine, events } = open(cacheDir);
    const empty = await engine.getEvaluation({ path: bundle });
    expect(Array.from(empty.accuracy).every(Number.isNaN)).toBe(true);
    expect(lastCount(events)).toEqual({ type: 'cache-progress', bundleDir: expected.bundleDir, cells: 0, total: 10, byOthers: 0 });

    expect(await extractSlice('1/2', cacheDir)).toBe(0);
    // The watch (≥ 2 s between passes) loads the slice's complete cells; nothing is computed here.
    await waitFor('the slice cells to arrive', () => cellsOf(events).length >= sliceCells.length);
    await new Promise((r) => setTimeout(r, 2500)); // one more pass: nothing else may arrive
    expect(cellsOf(events)).toEqual(sliceCells);
    expect(lastCount(events)).toMatchObject({ cells: sliceCells.length, total: 10, byOthers: sliceCells.length });
    expect(events.some((e) => e.type === 'job-progress' || e.type === 'analysis-ready')).toBe(false);
    expect((await engine.getRunStatus({ path: bundle })).cache).toEqual({ cells: sliceCells.length, total: 10, byOthers: sliceCells.length });
    const partial = await engine.getEvaluation({ path: bundle });
    expect(partial.sets.map((s) => s.id)).toEqual(expected.sets.map((s) => s.id));
    partial.models.forEach((m, i) => partial.sets.forEach((s, j) => {
      const k = i * partial.sets.length + j;
      if (sliceCells.includes(`${m.id}/${s.id}`)) expect(partial.accuracy[k]).toBe(expected.accuracy[k]);
      else expect(partial.accuracy[k]).toBeNaN();
    }));

    // The other slice completes the grid: every cell arrives and analysis-ready follows.
    expect(await extractSlice('0/2', cacheDir)).toBe(0);
    await waitFor('the analysis to be ready', () => events.some((e) => e.type === 'analysis-ready'));
    expect(cellsOf(events)).toHaveLength(10);
    expect(lastCount(events)).toMatchObject({ cells: 10, total: 10, byOthers: 10 });
    expect(Array.from((await engine.getEvaluation({ path: bundle })).accuracy)).toEqual(Array.from(expected.accuracy));

    // A fresh engine on the complete cache: the first table is already full, with no run.
    const reopened = open(cacheDir);
    expect(Array.from((await reopened.engine.getEvaluation({ path: bundle })).accuracy)).toEqual(Array.from(expected.accuracy));
    expect(reopened.events.some((e) => e.type === 'job-progress')).toBe(false);
    expect(lastCount(reopened.events)).toMatchObject({ cells: 10, total: 10, byOthers: 10 });
    // Similarity needs every cell's data: it is read from the cache, not computed.
    expect((await reopened.engine.getSimilarity({ path: bundle })).models).toEqual(expected.models.map((m) => m.id));
  }, 120_000);
});
