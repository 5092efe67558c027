// Watching another process fill the cache: with a bundle open in serve mode and no run pressed,
// the cells a separate `prunelens extract --shard` writes appear in the evaluation table, the run
// panel says how many are in the cache, and a re-open shows the complete table at once.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeImageFixtureBundle } from '../tools/testing/fixture-bundle';
import { artifactsDir } from './support/browser';
import { servedPage } from './support/served-page';
import { switchView } from './support/views-ui';

const repo = path.resolve(import.meta.dirname, '..');
// 2 models × 2 sets (clean, fog-s1), one shard each: 4 cells.
const bundle = writeImageFixtureBundle({ count: 300, corruptions: ['fog'], severities: [1] });
const cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-watch-e2e-'));

function extractElsewhere(): Promise<number | null> {
  const child = spawn(process.execPath, [path.join(repo, 'bin', 'prunelens.mjs'), 'extract', bundle, '--shard', '0/1', '--cache', cacheDir, '--workers', '1'], { stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', resolve));
}

const cellsShown = (page: Page, done: number) =>
  page.locator(`.completion[data-cells-done="${done}"][data-cells-total="4"]`).waitFor({ timeout: 30_000 });

describe('serve mode: cells another process writes to the cache', () => {
  const served = servedPage({ name: 'cache-watch', args: [bundle], env: { PRUNELENS_CACHE: cacheDir }, cleanup: [cacheDir, bundle] });
  let page: Page;
  beforeAll(() => {
    page = served.page;
  });

  it('fills the table without Run while `extract --shard` runs, and re-opens complete', async () => {
    await page.goto(served.server.url);
    await page.getByRole('heading', { name: 'Image fixture bundle' }).waitFor();
    await switchView(page, 'evaluation');
    await page.locator('.cache-status[data-cache-cells="0"][data-cache-total="4"]').waitFor({ timeout: 30_000 });

    expect(await extractElsewhere()).toBe(0);
    await cellsShown(page, 4);
    await expect(page.locator('.cache-status').innerText()).resolves.toBe('4 of 4 cells in cache (4 filled by another process or an earlier run)');
    await expect(page.locator('.job-status').count()).resolves.toBe(0); // nothing ran here
    await page.screenshot({ path: path.join(artifactsDir, 'cache-watch.png') });

    await page.reload();
    await page.getByRole('heading', { name: 'Image fixture bundle' }).waitFor();
    await switchView(page, 'evaluation');
    await cellsShown(page, 4);
    await expect(page.locator('.job-status').count()).resolves.toBe(0);
  });
});
