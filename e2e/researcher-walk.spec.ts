// A researcher's walk through the demo with nothing but the app: run, read the evaluation table
// (legend with units, definitions on hover, mCE in %, the Model column pinned while scrolling),
// the redundancy matrix (column labels, a note on the empty saturate row: saturate leaves grey
// images alone), the parallel coordinates (full axis titles), the local geometry (its class follows
// the class filter; a brush selects only what the filter shows), a search for a hidden sample,
// every other view, and the dark theme (every button's text readable). Screenshots go to
// e2e/artifacts/ (and /tmp/p5-shots/ when that folder exists or can be made).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { glossary } from '../src-shared/analysis/glossary';
import { artifactsDir } from './support/browser';
import { servedPage } from './support/served-page';
import { chooseRunOptions, dataAttr, dockViewByKey, drag, switchView } from './support/views-ui';

const demo = path.resolve(import.meta.dirname, '..', 'assets', 'demo');
const extraShots = process.env.PRUNELENS_SHOTS_DIR ?? '/tmp/p5-shots';
try {
  mkdirSync(extraShots, { recursive: true });
} catch {
  // Only e2e/artifacts then.
}
async function shot(page: Page, name: string): Promise<void> {
  const bytes = await page.screenshot({ path: path.join(artifactsDir, `walk-${name}.png`) });
  try {
    writeFileSync(path.join(extraShots, `walk-${name}.png`), bytes);
  } catch {
    // e2e/artifacts has it.
  }
}
/** The demo's test labels (IDX), to know which samples a class filter hides. */
const labels = gunzipSync(readFileSync(path.join(demo, 'data', 't10k-labels-idx1-ubyte.gz'))).subarray(8);
const DRESS = 3;
const cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-walk-cache-'));

