// New bundle…: scan a folder of models and data, pick the dense model, set the normalisation
// (required when no preset fits), save, and the bundle opens.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageFixtureBundle } from '../tools/testing/fixture-bundle';
import { artifactsDir, launchBrowser } from './support/browser';
import { startServe } from './support/serve-process';
import type { ServeProcess } from './support/serve-process';

describe('New bundle… wizard', () => {
  let server: ServeProcess;
  let browser: Browser;
  let page: Page;
  const folder = writeImageFixtureBundle({ count: 30 });
  rmSync(path.join(folder, 'bundle.json'));

  beforeAll(async () => {
    server = await startServe(['--root', path.dirname(folder)]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('drafts, lets the user choose the dense model, validates, saves and opens', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'New bundle…' }).click();
    await page.fill('#new-bundle-folder', folder);
    await page.getByRole('button', { name: 'Scan' }).click();
    const rows = page.locator('table[aria-label="Draft models"] tbody tr');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(2);
    await expect(page.getByLabel('dense is the dense model').isChecked()).resolves.toBe(true);
    await page.getByLabel('pruned method').fill('Random unstructured');
    await page.getByRole('textbox', { name: 'Name' }).fill('Wizard bundle');
    const save = page.getByRole('button', { name: 'Save bundle.json and open' });
    await expect(save.isDisabled()).resolves.toBe(true); // 1×8×8 input, 3 classes: no preset fits, the user must choose
    await expect(page.getByTestId('normalisation-origin').textContent()).resolves.toMatch(/No preset fits/);
    await page.getByLabel('Paste normalisation').fill('transforms.Normalize((0.5,), (0.25,))');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByLabel('Mean').inputValue()).resolves.toBe('0.5');
    await expect(page.getByLabel('Normalisation preset').inputValue()).resolves.toBe('custom');
    await expect(page.getByTestId('normalisation-origin').textContent()).resolves.toBe('Imported by you.');
    await page.screenshot({ path: path.join(artifactsDir, 'new-bundle-wizard.png') });
    await save.click();
    await page.getByRole('heading', { name: 'Wizard bundle' }).waitFor();
    expect(await page.locator('[role="dialog"]').count()).toBe(0);
    expect(JSON.parse(readFileSync(path.join(folder, 'bundle.json'), 'utf8')).input).toMatchObject({ scale: 255, mean: [0.5], std: [0.25] });
  });
});
