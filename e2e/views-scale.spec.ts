// The 3-D views at the scale the design asks for: nine models × 20,000 points, one shared
// WebGL renderer. Records long tasks while results stream, while orbiting, hovering (picking),
// filtering and focusing a sample, and the frame rate of SwiftShader (software WebGL) during an
// orbit. Each phase reports wall-clock long tasks (PerformanceObserver) and, from a Chromium
// trace, the CPU time of the page's longest tasks: on this shared 2-core machine a task's wall
// time includes preemption (traces show 80–120 ms tasks with 3–30 ms of CPU time), so the
// assertion is on the work: under 100 ms in any one task while streaming, orbiting, hovering,
// filtering and focusing; 250 ms while opening the 3-D view (one WebGL context creation, then
// uploads spread over frames).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir } from './support/browser';
import { pageNow, recordLongTasks, startPhase } from './support/long-tasks';
import { writeScaleBundle } from './support/scale-bundle';
import { servedPage } from './support/served-page';
import { dataAttr, drag, switchView } from './support/views-ui';

const LONG_TASK_LIMIT_MS = 100;
const LOAD_3D_LIMIT_MS = 250;
const perf: Record<string, unknown> = {};
const cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-scale-cache-'));
const bundleDir = writeScaleBundle();

describe('3-D views at scale: 9 models × 20,000 points', () => {
  const served = servedPage({ name: 'views-scale', args: [bundleDir], env: { PRUNELENS_CACHE: cacheDir }, cleanup: [cacheDir, bundleDir] });
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ browser, page } = served);
    await recordLongTasks(page);
    // Geometric axes: this test is about the renderer, not about UMAP on 180,000 points.
    await page.addInitScript(() => localStorage.getItem('prunelens.viewState.v1') ?? localStorage.setItem('prunelens.viewState.v1', JSON.stringify({ layout3d: 'geometry', showModelCards: false })));
  });

  afterAll(async () => {
    writeFileSync(path.join(artifactsDir, 'views-scale-perf.json'), JSON.stringify(perf, null, 2));
    console.log('3-D scale performance:', JSON.stringify(perf));
  });

  it('streams the analysis, then shows, orbits, hovers, filters and focuses 180,000 points without long tasks', async () => {
    await page.goto(served.server.url);
    await page.getByRole('heading', { name: 'Scale test bundle' }).waitFor();
    await page.click('.run-options summary');
    await page.fill('input[name=run-limit]', '20000');
    await page.click('.run-options summary');
    const streaming = await startPhase(browser, page);
    await page.getByRole('button', { name: 'Run analysis' }).click();
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-cells-done]');
      return el && el.getAttribute('data-cells-done') === el.getAttribute('data-cells-total');
    }, null, { timeout: 400_000, polling: 250 });
    perf.streaming = await streaming.stop();

    const load3d = await startPhase(browser, page);
    await switchView(page, 'three-d');
    await page.waitForFunction(() => document.querySelectorAll('.three-cell[data-points="20000"]').length === 9, null, { timeout: 300_000 });
    await page.waitForFunction(() => document.querySelector('.three-canvas-wrap')?.getAttribute('data-complete') === 'true');
    perf.load3d = { ...(await load3d.stop()), buildMs: Number(await dataAttr(page, '.three-grid-wrap', 'build-ms')) };
    await page.screenshot({ path: path.join(artifactsDir, 'views-scale-three-d.png') });

    const box = (await page.locator('.three-canvas').boundingBox())!;
    const framesBefore = Number(await dataAttr(page, '.three-canvas-wrap', 'frames'));
    const orbit = await startPhase(browser, page);
    const o0 = await pageNow(page);
    await drag(page, { x: box.x + box.width * 0.1, y: box.y + box.height * 0.3 }, { x: box.x + box.width * 0.18, y: box.y + box.height * 0.35 }, 40);
    const o1 = await pageNow(page);
    const frames = Number(await dataAttr(page, '.three-canvas-wrap', 'frames')) - framesBefore;
    perf.orbit = { ...(await orbit.stop()), frames, seconds: Math.round(o1 - o0) / 1000, fps: Math.round((frames / ((o1 - o0) / 1000)) * 10) / 10, lastFrameCpuMs: Number(await dataAttr(page, '.three-canvas-wrap', 'frame-ms')) };

    // Frame throughput: orbit driven from inside the page, one pointer move per animation frame.
    perf.orbitThroughput = await page.evaluate(async () => {
      const canvas = document.querySelector('.three-canvas') as HTMLCanvasElement;
      const wrap = document.querySelector('.three-canvas-wrap') as HTMLElement;
      const r = canvas.getBoundingClientRect();
      const at = (k: number) => ({ clientX: r.left + r.width * 0.1 + k * 2, clientY: r.top + r.height * 0.3, buttons: 1, pointerId: 7, bubbles: true });
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      canvas.dispatchEvent(new PointerEvent('pointerdown', at(0)));
      const before = Number(wrap.dataset.frames);
      const start = performance.now();
      for (let k = 1; k <= 60; k++) {
        canvas.dispatchEvent(new PointerEvent('pointermove', at(k)));
        await frame();
      }
      await frame();
      const seconds = (performance.now() - start) / 1000;
      canvas.dispatchEvent(new PointerEvent('pointerup', at(60)));
      const frames = Number(wrap.dataset.frames) - before;
      return { frames, seconds: Math.round(seconds * 100) / 100, fps: Math.round((frames / seconds) * 10) / 10 };
    });

    const hover = await startPhase(browser, page);
    for (let k = 0; k <= 60; k++) await page.mouse.move(box.x + (box.width * k) / 60, box.y + box.height * (0.2 + 0.6 * ((k % 11) / 11)));
    perf.hover = await hover.stop();

    const filter = await startPhase(browser, page);
    await page.click('button[data-category="both-wrong"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-filter-count]')?.getAttribute('data-filter-count')) < 20000);
    await page.waitForTimeout(500);
    perf.filter = await filter.stop();
    // Focusing a sample also fetches its image and the pair's metrics for the details panel.
    const select = await startPhase(browser, page);
    await page.locator('body').press('j');
    await page.waitForFunction(() => document.querySelector('.three-canvas-wrap')?.getAttribute('data-highlighted') === '1');
    await page.waitForTimeout(500);
    perf.select = await select.stop();
    await page.screenshot({ path: path.join(artifactsDir, 'views-scale-three-d-filtered.png') });

    for (const phase of ['streaming', 'orbit', 'hover', 'filter', 'select'] as const) expect((perf[phase] as { maxTaskCpuMs: number }).maxTaskCpuMs, phase).toBeLessThan(LONG_TASK_LIMIT_MS);
    expect((perf.load3d as { maxTaskCpuMs: number }).maxTaskCpuMs).toBeLessThan(LOAD_3D_LIMIT_MS);
    expect((perf.orbit as { frames: number }).frames).toBeGreaterThan(5);
    expect((perf.orbitThroughput as { frames: number }).frames).toBeGreaterThan(30);
  }, 900_000);
});
