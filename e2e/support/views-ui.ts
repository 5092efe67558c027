// UI steps the views spec repeats: run options, waiting for cells, switching views, dragging.
import type { Page } from 'playwright-core';
import type { ViewId } from '../../renderer/src/views/view-registry';
import { viewRegistry } from '../../renderer/src/views/view-registry';

export async function chooseRunOptions(page: Page, options: { limit: number; corruptions: string[]; severities: number[] }): Promise<void> {
  await page.click('.run-options summary');
  await page.fill('input[name=run-limit]', String(options.limit));
  for (const c of options.corruptions) await page.check(`input[name=corruption-${c}]`);
  for (const s of [1, 2, 3, 4, 5]) {
    if (options.severities.includes(s)) await page.check(`input[name=severity-${s}]`);
    else await page.uncheck(`input[name=severity-${s}]`);
  }
  await page.click('.run-options summary');
}

export async function cellsDone(page: Page): Promise<{ done: number; total: number } | null> {
  return page.evaluate(() => {
    const el = document.querySelector('[data-cells-done]');
    return el ? { done: Number(el.getAttribute('data-cells-done')), total: Number(el.getAttribute('data-cells-total')) } : null;
  });
}

/** Shows view `id` as the main view with its digit key (from the view registry). */
export async function switchView(page: Page, id: ViewId): Promise<void> {
  await page.locator('body').press(viewRegistry.keyOf(id));
  await page.locator(`.view-area[data-view="${id}"]`).waitFor();
}

/** Docks view `id` beside the main one with Shift + its digit (the physical key). */
export async function dockViewByKey(page: Page, id: ViewId): Promise<void> {
  await page.keyboard.press(`Shift+Digit${viewRegistry.keyOf(id)}`);
}

/** A pointer drag in page coordinates, in small steps (what a user does). */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 12): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

export async function dataAttr(page: Page, selector: string, name: string): Promise<string | null> {
  return page.locator(selector).first().getAttribute(`data-${name}`);
}
