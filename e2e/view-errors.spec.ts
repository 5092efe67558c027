// A view that throws, or whose chunk fails to load, must not blank the app: its pane shows which
// view failed and why, with a Retry; the tabs, header and the other pane keep working; Retry (or a
// tab switch away and back) tries again. The faults are made in the network, on the real build:
// the Redundancy view's chunk is replaced by a component that throws until the test lets it
// render, and the Sparsity sweeps view's chunk is refused while `sweepsDown` is set. Both failures
// must still reach the page's errors (a caught view error fails every other e2e spec).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureBundle } from '../tools/testing/fixture-bundle';
import { servedPage } from './support/served-page';
import { dockViewByKey } from './support/views-ui';

/** The Redundancy view's stand-in: throws while rendering until window.redundancyFixed is set. */
const throwingChunk = `const Crash = () => { if (!globalThis.redundancyFixed) throw new Error('redundancy view exploded'); return 'redundancy view recovered'; };
export { Crash as RedundancyView };`;

const mainPane = '.view-panes > .view-area:not(.docked)';
const dockedPane = '.view-area.docked';

describe('a failing view stays in its pane', () => {
  const served = servedPage({ name: 'view-errors', args: [writeFixtureBundle()] });
  let page: Page;
  let sweepsDown = true;
  let sweepsRequests = 0;

  beforeAll(async () => {
    page = served.page;
    await page.route('**/assets/redundancy-view-*.js', (route) => route.fulfill({ contentType: 'text/javascript', body: throwingChunk }));
    await page.route('**/assets/sweep-view-*.js', (route) => {
      sweepsRequests++;
      return sweepsDown ? route.abort() : route.continue();
    });
    await page.goto(served.server.url);
    await page.getByRole('heading', { name: 'Tiny fixture bundle' }).waitFor();
  });

  const tab = (name: RegExp) => page.getByRole('tab', { name });

  it('shows a view that throws as an error in its pane, with the tabs and the other pane still working', async () => {
    await tab(/Redundancy/).click();
    const error = page.locator(`${mainPane}[data-view="redundancy"] .view-error`);
    await error.waitFor();
    await expect(error.innerText()).resolves.toMatch(/^Could not load the Redundancy view\. redundancy view exploded\s+Retry$/);
    // The rest of the app is alive: the header, and a tab switch to a view that works.
    await expect(page.getByRole('heading', { name: 'Tiny fixture bundle' }).isVisible()).resolves.toBe(true);
    await tab(/Evaluation/).click();
    await page.locator(`${mainPane}[data-view="evaluation"] .view-empty`).waitFor();
    // Docked beside a working view, the failure stays in the docked pane.
    await dockViewByKey(page, 'redundancy');
    await page.locator(`${dockedPane}[data-view="redundancy"] .view-error`).waitFor();
    await expect(page.locator(`${mainPane} .view-error`).count()).resolves.toBe(0);
    await expect(page.locator(`${mainPane}[data-view="evaluation"] .view-empty`).isVisible()).resolves.toBe(true);
  });

  it('renders the view again on Retry', async () => {
    await page.evaluate(() => Object.assign(globalThis, { redundancyFixed: true }));
    await page.locator(dockedPane).getByRole('button', { name: 'Retry' }).click();
    await expect(page.locator(dockedPane).innerText()).resolves.toMatch(/redundancy view recovered/);
    await expect(page.locator(`${dockedPane} .view-error`).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Close the docked view' }).click();
  });

  it('shows a chunk that failed to load as an error; a tab switch and Retry load it again', async () => {
    await tab(/Sparsity sweeps/).click();
    const error = page.locator(`${mainPane}[data-view="sweeps"] .view-error`);
    await error.waitFor();
    await expect(error.innerText()).resolves.toMatch(/^Could not load the Sparsity sweeps view\. .*sweep-view.*\s+Retry$/s);
    const tried = sweepsRequests;
    expect(tried).toBeGreaterThan(0);
    // Away and back: a fresh try (another request), which fails again while the chunk is refused.
    await tab(/Evaluation/).click();
    await page.locator(`${mainPane}[data-view="evaluation"] .view-empty`).waitFor();
    await tab(/Sparsity sweeps/).click();
    await error.waitFor();
    expect(sweepsRequests).toBeGreaterThan(tried);
    sweepsDown = false;
    await page.locator(mainPane).getByRole('button', { name: 'Retry' }).click();
    await page.locator(`${mainPane}[data-view="sweeps"] .sweep-view`).waitFor();
    // (The loaded view may show its own data's error; the boundary's, with its Retry, is gone.)
    await expect(page.locator(mainPane).getByRole('button', { name: 'Retry' }).count()).resolves.toBe(0);
  });

  it('reports every caught view error as a page error, and nothing else', () => {
    expect(served.errors.some((e) => e.includes('redundancy view exploded'))).toBe(true);
    expect(served.errors.some((e) => e.includes('sweep-view'))).toBe(true);
    expect(served.errors.filter((e) => !e.includes('redundancy view exploded') && !e.includes('sweep-view'))).toEqual([]);
  });
});
