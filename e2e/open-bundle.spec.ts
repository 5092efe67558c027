// The foundation slice, end to end: open a bundle → see its models; a broken bundle → a clear error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureBundle } from '../tools/testing/fixture-bundle';
import { artifactsDir } from './support/browser';
import { servedPage } from './support/served-page';

describe('serve mode: open a bundle', () => {
  const bundleDir = writeFixtureBundle({ brokenModel: true });
  const served = servedPage({ name: 'open-bundle', args: [bundleDir], page: { viewport: { width: 1280, height: 720 } } });
  let page: Page;
  beforeAll(() => {
    page = served.page;
  });

  it('lists the models of the bundle given on the command line, and why one could not be read', async () => {
    await page.goto(served.server.url);
    await page.getByRole('heading', { name: 'Tiny fixture bundle' }).waitFor();
    const rows = page.locator('table[aria-label="Models"] tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    await expect(page.locator('tr[data-model-id="dense"]').innerText()).resolves.toMatch(/dense\s+Dense baseline\s+0\.0 %\s+15\s+input float\[batch×4\]\s+logits float\[batch×3\]/);
    await expect(page.locator('tr[data-model-id="pruned-50"] [role="alert"]').innerText()).resolves.toMatch(/pruned\.onnx is not an ONNX model/);
    await page.screenshot({ path: path.join(artifactsDir, 'open-bundle.png'), fullPage: true });
  });

  it('shows a clear error for a bundle with bad JSON, and for a missing folder', async () => {
    const broken = mkdtempSync(path.join(tmpdir(), 'prunelens-broken-'));
    writeFileSync(path.join(broken, 'bundle.json'), '{ "name": "oops", ');
    await page.fill('#bundle-path', broken);
    await page.press('#bundle-path', 'Enter');
    const banner = page.locator('.error-banner');
    await banner.waitFor();
    await expect(banner.getAttribute('data-error-code')).resolves.toBe('bad-json');
    await expect(banner.innerText()).resolves.toMatch(/bundle\.json is not valid JSON/);
    await page.screenshot({ path: path.join(artifactsDir, 'broken-bundle.png'), fullPage: true });

    await page.fill('#bundle-path', path.join(broken, 'does-not-exist'));
    await page.press('#bundle-path', 'Enter');
    await expect(page.locator('.error-banner[data-error-code="not-found"]').innerText()).resolves.toMatch(/Bundle not found/);
  });

  it('reports schema problems with their JSON paths', async () => {
    const invalid = mkdtempSync(path.join(tmpdir(), 'prunelens-invalid-'));
    writeFileSync(path.join(invalid, 'bundle.json'), JSON.stringify({ name: 'x', classes: ['a', 'b'], input: { layout: 'NCHW', scale: 1, mean: [0], std: [1] }, models: [{ id: 'm', path: '../outside.onnx', role: 'pruned', method: 'x' }], data: { clean: { images: 'i', labels: 'l' } } }));
    await page.fill('#bundle-path', invalid);
    await page.press('#bundle-path', 'Enter');
    const text = await page.locator('.error-banner[data-error-code="bad-manifest"]').innerText();
    expect(text).toMatch(/models\[0\]\.path: must be a path inside the bundle folder/);
    expect(text).toMatch(/models: needs exactly one model with role "dense"/);
  });
});
