// The linked views end to end on the demo bundle: run an analysis from the UI, watch the
// evaluation table fill, pick a cell, see that set in 3-D, step to a pruning-fragile sample,
// drill down, brush, and check that a selection in one view is highlighted in the others.
// The 3-D view must show a real UMAP (finite, Procrustes-aligned); the geometric-axes fallback
// is tested on its own, last, in a tab whose 3-D projections are refused.
// Long tasks are recorded while results stream and while brushing; screenshots of every view go to e2e/artifacts/.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir } from './support/browser';
import { pageNow, recordLongTasks, startPhase } from './support/long-tasks';
import { failProjections3d, projectionOutages } from './support/projection-outage';
import { servedPage } from './support/served-page';
import { cellsDone, chooseRunOptions, dataAttr, dockViewByKey, drag, switchView } from './support/views-ui';

const demo = path.resolve(import.meta.dirname, '..', 'assets', 'demo');
const LONG_TASK_LIMIT_MS = 100;
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifactsDir, `views-${name}.png`) });
const perf: Record<string, unknown> = {};
const cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-views-cache-'));
/** What the 3-D view shows instead of point clouds when its data cannot be had. */
const threeDProblem = '.view-area[data-view="three-d"] :is(.view-empty, .view-error)';

describe('linked views on the demo bundle', () => {
  // Before serve starts (hooks run in order): a clear message when the demo is missing.
  beforeAll(() => {
    expect(existsSync(path.join(demo, 'bundle.json')), 'assets/demo/bundle.json (the demo bundle) is missing').toBe(true);
  });
  // A fresh result cache: the table must fill in from nothing.
  const served = servedPage({ name: 'views', args: [demo], env: { PRUNELENS_CACHE: cacheDir }, cleanup: [cacheDir], screenshot: shot });
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ browser, page } = served);
    await recordLongTasks(page);
  });

  afterAll(() => {
    writeFileSync(path.join(artifactsDir, 'views-perf.json'), JSON.stringify(perf, null, 2));
    console.log('views performance:', JSON.stringify(perf));
  });

  it('runs an analysis from the UI; the evaluation table fills in live, then a cell picks model and set', async () => {
    await page.goto(served.server.url);
    await page.getByRole('heading', { name: 'Fashion-MNIST pruning zoo' }).waitFor();
    await page.getByRole('button', { name: 'Hide model cards' }).click();
    await expect(page.locator('.view-area[data-view="evaluation"] .view-empty').innerText()).resolves.toMatch(/No results yet|not computed/);
    await chooseRunOptions(page, { limit: 300, corruptions: ['fog', 'gaussian_noise', 'contrast'], severities: [1, 3, 5] });
    const t0 = await pageNow(page);
    const phase = await startPhase(browser, page);
    await page.getByRole('button', { name: 'Run analysis' }).click();
    await page.locator('.job-status[data-job-status="running"]').waitFor();
    // Live: some cells are filled while others are still pending.
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-cells-done]');
      const done = Number(el?.getAttribute('data-cells-done'));
      return done > 0 && done < Number(el?.getAttribute('data-cells-total'));
    }, null, { timeout: 180_000, polling: 50 });
    const partial = await cellsDone(page);
    await shot(page, 'evaluation-filling');
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-cells-done]');
      return el && el.getAttribute('data-cells-done') === el.getAttribute('data-cells-total');
    }, null, { timeout: 400_000, polling: 200 });
    await page.locator('.job-status[data-job-status="done"]').waitFor({ timeout: 60_000 });
    const t1 = await pageNow(page);
    const full = await cellsDone(page);
    expect(full).toEqual({ done: 16 * 10, total: 16 * 10 }); // 16 models × (clean + 3 corruptions × 3 severities)
    const streaming = await phase.stop();
    perf.streaming = { seconds: Math.round((t1 - t0) / 100) / 10, partialCells: partial, ...streaming };
    expect(streaming.maxTaskCpuMs).toBeLessThan(LONG_TASK_LIMIT_MS);

    const rows = page.locator('table[aria-label="Evaluation"] tbody tr');
    await expect(rows.count()).resolves.toBe(16);
    await expect(page.locator('td[data-model="gmp-95"][data-column="clean"]').innerText()).resolves.toMatch(/^\d+\.\d$/);
    await shot(page, 'evaluation');
    await page.getByRole('radio', { name: 'Δ vs dense (pp)' }).click();
    await expect(page.locator('td[data-model="dense"][data-column="fog"]').innerText()).resolves.toBe('+0.0');
    await page.getByRole('button', { name: 'Expand fog severities' }).click();
    await page.locator('th[data-column="fog-s5"]').click(); // sort by fog-s5 Δ, worst first
    await shot(page, 'evaluation-delta');
    await page.getByRole('radio', { name: 'Accuracy %' }).click();

    await page.click('td[data-model="gmp-95"][data-column="fog-s3"]');
    await expect(page.locator('select[name=set-corruption]').inputValue()).resolves.toBe('fog');
    await expect(page.locator('select[name=set-severity]').inputValue()).resolves.toBe('3');
    await expect(page.locator('[data-chip-model="gmp-95"] .pair-badge').innerText()).resolves.toBe('B');
    await expect(page.locator('[data-chip-model="dense"] .pair-badge').innerText()).resolves.toBe('A');
  }, 600_000);

  it('shows that set in one 3-D view per model, and steps to a pruning-fragile sample', async () => {
    await switchView(page, 'three-d');
    // The 3-D UMAP must be computed here: no fallback to geometric axes (that is tested on its own below).
    await expect(page.getByRole('radio', { name: 'UMAP 3-D' }).getAttribute('aria-checked')).resolves.toBe('true');
    await page.locator(`.three-cell, ${threeDProblem}`).first().waitFor({ timeout: 120_000 });
    await expect(page.locator(threeDProblem).allInnerTexts(), 'the 3-D UMAP projection could not be computed').resolves.toEqual([]);
    perf.projection3d = 'umap';
    const cells = page.locator('.three-cell[data-slot-set="fog-s3"]');
    await page.waitForFunction(() => document.querySelectorAll('.three-cell[data-slot-set="fog-s3"]').length === 9, null, { timeout: 120_000 });
    await expect(cells.count()).resolves.toBe(9);
    await expect(dataAttr(page, '.three-cell[data-slot-model="gmp-95"]', 'points')).resolves.toBe('300');
    // UMAP coordinates: each pruned model's map is Procrustes-aligned to the dense one (geometric axes have no residual).
    await expect(page.locator('.three-cell[data-slot-model="gmp-95"] .three-cell-label').innerText()).resolves.toMatch(/Procrustes \d\.\d{3}/);
    await page.waitForFunction(() => document.querySelector('.three-canvas-wrap')?.getAttribute('data-complete') === 'true');
    await expect(dataAttr(page, '.three-grid-wrap', 'nonfinite'), 'UMAP points without a finite position').resolves.toBe('0');
    perf.threeD = { buildMs: Number(await dataAttr(page, '.three-grid-wrap', 'build-ms')), frameMs: Number(await dataAttr(page, '.three-canvas-wrap', 'frame-ms')) };
    await shot(page, 'three-d');

    await page.click('button[data-category="pruning-fragile"]');
    await page.waitForFunction(() => {
      const n = Number(document.querySelector('[data-filter-count]')?.getAttribute('data-filter-count'));
      return n > 0 && n < 300;
    });
    await page.locator('body').press('j');
    await page.locator('[data-details-sample]').waitFor();
    const focused = Number(await dataAttr(page, '[data-details-sample]', 'details-sample'));
    await expect(page.locator('[data-details-sample]').innerText()).resolves.toMatch(/pruning-fragile \(gmp-95, fog-s3\)/);
    await page.waitForFunction(() => document.querySelector('.three-canvas-wrap')?.getAttribute('data-highlighted') === '1');
    await page.waitForTimeout(500);
    await shot(page, 'three-d-fragile');

    // Hover-picking over the 3-D views: record long tasks while the pointer sweeps across them.
    const box = (await page.locator('.three-canvas').boundingBox())!;
    const sweep = await startPhase(browser, page);
    for (let k = 0; k <= 40; k++) await page.mouse.move(box.x + (box.width * k) / 40, box.y + box.height * (0.3 + 0.4 * ((k % 7) / 7)));
    await drag(page, { x: box.x + box.width * 0.15, y: box.y + box.height * 0.3 }, { x: box.x + box.width * 0.3, y: box.y + box.height * 0.4 }, 20);
    const hoverAndOrbit = await sweep.stop();
    perf.threeDHoverAndOrbit = hoverAndOrbit;
    expect(hoverAndOrbit.maxTaskCpuMs).toBeLessThan(LONG_TASK_LIMIT_MS);
    await page.mouse.move(box.x - 20, box.y - 20);
    await shot(page, 'three-d-orbited');

    await switchView(page, 'sample');
    const sample = page.locator(`.sample-view[data-sample="${focused}"]`);
    await sample.waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.sample-image img')].filter((img) => img.complete && img.naturalWidth === Number(img.dataset.naturalWidth)).length >= 4, null, { timeout: 60_000 });
    await expect(page.locator('.sample-image figcaption').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['clean', 'fog s1', 'fog s3', 'fog s5']));
    const predictions = page.locator('table[aria-label="Predictions on fog-s3"] tbody tr');
    await expect(predictions.count()).resolves.toBe(16);
    await expect(page.locator('tr[data-pred-model="gmp-95"]').innerText()).resolves.toMatch(/✗.*pruning-fragile/s);
    await expect(page.locator('tr[data-pred-model="dense"]').innerText()).resolves.toMatch(/✓/);
    await expect(page.locator('.category-tag[data-category="pruning-fragile"]').count()).resolves.toBeGreaterThan(0);
    await page.locator('.chart-box .recharts-line').first().waitFor();
    // Geometric attribution: occlusion maps of A and B.
    await page.locator('[data-attribution-models="2"]').waitFor({ timeout: 60_000 });
    await shot(page, 'sample');
    await page.locator('body').press('j');
    await page.waitForFunction((f) => Number(document.querySelector('.sample-view')?.getAttribute('data-sample')) > f, focused);
    await expect(page.locator('tr[data-pred-model="gmp-95"]').innerText()).resolves.toMatch(/✗/);
    // Nearest clean neighbours in both compared models' feature spaces; one click opens a neighbour.
    await page.locator('[data-neighbour-models="2"]').waitFor({ timeout: 60_000 });
    for (const model of ['dense', 'gmp-95']) await expect(page.locator(`[data-neighbours-of="${model}"] [data-neighbour]`).count()).resolves.toBe(6);
    await page.locator('[data-neighbours-of="gmp-95"] .sample-image img').first().waitFor();
    await page.locator('.panel.neighbours').scrollIntoViewIfNeeded();
    await shot(page, 'sample-neighbours');
    const neighbour = await page.locator('[data-neighbours-of="gmp-95"] [data-neighbour]').first().getAttribute('data-neighbour');
    await page.locator('[data-neighbours-of="gmp-95"] [data-neighbour]').first().click();
    await page.locator(`.sample-view[data-sample="${neighbour}"]`).waitFor();
  }, 300_000);

  it('links a box selection in the local geometry to the 3-D and parallel-coordinate views, and brushes without long tasks', async () => {
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await switchView(page, 'local');
    const canvas = page.locator('.scatter-canvas');
    await canvas.waitFor();
    const b = (await canvas.boundingBox())!;
    await drag(page, { x: b.x + 60, y: b.y + 20 }, { x: b.x + b.width - 20, y: b.y + b.height - 45 });
    await page.waitForFunction(() => Number(document.querySelector('[data-selection-count]')?.getAttribute('data-selection-count')) > 1);
    const selected = Number(await dataAttr(page, '[data-selection-count]', 'selection-count'));
    await expect(dataAttr(page, '.scatter-canvas', 'highlighted')).resolves.toBe(String(selected));
    await shot(page, 'local');

    await switchView(page, 'three-d');
    await page.waitForFunction((n) => document.querySelector('.three-canvas-wrap')?.getAttribute('data-highlighted') === String(n), selected);
    await page.waitForTimeout(300);
    await shot(page, 'three-d-linked');

    await switchView(page, 'global');
    const overlay = page.locator('.pc-overlay');
    await overlay.waitFor();
    await page.waitForFunction(() => document.querySelector('.pc-wrap')?.hasAttribute('data-density-ms'));
    await expect(dataAttr(page, '.pc-overlay', 'highlighted')).resolves.toBe(String(Math.min(selected, 300)));
    perf.densityMs = Number(await dataAttr(page, '.pc-wrap', 'density-ms'));
    await shot(page, 'global');

    // Brush the "feature length" axis (third from the right), then another axis.
    const o = (await overlay.boundingBox())!;
    const axisX = (a: number, n: number) => o.x + 40 + (a * (o.width - 80)) / (n - 1);
    const brush = await startPhase(browser, page);
    await drag(page, { x: axisX(10, 13), y: o.y + 60 }, { x: axisX(10, 13), y: o.y + o.height * 0.5 });
    await page.locator('[data-metric-filter="length"]').waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-filter-count]')?.getAttribute('data-filter-count')) < 300);
    await drag(page, { x: axisX(12, 13), y: o.y + 40 }, { x: axisX(12, 13), y: o.y + o.height * 0.6 });
    await page.locator('[data-metric-filter="confidence"]').waitFor();
    await page.waitForTimeout(400);
    const brushing = await brush.stop();
    perf.brushing = { ...brushing, filtered: Number(await dataAttr(page, '[data-filter-count]', 'filter-count')) };
    expect(brushing.maxTaskCpuMs).toBeLessThan(LONG_TASK_LIMIT_MS);
    await shot(page, 'global-brushed');
  }, 180_000);

  it('docks the 3-D views beside the local geometry: a box selection highlights in both at once', async () => {
    await switchView(page, 'local');
    await dockViewByKey(page, 'three-d');
    await page.locator('.view-area[data-docked][data-view="three-d"] .three-canvas-wrap[data-complete="true"]').waitFor({ timeout: 60_000 });
    await expect(page.locator('.view-area#view-panel').getAttribute('data-view')).resolves.toBe('local');
    const before = Number(await dataAttr(page, '[data-selection-count]', 'selection-count'));
    const canvas = page.locator('.scatter-canvas');
    const b = (await canvas.boundingBox())!;
    // The right half of the plot: a different selection from the earlier one.
    await drag(page, { x: b.x + b.width * 0.55, y: b.y + 20 }, { x: b.x + b.width - 10, y: b.y + b.height - 45 });
    await page.waitForFunction((old) => {
      const count = document.querySelector('[data-selection-count]')?.getAttribute('data-selection-count');
      return Number(count) > 0 && Number(count) !== old && document.querySelector('.three-canvas-wrap')?.getAttribute('data-highlighted') === count;
    }, before);
    await expect(dataAttr(page, '.scatter-canvas', 'highlighted')).resolves.toBe(await dataAttr(page, '[data-selection-count]', 'selection-count'));
    await page.waitForTimeout(300);
    await shot(page, 'docked');
    await page.locator('body').press('0');
    await expect(page.locator('.view-area[data-docked]').count()).resolves.toBe(0);
  }, 120_000);

  it('similarity picks a comparison pair; redundancy shows the clustered matrix', async () => {
    await switchView(page, 'similarity');
    await page.locator('[data-node-model]').first().waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-node-model]').count()).resolves.toBe(16);
    // Close models (dense, gmp-50, …) keep readable labels: no two label boxes overlap.
    const labelBoxes = await page.locator('.node-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    const overlapping = labelBoxes.flatMap((a, i) => labelBoxes.slice(i + 1).filter((b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1));
    expect(overlapping).toEqual([]);
    await page.locator('[data-node-model="gmp-50"] circle').click();
    await page.locator('[data-node-model="random-80"] circle').hover();
    await expect(page.locator('table[aria-label="Distances from random-80"]').isVisible()).resolves.toBe(true);
    await page.locator('[data-node-model="random-80"] circle').click();
    await expect(page.locator('[data-chip-model="gmp-50"] .pair-badge').innerText()).resolves.toBe('A');
    await expect(page.locator('[data-chip-model="random-80"] .pair-badge').innerText()).resolves.toBe('B');
    await shot(page, 'similarity');

    await switchView(page, 'redundancy');
    await page.locator('.matrix-cell').first().waitFor({ timeout: 60_000 });
    await expect(page.locator('.matrix-cell').count()).resolves.toBe(9);
    await expect(page.locator('.dendro-link').count()).resolves.toBe(2);
    await shot(page, 'redundancy');
  }, 120_000);

  it('exports the samples table of what is shown', async () => {
    await page.click('.export-menu summary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="samples-csv"]')]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
    const selected = Number(await dataAttr(page, '[data-selection-count]', 'selection-count'));
    // A header, then one row per shown model (9) and selected sample, on the current set only.
    expect(lines.length).toBe(1 + 9 * selected);
    expect(lines.slice(1).every((line) => /^[\w.-]+,fog,3,/.test(line))).toBe(true);
    await page.click('.export-menu summary');
  }, 60_000);

  it('keeps view, set, models, filters and theme across a reload; the dark theme renders', async () => {
    await switchView(page, 'three-d');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.locator('body').press('t');
    await page.click('button[data-category="pruning-fragile"]');
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await page.waitForTimeout(400); // the state is saved at most every 200 ms
    await page.reload();
    await page.locator('.view-area[data-view="three-d"]').waitFor();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await expect(page.locator('select[name=set-severity]').inputValue()).resolves.toBe('3');
    await expect(page.locator('[data-chip-model="random-80"] .pair-badge').innerText()).resolves.toBe('B');
    await expect(page.locator('button[data-category="pruning-fragile"]').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.waitForFunction(() => document.querySelectorAll('.three-cell[data-slot-set="fog-s3"]').length === 9, null, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('.three-canvas-wrap')?.getAttribute('data-complete') === 'true');
    await page.waitForTimeout(300);
    await shot(page, 'three-d-dark');
    await switchView(page, 'evaluation');
    await shot(page, 'evaluation-dark');
    await page.locator('body').press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('sample-search');
    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    await page.locator('[data-details-sample="12"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('body').press('t');
  }, 120_000);

  it('falls back to geometric axes, as a fallback, when the 3-D projection is unavailable', async () => {
    // A fresh tab with the saved state (3-D view, fog-s3, 9 models, UMAP layout) whose 3-D projections all fail.
    const saved = JSON.parse((await page.evaluate(() => localStorage.getItem('prunelens.viewState.v1'))) ?? '{}');
    expect(saved).toMatchObject({ layout3d: 'projection', setId: 'fog-s3' });
    const state = JSON.stringify({ ...saved, activeView: 'three-d', dockedView: null });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const tab = await context.newPage();
      await tab.addInitScript((text) => localStorage.getItem('prunelens.viewState.v1') ?? localStorage.setItem('prunelens.viewState.v1', text), state);
      await failProjections3d(tab);
      await tab.goto(served.server.url);
      await tab.locator('.view-area[data-view="three-d"]').waitFor();
      const fallback = tab.getByRole('button', { name: 'Use geometric axes' });
      await fallback.waitFor({ timeout: 60_000 });
      await expect(tab.locator('.view-area[data-view="three-d"] .view-empty').innerText()).resolves.toMatch(/No 3-D projection for these models on fog-s3 yet/);
      await expect(tab.locator('.three-cell').count()).resolves.toBe(0);
      expect(await projectionOutages(tab)).toBeGreaterThan(0);
      await fallback.click();
      await expect(tab.getByRole('radio', { name: 'geometric axes' }).getAttribute('aria-checked')).resolves.toBe('true');
      await tab.waitForFunction(() => document.querySelectorAll('.three-cell[data-slot-set="fog-s3"]').length === 9, null, { timeout: 60_000 });
      await tab.waitForFunction(() => document.querySelector('.three-canvas-wrap')?.getAttribute('data-complete') === 'true');
      await expect(tab.locator('.three-cell-label', { hasText: 'Procrustes' }).count()).resolves.toBe(0);
      await tab.screenshot({ path: path.join(artifactsDir, 'views-three-d-fallback.png') });
    } finally {
      await context.close();
    }
  }, 120_000);
});
