// New bundle…: scan a folder of models and data, pick the dense model, set the normalisation
// (required when no preset fits; a guessed preset must be confirmed), save, and the bundle opens.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeImageFixtureBundle } from '../tools/testing/fixture-bundle';
import { artifactsDir } from './support/browser';
import { servedPage } from './support/served-page';

describe('New bundle… wizard', () => {
  const folder = writeImageFixtureBundle({ count: 30 });
  rmSync(path.join(folder, 'bundle.json'));
  const served = servedPage({ name: 'new-bundle', args: ['--root', path.dirname(folder)], page: { viewport: { width: 1280, height: 900 } } });
  let page: Page;
  beforeAll(() => {
    page = served.page;
  });

  it('drafts, lets the user choose the dense model, validates, saves and opens', async () => {
    await page.goto(served.server.url);
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

  it('does not save a guessed normalisation until the user confirms it', async () => {
    // The demo's models and test images, bare: 1×28×28 input and 10 classes, so a preset is guessed.
    const demo = path.resolve(import.meta.dirname, '../assets/demo');
    const bare = mkdtempSync(path.join(path.dirname(folder), 'prunelens-guess-'));
    for (const f of ['models/dense.onnx', 'models/gmp-50.onnx', 'data/t10k-images-idx3-ubyte.gz', 'data/t10k-labels-idx1-ubyte.gz']) {
      mkdirSync(path.dirname(path.join(bare, f)), { recursive: true });
      copyFileSync(path.join(demo, f), path.join(bare, f));
    }
    await page.goto(served.server.url);
    await page.getByRole('button', { name: 'New bundle…' }).click();
    await page.fill('#new-bundle-folder', bare);
    await page.getByRole('button', { name: 'Scan' }).click();
    await page.locator('table[aria-label="Draft models"] tbody tr').first().waitFor();
    await expect(page.getByTestId('normalisation-origin').textContent()).resolves.toMatch(/^Guessed from /);
    const save = page.getByRole('button', { name: 'Save bundle.json and open' });
    await expect(save.isDisabled()).resolves.toBe(true);
    await expect(save.getAttribute('title')).resolves.toBe('Confirm or change the guessed input normalisation first');
    await page.getByLabel('I checked: the models were trained with this normalisation').click(); // the mark goes, and the box with it
    await expect(page.getByTestId('normalisation-origin').textContent()).resolves.toBe('Checked by you.');
    await expect(save.isDisabled()).resolves.toBe(false);
    await save.click();
    await page.getByRole('heading', { name: path.basename(bare) }).waitFor();
    const input = JSON.parse(readFileSync(path.join(bare, 'bundle.json'), 'utf8')).input;
    expect(input).toMatchObject({ scale: 255, mean: [0.286], std: [0.353] });
    expect(input.guessed).toBeUndefined();
  });
});
