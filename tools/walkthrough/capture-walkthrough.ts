// Captures the screenshots of docs/WALKTHROUGH.md: the full demo analysis (1,000 samples, 19
// corruptions × 5 severities) walked through in the real UI, as a researcher would.
// Run: npx vite build --logLevel warn && npx tsx tools/walkthrough/capture-walkthrough.ts [out-dir]
// (uses the default result cache, so after `npx prunelens analyze assets/demo` it takes seconds).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../e2e/support/browser';
import { startServe } from '../../e2e/support/serve-process';
import { dockViewByKey, switchView } from '../../e2e/support/views-ui';

const repo = path.resolve(import.meta.dirname, '..', '..');
const out = path.resolve(process.argv[2] ?? path.join(repo, 'docs', 'walkthrough'));
mkdirSync(out, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(out, `${name}.png`) });
const settle = (page: Page) => page.waitForTimeout(600);

const server = await startServe([path.join(repo, 'assets', 'demo')]);
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Fashion-MNIST pruning zoo' }).waitFor();
  await page.getByRole('button', { name: 'Hide model cards' }).click();
  await page.click('.run-options summary');
  await page.fill('input[name=run-limit]', '1000');
  for (const s of [1, 2, 3, 4, 5]) await page.check(`input[name=severity-${s}]`);
  await page.click('.run-options summary');
  await page.getByRole('button', { name: 'Run analysis' }).click();
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-cells-done]');
    return el && Number(el.getAttribute('data-cells-total')) > 0 && el.getAttribute('data-cells-done') === el.getAttribute('data-cells-total');
  }, null, { timeout: 1_800_000, polling: 500 });

  // 1. Which method is most robust to noise: Δ vs dense, sorted by gaussian noise.
  await page.getByRole('radio', { name: 'Δ vs dense (pp)' }).click();
  await page.locator('th[data-column="gaussian_noise"]').click();
  await settle(page);
  await shot(page, '1-evaluation-delta-noise');

  // 2. Why: supermask-50 vs dense under gaussian noise s3, angle vs length per class.
  await page.getByRole('radio', { name: 'Accuracy %' }).click();
  await page.getByRole('button', { name: 'Expand gaussian_noise severities' }).click();
  await page.click('td[data-model="supermask-50"][data-column="gaussian_noise-s3"]');
  await switchView(page, 'local');
  await page.locator('.scatter-canvas').waitFor();
  await settle(page);
  await shot(page, '2-local-geometry-supermask-noise');
  await page.click('.segmented button:has-text("clean →")');
  await settle(page);
  await shot(page, '2b-local-geometry-supermask-clean-vs-noise');

  // 3. Which corruptions are redundant.
  await switchView(page, 'redundancy');
  await page.locator('.matrix-cell').first().waitFor({ timeout: 120_000 });
  await settle(page);
  await shot(page, '3-redundancy');

  // 4. How the models relate geometrically.
  await switchView(page, 'similarity');
  await page.locator('[data-node-model]').first().waitFor({ timeout: 120_000 });
  await settle(page);
  await shot(page, '4-similarity');

  // 5. Which samples become fragile after pruning: gmp-95 under fog s3, 3-D beside local geometry.
  await switchView(page, 'evaluation');
  await page.getByRole('button', { name: 'Expand fog severities' }).click();
  await page.click('td[data-model="gmp-95"][data-column="fog-s3"]');
  await page.click('button[data-category="pruning-fragile"]');
  await switchView(page, 'local');
  await page.click('.segmented button:has-text("A →")');
  await dockViewByKey(page, 'three-d');
  await page.locator('.three-canvas-wrap[data-complete="true"]').waitFor({ timeout: 300_000 });
  await page.locator('body').press('j'); // the first pruning-fragile sample, highlighted in both views
  await settle(page);
  await shot(page, '5-fragile-local-and-3d');
  await page.locator('body').press('0');

  // 6. That fragile sample: images, predictions, trajectories, occlusion, neighbours.
  await switchView(page, 'sample');
  await page.locator('[data-attribution-models="2"]').waitFor({ timeout: 120_000 });
  await page.locator('[data-neighbour-models="2"]').waitFor({ timeout: 120_000 });
  await settle(page);
  await shot(page, '6-sample');
  await page.locator('.panel.neighbours').scrollIntoViewIfNeeded();
  await settle(page);
  await shot(page, '6b-sample-neighbours');

  // 7. Up to which sparsity each method keeps its robustness: the gmp and random sweeps.
  await switchView(page, 'sweeps');
  await page.locator('.sweep-breaking li').first().waitFor({ timeout: 300_000 });
  await page.locator('.sweep-dot').first().waitFor({ timeout: 120_000 });
  await settle(page);
  await shot(page, '7-sweeps');
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
