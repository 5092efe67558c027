// Layout, export and 3-D interaction on a small three-model bundle at 1600 × 1000: the docked 3-D
// view gives each model its own viewport under its own label (2 and 3 models), the Export menu
// opens inside the window (also at 1024 × 700) and closes like a menu (Escape, a click outside, a
// view switch by keyboard; the run Options panel alike), PNG export of the 3-D view, a chart and a table
// yields real, non-blank PNGs, and in 3-D the lasso selects, the camera resets, the geometric axes
// are labelled and the hover tooltip sits at the cursor (also in the local-geometry scatter).
// Screenshots and the exported PNGs: e2e/artifacts/layout-*.png.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeImageFixtureBundle } from '../tools/testing/fixture-bundle';
import { artifactsDir } from './support/browser';
import { servedPage } from './support/served-page';
import { drag } from './support/views-ui';

type Box = { x: number; y: number; width: number; height: number };
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifactsDir, `layout-${name}.png`) });
const bundle = writeImageFixtureBundle({ count: 150, corruptions: ['fog'], severities: [1] });
const manifestPath = path.join(bundle, 'bundle.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
manifest.models.push({ id: 'pruned-b', path: 'models/pruned.onnx', role: 'pruned', method: 'Random (copy)', sparsity: 0.6 });
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

const inside = (inner: Box, outer: Box, slack = 1) =>
  inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;
const overlap = (a: Box, b: Box) => Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5;
const boxes = async (locator: Locator) => Promise.all((await locator.all()).map(async (l) => (await l.boundingBox())!));

/** Clicks `button`, waits for the download and decodes it. */
async function downloadPng(page: Page, button: Locator): Promise<{ png: PNG; name: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
  const file = await download.path();
  const bytes = readFileSync(file);
  writeFileSync(path.join(artifactsDir, `layout-export-${download.suggestedFilename()}`), bytes);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { png: PNG.sync.read(bytes), name: download.suggestedFilename() };
}

/** Distinct colours in a region of the PNG (in PNG pixels). */
function colours(png: PNG, region: Box = { x: 0, y: 0, width: png.width, height: png.height }): number {
  const seen = new Set<number>();
  for (let y = Math.max(0, Math.floor(region.y)); y < Math.min(png.height, region.y + region.height); y++)
    for (let x = Math.max(0, Math.floor(region.x)); x < Math.min(png.width, region.x + region.width); x++) {
      const i = (y * png.width + x) * 4;
      seen.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
    }
  return seen.size;
}

describe('layout, export and 3-D interaction', () => {
  const served = servedPage({ name: 'layout', args: [bundle], page: { viewport: { width: 1600, height: 1000 }, acceptDownloads: true }, screenshot: shot });
  const { errors } = served;
  let page: Page;
  const docked = '.view-area[data-docked][data-view="three-d"]';
  beforeAll(() => {
    page = served.page;
  });

  it('the Export menu opens inside the window at 1600 × 1000 and at 1024 × 700', async () => {
    await page.goto(served.server.url);
    await page.getByRole('heading', { name: 'Image fixture bundle' }).waitFor();
    for (const size of [{ width: 1600, height: 1000 }, { width: 1024, height: 700 }]) {
      await page.setViewportSize(size);
      await page.click('.export-menu summary');
      // The fit runs on the details' toggle event, a task after the click: poll briefly for it.
      let menu = (await page.locator('.export-body').boundingBox())!;
      for (let k = 0; k < 20 && !inside(menu, { x: 0, y: 0, ...size }, 0); k++) {
        await page.waitForTimeout(50);
        menu = (await page.locator('.export-body').boundingBox())!;
      }
      expect(inside(menu, { x: 0, y: 0, ...size }, 0), `Export menu ${JSON.stringify(menu)} outside ${size.width} × ${size.height}`).toBe(true);
      await expect(page.locator('[data-export="menu-view-png"]').isVisible()).resolves.toBe(true);
      await shot(page, `export-menu-${size.width}`);
      await page.click('.export-menu summary');
    }
    await page.setViewportSize({ width: 1600, height: 1000 });
  });

  it('the Export and Options panels close on Escape, on a click outside and when the view changes', async () => {
    const open = (panel: string) => page.evaluate((sel) => document.querySelector<HTMLDetailsElement>(sel)!.open, panel);
    for (const panel of ['.export-menu', '.run-panel .run-options']) {
      await page.click(`${panel} summary`);
      await expect(open(panel)).resolves.toBe(true);
      await page.keyboard.press('Escape');
      await expect(open(panel)).resolves.toBe(false);
      await expect(page.evaluate((sel) => document.activeElement === document.querySelector(`${sel} summary`), panel)).resolves.toBe(true);
      await page.click(`${panel} summary`);
      await page.getByRole('heading', { name: 'Image fixture bundle' }).click();
      await expect(open(panel)).resolves.toBe(false);
      await page.click(`${panel} summary`);
      await page.locator(`${panel} summary`).blur();
      await page.locator('body').press('2'); // a view shortcut
      await page.locator('#view-panel[data-view="similarity"]').waitFor();
      await expect(open(panel)).resolves.toBe(false);
      await page.locator('body').press('1');
      await page.locator('#view-panel[data-view="evaluation"]').waitFor();
    }
  });

  it('docked 3-D with 3 and 2 models: one labelled viewport per model, inside the panel, none overlapping; a column when narrow', async () => {
    await page.getByRole('button', { name: 'Run analysis' }).click();
    await page.locator('.job-status[data-job-status="done"]').waitFor({ timeout: 120_000 });
    await page.selectOption('select[name=docked-view]', 'three-d');
    await page.locator(`${docked} [role=radio]:has-text("geometric axes")`).click();
    for (const n of [3, 2]) {
      if (n === 2) await page.click('[data-chip-model="pruned-b"]');
      await page.waitForFunction(([sel, want]) => document.querySelectorAll(`${sel} .three-cell`).length === want, [docked, n] as const, { timeout: 60_000 });
      await page.locator(`${docked} .three-canvas-wrap[data-complete="true"]`).waitFor({ timeout: 60_000 });
      await page.waitForTimeout(300); // the canvas applies a new size after 150 ms
      const panel = (await page.locator(docked).boundingBox())!;
      const cells = await boxes(page.locator(`${docked} .three-cell`));
      const labels = await boxes(page.locator(`${docked} .three-cell-label`));
      expect(cells).toHaveLength(n);
      for (const [i, b] of [...cells, ...labels].entries()) expect(inside(b, panel), `box ${i} ${JSON.stringify(b)} outside the panel ${JSON.stringify(panel)}`).toBe(true);
      for (const set of [cells, labels])
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(overlap(set[i], set[j]), `${i} and ${j} overlap`).toBe(false);
      // Each label lies in its own viewport, and the viewports cover the canvas: one row or one column.
      labels.forEach((l, i) => expect(inside(l, cells[i])).toBe(true));
      const canvas = (await page.locator(`${docked} .three-canvas`).boundingBox())!;
      // The label cells are where the canvas drew each model (its last frame's viewports).
      const drawn = (await page.locator(`${docked} .three-canvas-wrap`).getAttribute('data-viewports'))!.split(',').map((v) => v.split(' ').map(Number));
      expect(drawn).toHaveLength(n);
      drawn.forEach(([x, y, w, h], i) => {
        expect(Math.abs(cells[i].x - (canvas.x + x)), `view ${i} x`).toBeLessThanOrEqual(1.5);
        expect(Math.abs(cells[i].y - (canvas.y + y)), `view ${i} y`).toBeLessThanOrEqual(1.5);
        expect(Math.abs(cells[i].width - w), `view ${i} width`).toBeLessThanOrEqual(1.5);
        expect(Math.abs(cells[i].height - h), `view ${i} height`).toBeLessThanOrEqual(1.5);
      });
      const area = cells.reduce((a, c) => a + c.width * c.height, 0);
      expect(area / (canvas.width * canvas.height)).toBeGreaterThan(0.98);
      expect(new Set(cells.map((c) => Math.round(c.x))).size === 1 || new Set(cells.map((c) => Math.round(c.y))).size === 1).toBe(true);
      // Geometric axes: three labels per view, inside the panel.
      const axes = await boxes(page.locator(`${docked} .three-axis-label:visible`));
      expect(axes.length).toBe(3 * n);
      for (const a of axes) expect(inside(a, panel, 2)).toBe(true);
      await shot(page, `docked-${n}`);
    }
    // A narrow window makes the docked pane tall and thin: three models in one column.
    await page.click('[data-chip-model="pruned-b"]');
    await page.setViewportSize({ width: 1000, height: 1000 });
    await page.waitForFunction((sel) => {
      const xs = [...document.querySelectorAll(`${sel} .three-cell`)].map((c) => Math.round(c.getBoundingClientRect().x));
      return xs.length === 3 && new Set(xs).size === 1;
    }, docked, { timeout: 30_000 });
    await page.waitForTimeout(400);
    const panel = (await page.locator(docked).boundingBox())!;
    for (const b of await boxes(page.locator(`${docked} .three-cell-label`))) expect(inside(b, panel)).toBe(true);
    await expect(page.locator(`${docked} .three-canvas-wrap`).getAttribute('data-viewports')).resolves.toMatch(/^0 0 \d+ \d+,0 \d+ \d+ \d+,0 \d+ \d+ \d+$/);
    await shot(page, 'docked-3-narrow');
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.click('[data-chip-model="pruned-b"]');
    await page.waitForFunction((sel) => document.querySelectorAll(`${sel} .three-cell`).length === 2, docked);
    await page.waitForTimeout(400);
  });

  it('PNG export: the docked 3-D view, a chart view and the evaluation table give real, non-blank PNGs', async () => {
    const panel = (await page.locator(docked).boundingBox())!;
    const three = await downloadPng(page, page.locator(`${docked} [data-export="view-png"]`));
    expect(three.name).toMatch(/^prunelens-three-d-.*\.png$/);
    expect(Math.abs(three.png.width - 2 * panel.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(three.png.height - 2 * panel.height)).toBeLessThanOrEqual(2);
    // The WebGL canvas's area holds the drawn points (many colours), not an empty buffer.
    const canvas = (await page.locator(`${docked} .three-canvas`).boundingBox())!;
    const region = { x: 2 * (canvas.x - panel.x), y: 2 * (canvas.y - panel.y), width: 2 * canvas.width, height: 2 * canvas.height };
    expect(colours(three.png, region)).toBeGreaterThan(20);
    // Red pruning-fragile points: drawn only by WebGL (the HTML labels over the canvas are grey and black).
    let red = 0;
    for (let y = Math.floor(region.y); y < region.y + region.height; y++)
      for (let x = Math.floor(region.x); x < region.x + region.width; x++) {
        const i = (y * three.png.width + x) * 4;
        const [r, g, b] = [three.png.data[i], three.png.data[i + 1], three.png.data[i + 2]];
        if (r > 150 && g < 90 && b < 90) red++;
      }
    expect(red, 'no WebGL points in the exported 3-D view').toBeGreaterThan(20);

    await page.locator('body').press('5');
    await page.locator('#view-panel[data-view="global"] canvas').first().waitFor();
    await page.waitForTimeout(500);
    const chart = await downloadPng(page, page.locator('#view-panel [data-export="view-png"]'));
    expect(chart.name).toMatch(/^prunelens-global-/);
    expect(chart.png.width).toBeGreaterThan(400);
    expect(colours(chart.png)).toBeGreaterThan(20);

    await page.locator('body').press('1');
    await page.locator('#view-panel[data-view="evaluation"] table').first().waitFor();
    await page.click('.export-menu summary');
    const table = await downloadPng(page, page.locator('[data-export="menu-view-png"]'));
    await page.click('.export-menu summary');
    expect(table.name).toMatch(/^prunelens-evaluation-/);
    expect(colours(table.png)).toBeGreaterThan(20); // coloured cells and text
  });

  it('3-D: tooltip at the cursor, lasso selects, reset camera', async () => {
    const canvas = page.locator(`${docked} .three-canvas`);
    const c = (await canvas.boundingBox())!;
    const cell = (await page.locator(`${docked} .three-cell`).first().boundingBox())!;
    // Sweep the pointer over the first view until a point is under it: the tooltip appears next to the cursor.
    let tipNear = false;
    sweep: for (let fy = 0.3; fy <= 0.7; fy += 0.05)
      for (let fx = 0.3; fx <= 0.7; fx += 0.04) {
        const at = { x: cell.x + fx * cell.width, y: cell.y + fy * cell.height };
        await page.mouse.move(at.x, at.y);
        await page.waitForTimeout(40);
        if ((await page.locator(`${docked} .sample-tip`).count()) === 0) continue;
        const tip = (await page.locator(`${docked} .sample-tip`).boundingBox())!;
        const dx = Math.max(tip.x - at.x, at.x - (tip.x + tip.width), 0);
        const dy = Math.max(tip.y - at.y, at.y - (tip.y + tip.height), 0);
        tipNear = Math.hypot(dx, dy) < 30;
        await shot(page, 'tooltip');
        break sweep;
      }
    expect(tipNear, 'no tooltip next to the cursor while hovering the points').toBe(true);

    // Lasso: a polygon around the middle of the first view selects the points drawn there.
    await page.mouse.move(c.x + 5, c.y + c.height - 5);
    await page.getByRole('button', { name: 'Lasso' }).first().click();
    const poly = [[0.2, 0.2], [0.8, 0.2], [0.85, 0.6], [0.5, 0.85], [0.15, 0.6]].map(([fx, fy]) => ({ x: cell.x + fx * cell.width, y: cell.y + fy * cell.height }));
    await page.mouse.move(poly[0].x, poly[0].y);
    await page.mouse.down();
    for (const p of [...poly.slice(1), poly[0]]) await page.mouse.move(p.x, p.y, { steps: 6 });
    await page.mouse.up();
    await page.waitForFunction(() => Number(document.querySelector('[data-selection-count]')?.getAttribute('data-selection-count')) > 0, null, { timeout: 10_000 });
    const selected = Number(await page.locator('[data-selection-count]').getAttribute('data-selection-count'));
    expect(selected).toBeGreaterThan(0);
    expect(selected).toBeLessThan(150);
    await page.waitForFunction(([sel, n]) => document.querySelector(`${sel} .three-canvas-wrap`)?.getAttribute('data-highlighted') === String(n), [docked, selected] as const);
    await shot(page, 'lasso');

    // With a category filter on, the same lasso selects only samples the filter shows.
    const fragile = page.locator('.category-chips [data-category="pruning-fragile"]');
    const shownCount = Number(await fragile.locator('.count').innerText());
    await fragile.click();
    await page.waitForFunction((n) => document.querySelector('.filter-count')?.getAttribute('data-filter-count') === String(n), shownCount);
    await page.locator('[data-selection-count] button.link').click(); // clear
    await page.mouse.move(poly[0].x, poly[0].y);
    await page.keyboard.down('Shift'); // adds to the (empty) selection; no sample is focused
    await page.mouse.down();
    for (const p of [...poly.slice(1), poly[0]]) await page.mouse.move(p.x, p.y, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await page.waitForFunction(() => Number(document.querySelector('[data-selection-count]')?.getAttribute('data-selection-count')) > 0, null, { timeout: 10_000 });
    const filtered = Number(await page.locator('[data-selection-count]').getAttribute('data-selection-count'));
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThanOrEqual(Math.min(shownCount, selected));
    await fragile.click();
    await page.getByRole('button', { name: 'Lasso' }).first().click();

    // Orbit, then reset: the camera goes back to the starting view.
    const camera = () => page.locator(`${docked} .three-canvas-wrap`).getAttribute('data-camera');
    const start = await camera();
    await drag(page, { x: cell.x + cell.width / 2, y: cell.y + cell.height / 2 }, { x: cell.x + cell.width / 2 + 120, y: cell.y + cell.height / 2 + 40 });
    await page.waitForFunction(([sel, before]) => document.querySelector(`${sel} .three-canvas-wrap`)?.getAttribute('data-camera') !== before, [docked, start] as const);
    await page.locator(`${docked} button[name=reset-camera]`).click();
    await page.waitForFunction(([sel, before]) => document.querySelector(`${sel} .three-canvas-wrap`)?.getAttribute('data-camera') === before, [docked, start] as const);
    expect(JSON.parse((await camera())!)).toEqual({ theta: 0.8, phi: 0.45, radius: 4.8 });
  });

  it('local geometry: the hover tooltip sits at the cursor', async () => {
    await page.locator('body').press('4');
    const canvas = page.locator('#view-panel[data-view="local"] .scatter-canvas');
    await canvas.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    const c = (await canvas.boundingBox())!;
    let distance = Infinity;
    sweep: for (let fy = 0.1; fy <= 0.9; fy += 0.04)
      for (let fx = 0.1; fx <= 0.9; fx += 0.02) {
        const at = { x: c.x + fx * c.width, y: c.y + fy * c.height };
        await page.mouse.move(at.x, at.y);
        if ((await page.locator('#view-panel .sample-tip').count()) === 0) continue;
        const tip = (await page.locator('#view-panel .sample-tip').boundingBox())!;
        distance = Math.hypot(Math.max(tip.x - at.x, at.x - (tip.x + tip.width), 0), Math.max(tip.y - at.y, at.y - (tip.y + tip.height), 0));
        await shot(page, 'scatter-tooltip');
        break sweep;
      }
    expect(distance, 'no tooltip next to the cursor over the scatter').toBeLessThan(30);
    expect(errors).toEqual([]);
  });
});
