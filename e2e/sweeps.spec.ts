// The sparsity-sweep view on the demo bundle: after a short analysis, each method's line with
// its bootstrap band and breaking point; the x-axis and tolerance controls; a click on a point
// makes that model B against dense; hovering a line highlights its method in the docked table.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir } from './support/browser';
import { servedPage } from './support/served-page';
import { chooseRunOptions } from './support/views-ui';

const demo = path.resolve(import.meta.dirname, '..', 'assets', 'demo');
const cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-sweeps-cache-'));
const main = '.view-area[data-view="sweeps"] .sweep-view > .chart-box';

describe('sparsity sweeps on the demo bundle', () => {
  const served = servedPage({ name: 'sweeps', args: [demo], env: { PRUNELENS_CACHE: cacheDir }, page: { viewport: { width: 1400, height: 1000 } }, cleanup: [cacheDir] });
  let page: Page;
  beforeAll(() => {
    page = served.page;
  });

  it('shows gmp and random with bands and breaking points; a click selects that model', async () => {
    await page.goto(served.server.url);
    await page.getByRole('heading', { name: 'Fashion-MNIST pruning zoo' }).waitFor();
    await chooseRunOptions(page, { limit: 200, corruptions: ['gaussian_noise', 'fog'], severities: [1, 3] });
    await page.getByRole('button', { name: 'Run analysis' }).click();
    await page.locator('.job-status[data-job-status="done"]').waitFor({ timeout: 300_000 });
    await page.getByRole('tab', { name: /Sparsity sweeps/ }).click();
    await page.locator(`${main} .sweep-dot`).first().waitFor({ timeout: 60_000 });

    // dense + random 50/70/80/90/95, dense + gmp 50/70/80/90/95: 12 points, two bands, the legend names both methods.
    await expect(page.locator(`${main} .sweep-dot`).count()).resolves.toBe(12);
    await expect(page.locator(`${main} .sweep-dot[data-sweep^="Global magnitude"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-model')))).resolves.toEqual(['dense', 'gmp-50', 'gmp-70', 'gmp-80', 'gmp-90', 'gmp-95']);
    await expect(page.locator(`${main} .sweep-dot[data-sweep^="Random"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-model')))).resolves.toEqual(['dense', 'random-50', 'random-70', 'random-80', 'random-90', 'random-95']);
    await expect(page.locator(`${main} .recharts-area-area`).count()).resolves.toBe(2);
    const legend = await page.locator(`${main} .recharts-legend-wrapper`).innerText();
    expect(legend).toContain('Random unstructured (layer-wise, + FT)');
    expect(legend).toContain('Global magnitude (one-shot + FT)');
    expect(legend).not.toContain('band');
    const breaking = page.locator('.sweep-breaking li');
    await expect(breaking.count()).resolves.toBe(2);
    await expect(breaking.allInnerTexts()).resolves.toEqual([expect.stringMatching(/^Random .*(keeps robustness up to|breaks before) \d+ %/), expect.stringMatching(/^Global magnitude .*(keeps robustness up to|breaks before) \d+ %/)]);
    // A tolerance of 100 points keeps every level: the ring moves to each sweep's last level.
    await page.fill('input[name=sweep-tolerance]', '100');
    await expect(breaking.allInnerTexts()).resolves.toEqual([expect.stringContaining('keeps robustness up to 95 % (every level)'), expect.stringContaining('keeps robustness up to 95 % (every level)')]);
    await expect(page.locator(`${main} .breaking-point`).count()).resolves.toBe(2);
    await page.fill('input[name=sweep-tolerance]', '1');

    // Effective MACs from the model cards as x: the same twelve points, dense right-most.
    await page.selectOption('select[name=sweep-axis]', 'effectiveMacs');
    await expect(page.locator(`${main} .sweep-dot`).count()).resolves.toBe(12);
    const cx = async (model: string) => Number(await page.locator(`${main} .sweep-dot[data-sweep^="Global"][data-model="${model}"]`).getAttribute('cx'));
    expect(await cx('dense')).toBeGreaterThan(await cx('gmp-95'));

    // The geometry panel draws the mean angle to the true class along the same sweeps.
    await expect(page.locator('.sweep-geometry .sweep-dot').count()).resolves.toBe(12);
    await page.selectOption('select[name=sweep-geometry-metric]', 'shifted.angleGt');
    await expect(page.locator('.sweep-geometry .sweep-dot').count()).resolves.toBe(12);

    // Hovering the gmp line highlights that method everywhere: in the evaluation table docked
    // beside, gmp rows are emphasised, the others dimmed, dense (every sweep's 0 point) left alone.
    await page.selectOption('select[name=docked-view]', 'evaluation');
    const rows = '.view-area[data-docked][data-view="evaluation"] tr[data-eval-model]';
    await page.locator(rows).first().waitFor({ timeout: 60_000 });
    const marks = () => page.locator(rows).evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-eval-model'), e.getAttribute('data-highlight')])));
    expect(Object.values(await marks()).every((m) => m === null)).toBe(true);
    await page.locator(`${main} .sweep-dot[data-model="gmp-90"]`).hover();
    await expect.poll(async () => (await marks())['gmp-90'], { timeout: 5_000 }).toBe('on');
    const hot = await marks();
    expect(Object.entries(hot).filter(([, m]) => m === 'on').map(([id]) => id).sort()).toEqual(['gmp-50', 'gmp-70', 'gmp-80', 'gmp-90', 'gmp-95']);
    expect(hot['random-90']).toBe('off');
    expect(hot['imp-80']).toBe('off');
    expect(hot.dense).toBeNull();
    await expect(page.locator('.view-area[data-docked] tr[data-eval-model="random-90"]').evaluate((e) => Number(getComputedStyle(e).opacity))).resolves.toBeLessThan(0.5);
    await page.mouse.move(5, 5);
    await expect.poll(async () => Object.values(await marks()).every((m) => m === null), { timeout: 5_000 }).toBe(true);
    await page.selectOption('select[name=docked-view]', '');
    await page.locator('.view-area[data-docked]').waitFor({ state: 'detached' });

    await page.locator(`${main} .sweep-dot[data-model="gmp-80"]`).click();
    await expect(page.locator('[data-chip-model="gmp-80"] .pair-badge').innerText()).resolves.toBe('B');
    await expect(page.locator('[data-chip-model="dense"] .pair-badge').innerText()).resolves.toBe('A');
    // The pair is ringed on the chart: dense and gmp-80 only.
    await expect(page.locator(`${main} .sweep-dot[r="6"]`).evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-model')))].sort())).resolves.toEqual(['dense', 'gmp-80']);
    await page.screenshot({ path: path.join(artifactsDir, 'sweeps.png') });
  }, 400_000);
});
