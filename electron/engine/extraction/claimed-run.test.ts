// A UI/serve run takes the same shard claims as `extract --shard`: a shard another live writer has
// claimed is not computed by the run, which waits for it and completes once the claim is released,
// with results identical to an unhindered run.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../src-shared/api/contract';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { runCliCaptured } from '../../../tools/testing/run-cli';
import { ResultCache } from '../cache/result-cache';
import { ShardClaims } from '../cache/shard-claims';
import { createEngine } from '../engine';
import type { Engine } from '../engine';

// 2 models × 2 sets × 2 shards of 1024 = 8 units.
const bundle = writeImageFixtureBundle({ count: 2048, corruptions: ['fog'], severities: [1] });
const engines: Engine[] = [];
const temp = (name: string) => mkdtempSync(path.join(tmpdir(), `prunelens-claimed-${name}-`));

async function run(cacheDir: string): Promise<{ engine: Engine; events: ApiEvent[]; finished: Promise<ApiEvent> }> {
  const engine = createEngine({ transport: 'in-process', cacheDir, workers: 1 });
  engines.push(engine);
  const events: ApiEvent[] = [];
  const finished = new Promise<ApiEvent>((resolve) => engine.subscribe((e) => {
    events.push(e);
    if (e.type === 'job-finished') resolve(e);
  }));
  await engine.startAnalysis({ path: bundle });
  return { engine, events, finished };
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
});

describe('a UI run on a cache shared with other writers', () => {
  it('leaves a shard another writer has claimed to it, and finishes once it is released', async () => {
    const reference = await run(temp('reference'));
    expect(await reference.finished).toMatchObject({ status: 'done' });
    const expected = await reference.engine.getEvaluation({ path: bundle });

    const cacheDir = temp('shared');
    const plan = await runCliCaptured(['extract', bundle, '--plan', '--json', '--cache', cacheDir]);
    expect(plan.code).toBe(0);
    const units = (JSON.parse(plan.stdout) as { work: { model: string; set: string; shard: number; key: string }[] }).work;
    expect(units).toHaveLength(8);
    const target = units.find((u) => u.model === 'pruned' && u.set === 'fog-s1' && u.shard === 1)!;
    const cache = new ResultCache(cacheDir, () => undefined);
    // Another writer (a live claim the run's own claims cannot take over) holds one shard.
    const other = new ShardClaims();
    const claim = cache.shardFile(target.key, target.shard, 'claim');
    expect(await other.tryClaim(claim)).toBe(true);

    const shared = await run(cacheDir);
    const cells = () => shared.events.filter((e) => e.type === 'cell-ready').length;
    await waitFor('every cell but the held one', () => cells() === 3);
    await new Promise((r) => setTimeout(r, 2500)); // the run has looked again: still held
    expect(shared.events.some((e) => e.type === 'job-finished')).toBe(false);
    expect(cells()).toBe(3);
    expect(existsSync(cache.shardFile(target.key, target.shard, 'json'))).toBe(false);
    expect(existsSync(cache.shardFile(target.key, 0, 'json'))).toBe(true);

    await other.release(claim);
    expect(await shared.finished).toMatchObject({ status: 'done' });
    expect(cells()).toBe(4);
    expect(existsSync(cache.shardFile(target.key, target.shard, 'json'))).toBe(true);
    expect(existsSync(claim)).toBe(false);
    expect(Array.from((await shared.engine.getEvaluation({ path: bundle })).accuracy)).toEqual(Array.from(expected.accuracy));
  }, 120_000);
});
