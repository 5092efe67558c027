// Every run and every re-open refreshes what the views show: the sample counter ("N of M"), the
// category chip counts and the global-geometry view follow a re-run with another sample count,
// and a re-open after bundle.json was edited (another default sample count). A run without a
// sample count uses the bundle's `limit`, as the Options placeholder says. The evaluation view
// warns that the (untrained) dense model is at chance.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeImageFixtureBundle } from '../tools/testing/fixture-bundle';
import { artifactsDir } from './support/browser';
import { servedPage } from './support/served-page';
import { chooseRunOptions, switchView } from './support/views-ui';

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifactsDir, `rerun-${name}.png`) });
const bundle = writeImageFixtureBundle({ count: 200, corruptions: ['fog'], severities: [1] });
const manifestPath = path.join(bundle, 'bundle.json');
const editManifest = (patch: Record<string, unknown>) => writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, 'utf8')), ...patch }, null, 2));
editManifest({ limit: 150 });

/** What the views say about the sample count now. */
async function shown(page: Page) {
  return page.evaluate(() => {
    const counts = [...document.querySelectorAll('.category-chips .count')].map((el) => Number(el.textContent));
    return {
      counter: document.querySelector('.filter-count')?.textContent ?? '',
      chipsTotal: counts.reduce((a, b) => a + b, 0),
      chips: counts.length,
      global: document.querySelector('.view-area[data-view="global"] .view-toolbar')?.textContent ?? '',
    };
  });
}

/** Waits until the counter reads "n of n", then checks the chips and the global-geometry view agree. */
async function expectCount(page: Page, n: number) {
  await page.waitForFunction((want) => document.querySelector('.filter-count')?.textContent?.startsWith(`${want} of ${want}`), n, { timeout: 90_000, polling: 100 })
    .catch(async () => expect.fail(`the sample counter never read "${n} of ${n}": ${JSON.stringify(await shown(page))}`));
  await page.waitForFunction((want) => document.querySelector('.view-area[data-view="global"] .view-toolbar')?.textContent?.includes(`of ${want} samples`), n, { timeout: 30_000, polling: 100 })
    .catch(async () => expect.fail(`the global-geometry view never showed ${n} samples: ${JSON.stringify(await shown(page))}`));
  const now = await shown(page);
  expect(now.chips).toBe(5); // robust, pruning-fragile, pruning-improved, corruption-fragile, both-wrong: every sample in one
  expect(now.chipsTotal).toBe(n);
}

describe('views refresh on every run and re-open', () => {
  const served = servedPage({ name: 'rerun', args: [bundle], consoleErrors: true, screenshot: shot });
  const { errors } = served;
  let page: Page;
  beforeAll(() => {
    page = served.page;
  });

  it('a first run uses the bundle\'s limit; a re-run with another sample count updates counter, chips and global geometry', async () => {
    await page.goto(served.server.url);
    await page.getByRole('heading', { name: 'Image fixture bundle' }).waitFor();
    await page.click('.run-options summary');
    await expect(page.locator('input[name=run-limit]').getAttribute('placeholder')).resolves.toBe('150 (bundle default)');
    await expect(page.locator('input[name=run-limit]').inputValue()).resolves.toBe('');
    await page.click('.run-options summary');
    await switchView(page, 'global');
    await page.getByRole('button', { name: 'Run analysis' }).click();
    await expectCount(page, 150);
    await shot(page, '150');

    await chooseRunOptions(page, { limit: 60, corruptions: [], severities: [1] });
    await page.getByRole('button', { name: 'Run analysis' }).click();
    await expectCount(page, 60);
    await shot(page, '60');
  });

  it('a re-open after bundle.json was edited refreshes too', async () => {
    editManifest({ name: 'Image fixture bundle, edited', limit: 90 });
    await page.fill('#bundle-path', bundle);
    await page.press('#bundle-path', 'Enter');
    await page.getByRole('heading', { name: 'Image fixture bundle, edited' }).waitFor();
    await page.click('.run-options summary');
    await page.fill('input[name=run-limit]', ''); // back to the bundle's default
    await expect(page.locator('input[name=run-limit]').getAttribute('placeholder')).resolves.toBe('90 (bundle default)');
    await page.click('.run-options summary');
    await page.getByRole('button', { name: 'Run analysis' }).click();
    await expectCount(page, 90);
    await shot(page, 'reopened-90');
    // The fixture's untrained dense model scores about chance (3 classes): the table says so first.
    await switchView(page, 'evaluation');
    const warning = page.locator('[data-testid="sanity-banner"] li[data-kind="near-chance"]');
    await warning.waitFor({ timeout: 30_000 });
    await expect(warning.innerText()).resolves.toMatch(/dense model "dense" scores \d+\.\d % on the clean set, not significantly above chance \(33\.3 % for 3 classes, binomial test, 90 samples\).*Likely causes: input normalisation/s);
    await shot(page, 'sanity-banner');
    // No console errors on the way (a missing favicon would be one: a 404).
    expect(errors).toEqual([]);
  });
});