describe('a researcher walks through the demo', () => {
  const served = servedPage({ name: 'walk', args: [demo], env: { PRUNELENS_CACHE: cacheDir }, cleanup: [cacheDir], screenshot: shot });
  const { errors } = served;
  let page: Page;
  beforeAll(() => {
    page = served.page;
  });

  it('runs, and the evaluation table explains itself: legend with units, definitions on hover, mCE in %', async () => {
    await page.goto(served.server.url);
    await page.getByRole('heading', { name: 'Fashion-MNIST pruning zoo' }).waitFor();
    await page.getByRole('button', { name: 'Hide model cards' }).click();
    await chooseRunOptions(page, { limit: 300, corruptions: ['fog', 'gaussian_noise', 'saturate'], severities: [1, 3] });
    await expect(page.locator('.run-summary').innerText()).resolves.toBe('(300 samples · corruptions: 3 · severities: 1, 3)');
    await page.getByRole('button', { name: 'Run analysis' }).click();
    await page.locator('.job-status[data-job-status="done"]').waitFor({ timeout: 540_000 });
    const models = await page.locator('[data-chip-model]').count();
    await expect(page.locator('[data-cells-done]').getAttribute('data-cells-done')).resolves.toBe(String(models * 7)); // clean + 3 corruptions × 2 severities

    const legend = page.locator('.view-area[data-view="evaluation"] .color-legend');
    await expect(legend.getAttribute('data-scale')).resolves.toBe('accuracy');
    await expect(legend.innerText()).resolves.toMatch(/accuracy \(%\)[\s\S]*0[\s\S]*50[\s\S]*100[\s\S]*fixed scale 0–100 %/);
    // mCE in % of the dense error, as the report prints it: the baseline's own is 100.0.
    await expect(page.locator('td[data-mce="dense"]').innerText()).resolves.toBe('100.0');
    await expect(page.locator('td[data-mce="gmp-95"]').innerText()).resolves.toMatch(/^\d{2,3}\.\d$/);

    await page.locator('th[data-column="mce"] .term').hover();
    const tip = page.locator('th[data-column="mce"] .term-tip');
    await tip.waitFor({ state: 'visible' });
    await expect(tip.innerText()).resolves.toContain(glossary.mce.definition);
    await shot(page, '1-evaluation-mce-tooltip');
    await page.locator('th[data-column="robust"] .term').hover();
    await expect(page.locator('th[data-column="robust"] .term-tip').innerText()).resolves.toContain(glossary.robustAccuracy.definition);

    await page.getByRole('radio', { name: 'Δ vs dense (pp)' }).click();
    await expect(legend.getAttribute('data-scale')).resolves.toBe('delta');
    await expect(legend.innerText()).resolves.toMatch(/percentage points[\s\S]*−20[\s\S]*\+20/);
    await page.getByRole('radio', { name: 'CE %' }).click();
    await expect(legend.innerText()).resolves.toMatch(/% of the dense model’s error[\s\S]*100 = dense/);
    await expect(page.locator('td[data-model="dense"][data-column="fog"]').innerText()).resolves.toBe('100');
    await shot(page, '2-evaluation-ce-legend');
    await page.getByRole('radio', { name: 'Accuracy %' }).click();
    expect(errors).toEqual([]);
  }, 600_000);

  it('keeps the Model column pinned while the table scrolls right', async () => {
    for (const c of ['fog', 'gaussian_noise', 'saturate']) await page.getByRole('button', { name: `Expand ${c} severities` }).click();
    await dockViewByKey(page, 'similarity'); // half the width: the table overflows
    await page.locator('.view-area[data-docked]').waitFor();
    const scroll = page.locator('.view-area[data-view="evaluation"] .table-scroll');
    const scrolled = await scroll.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
      return el.scrollLeft;
    });
    expect(scrolled).toBeGreaterThan(50);
    await page.waitForTimeout(100);
    const box = await scroll.boundingBox();
    const model = await page.locator('tr[data-eval-model="gmp-95"] td.model-id').boundingBox();
    const method = await page.locator('tr[data-eval-model="gmp-95"] td.method').boundingBox();
    expect(Math.abs(model!.x - box!.x)).toBeLessThanOrEqual(1.5); // still at the left edge
    expect(method!.x).toBeLessThan(box!.x); // the next column scrolled out under it
    await shot(page, '3-evaluation-scrolled-pinned');
    await page.locator('body').press('0');
    await page.locator('.view-area[data-docked]').waitFor({ state: 'detached' });
  });

  it('labels the redundancy matrix and says why the saturate row is empty', async () => {
    await switchView(page, 'redundancy');
    await page.locator('.redundancy-svg').waitFor({ timeout: 60_000 });
    await expect(page.locator('.column-label').allInnerTexts()).resolves.toHaveLength(3);
    await expect(page.locator('.view-area[data-view="redundancy"] .color-legend').getAttribute('data-scale')).resolves.toBe('correlation');
    await expect(page.locator('[data-empty-row="saturate"]').count()).resolves.toBe(1);
    await expect(page.locator('.empty-row-notes').innerText()).resolves.toMatch(/saturate: no variation: this corruption leaves every model’s accuracy unchanged/);
    await shot(page, '4-redundancy');
  });

  it('titles every parallel-coordinates axis in full, and the local geometry follows the class filter', async () => {
    await page.selectOption('select[name=class-filter]', String(DRESS));
    await switchView(page, 'global');
    await page.locator('.pc-overlay[data-axes]').waitFor({ timeout: 60_000 });
    const axes = (await dataAttr(page, '.pc-overlay', 'axes'))!.split('|');
    expect(axes.slice(0, 2)).toEqual(['angle to T-shirt/top (°)', 'angle to Trouser (°)']);
    expect(axes).toContain('feature length');
    await shot(page, '5-parallel-coordinates');

    await switchView(page, 'local');
    await expect(page.locator('select[name=local-class]').inputValue()).resolves.toBe(String(DRESS));
  });

  it('a brush and a search never pick a sample the filter hides', async () => {
    const dresses = await dataAttr(page, '.filter-count', 'filter-count');
    await page.locator('[data-category="pruning-fragile"]').click();
    await page.waitForFunction((before) => document.querySelector('.filter-count')?.getAttribute('data-filter-count') !== before, dresses);
    const shown = Number(await dataAttr(page, '.filter-count', 'filter-count'));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(Number(dresses));
    const canvas = await page.locator('.scatter-canvas').boundingBox();
    await drag(page, { x: canvas!.x + 3, y: canvas!.y + 3 }, { x: canvas!.x + canvas!.width - 3, y: canvas!.y + canvas!.height - 3 });
    // Every dress in the plot was boxed; only the pruning-fragile ones (what the filter shows) are selected.
    await expect(page.locator('[data-selection-count]').getAttribute('data-selection-count')).resolves.toBe(String(shown));
    await shot(page, '6-local-brushed-under-filter');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.selectOption('select[name=class-filter]', String(DRESS));
    const hidden = labels.findIndex((l) => l !== DRESS);
    const dress = labels.findIndex((l) => l === DRESS);
    await page.fill('#sample-search', String(dress));
    await page.press('#sample-search', 'Enter');
    await expect(page.locator('[data-details-sample]').getAttribute('data-details-sample')).resolves.toBe(String(dress));
    await page.fill('#sample-search', `#${hidden}`);
    await page.press('#sample-search', 'Enter');
    await expect(page.locator('.search-note').innerText()).resolves.toContain(`Sample #${hidden} is hidden by the filters`);
    await expect(page.locator('[data-details-sample]').getAttribute('data-details-sample')).resolves.toBe(String(dress));
    await page.locator('.bundle-name').click();
  });

  it('compares two models side by side in the docked 3-D view, then exports the report and a PNG', async () => {
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await switchView(page, 'evaluation');
    await dockViewByKey(page, 'three-d');
    const docked = page.locator('.view-area[data-docked]');
    await docked.waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.view-area[data-docked] .three-cell').length >= 2, null, { timeout: 90_000 });
    await page.waitForFunction(() => document.querySelector('.view-area[data-docked] .three-canvas-wrap')?.getAttribute('data-complete') === 'true', null, { timeout: 90_000 });
    await shot(page, '6-docked-3d');
    await page.click('.export-menu summary');
    const [report] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-export="report-html"]')]);
    expect(report.suggestedFilename()).toMatch(/\.html$/);
    const html = readFileSync(await report.path(), 'utf8');
    expect(html).toMatch(/<html/i);
    expect(html).toContain('gmp-90'); // every demo model is in the report
    // The menu stays open after an export (views.spec closes it the same way).
    if (!(await page.locator('[data-export="menu-view-png"]').isVisible())) await page.click('.export-menu summary');
    const [png] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-export="menu-view-png"]')]);
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a'); // PNG signature
    expect(bytes.length).toBeGreaterThan(10_000);
    if (await page.locator('[data-export="menu-view-png"]').isVisible()) await page.click('.export-menu summary');
    await page.getByRole('button', { name: 'Close the docked view' }).click();
    await docked.waitFor({ state: 'detached' });
  }, 240_000);

  it('visits every other view, then reads in the dark theme', async () => {
    for (const id of ['similarity', 'three-d', 'sample', 'sweeps'] as const) {
      await switchView(page, id);
      await page.locator(`.view-area[data-view="${id}"] .view`).first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(500);
      await shot(page, `7-${id}`);
    }
    await switchView(page, 'evaluation');
    await page.locator('body').press('t');
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    // Every visible button's text against its (first opaque) background: WCAG AA, 4.5:1.
    const low = await page.evaluate(() => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]: number[]) => [r, g, b].map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; }).reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
      const background = (el: Element | null): number[] => {
        for (; el; el = el.parentElement) {
          const c = rgb(getComputedStyle(el).backgroundColor);
          if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c;
        }
        return [255, 255, 255];
      };
      const out: string[] = [];
      for (const button of document.querySelectorAll('button')) {
        const box = button.getBoundingClientRect();
        if (box.width === 0 || !button.textContent?.trim() || getComputedStyle(button).visibility === 'hidden') continue;
        const fg = lum(rgb(getComputedStyle(button).color));
        const bg = lum(background(button));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        if (ratio < 4.5) out.push(`${button.textContent.trim().slice(0, 30)} (${ratio.toFixed(2)})`);
      }
      return out;
    });
    expect(low).toEqual([]);
    await shot(page, '8-evaluation-dark');
    expect(errors).toEqual([]);
  }, 180_000);
});
