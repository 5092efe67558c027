// The comparison report on a finished fixture run: sections and numbers agree with summary.json
// (exportAnalysis), nothing is fetched, Chromium parses it, and the PDF pages are not blank.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageFixtureBundle } from '../../../../tools/testing/fixture-bundle';
import { createEngine } from '../../engine';
import { exportAnalysis } from '../analysis-export';
import { ce, num, pct } from './format';
import { chromiumArgs, findChromium } from './pdf';
import { reportSections } from './report-html';

const bundle = writeImageFixtureBundle({ count: 150, corruptions: ['gaussian_noise', 'contrast', 'fog', 'saturate'], severities: [1, 3] });
const work = mkdtempSync(path.join(tmpdir(), 'prunelens-report-'));
const engine = createEngine({ transport: 'in-process', cacheDir: path.join(work, 'cache'), workers: 2 });
let summary: {
  robustness: { models: { id: string; cleanAccuracy: number; benchmark: { mce: number; relativeMce: number; robustAccuracy: number } }[] };
  cells: { model: string; set: string; accuracy: number; metrics: Record<string, { mean: number; std: number }> }[];
};
let html = '';

beforeAll(async () => {
  const finished = new Promise((resolve) => engine.subscribe((e) => e.type === 'job-finished' && resolve(e)));
  await engine.startAnalysis({ path: bundle });
  expect(await finished).toMatchObject({ status: 'done' });
  summary = JSON.parse(JSON.stringify(await exportAnalysis(engine, bundle, path.join(work, 'analysis'), { parquet: false })));
  const file = await engine.exportReport({ path: bundle, format: 'html' });
  expect(file).toMatchObject({ fileName: 'image-fixture-bundle-report.html', mimeType: 'text/html' });
  html = new TextDecoder().decode(file.bytes);
  writeFileSync(path.join(work, 'report.html'), html);
}, 120_000);
afterAll(() => engine.dispose());

/** The `<tr>` of a table whose first cell is `id`, within the section `sectionId`. */
function row(sectionId: string, id: string): string {
  const section = html.slice(html.indexOf(`<section id="${sectionId}">`));
  const body = section.slice(0, section.indexOf('</section>'));
  const start = body.indexOf(`<tr><td>${id}</td>`);
  expect(start, `row ${id} in ${sectionId}`).toBeGreaterThanOrEqual(0);
  return body.slice(start, body.indexOf('</tr>', start));
}

describe('comparison report (HTML)', () => {
  it('has every section, in order, and the provenance', () => {
    let at = 0;
    for (const [id, title] of reportSections) {
      const found = html.indexOf(`<section id="${id}"><h2>${title}</h2>`, at);
      expect(found, id).toBeGreaterThan(at);
      at = found;
    }
    expect(html).toContain('<title>Image fixture bundle — pruning robustness report</title>');
    expect(html).toContain('execution provider</th><td>cpu</td>');
    expect(html).toContain('150 per set, 3 classes');
    for (const file of ['bundle.json', 'models/dense.onnx', 'models/pruned.onnx', 'data/images.npy', 'data/labels.npy']) {
      const sha = createHash('sha256').update(readFileSync(path.join(bundle, file))).digest('hex');
      expect(html).toContain(`<tr><td>${file}</td><td class="n">`);
      expect(html).toContain(`<td>${sha}</td>`);
    }
  });

  it("shows every model's clean accuracy, robust accuracy, mCE and relative mCE as summary.json has them", () => {
    expect(summary.robustness.models).toHaveLength(2);
    for (const m of summary.robustness.models) {
      // model, method, declared sparsity, weight sparsity, clean, robust, mCE, rel. mCE, extra
      const cells = [...row('evaluation', m.id).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((x) => x[1]);
      expect(cells[0]).toBe(m.id);
      expect(cells.slice(4, 8)).toEqual([pct(m.cleanAccuracy), pct(m.benchmark.robustAccuracy), ce(m.benchmark.mce), ce(m.benchmark.relativeMce)]);
    }
    expect(row('evaluation', 'dense')).toContain('<td class="n">100.0</td>'); // the baseline's own mCE
  });

  it('severity-averages the corruption grid and names the inert corruption', () => {
    const dense = summary.cells.filter((c) => c.model === 'dense');
    const accuracy = (set: string) => dense.find((c) => c.set === set)!.accuracy;
    const fog = (accuracy('fog-s1') + accuracy('fog-s3')) / 2;
    const grid = html.slice(html.indexOf('<table class="grid">'));
    const denseRow = grid.slice(grid.indexOf('<td class="model"'), grid.indexOf('</tr>', grid.indexOf('<td class="model"')));
    expect(denseRow).toContain(`>${pct(fog)}</td>`);
    // Grayscale fixture: saturate is the identity at severities 1–3 (the offsets of 4–5 darken grey), so no accuracy changes.
    expect(html).toContain("saturate changed no model's accuracy at any severity (saturate leaves grayscale images unchanged at severities 1–3)");
  });

  it('feature geometry: clean means and variances from the same aggregates as summary.json', () => {
    for (const model of ['dense', 'pruned']) {
      const clean = summary.cells.find((c) => c.model === model && c.set === 'clean')!.metrics;
      const r = row('geometry', model);
      const cells = [...r.matchAll(/<td class="n">([^<]*)<\/td>/g)].map((m) => m[1]);
      expect(cells[0]).toBe(num(clean.angleGt.mean, 1));
      expect(cells[2]).toBe(num(clean.angleGt.std ** 2, 1));
      expect(cells[4]).toBe(num(clean.length.mean, 2));
      expect(cells[6]).toBe(num(clean.logitMargin.mean, 2));
      expect(cells[8]).toBe(num(clean.geomMargin.mean, 3));
      const corrupted = summary.cells.filter((c) => c.model === model && c.set !== 'clean');
      const meanAngle = corrupted.reduce((s, c) => s + c.metrics.angleGt.mean, 0) / corrupted.length;
      expect(Number(cells[1])).toBeCloseTo(meanAngle, 1);
    }
  });

  it('is self-contained: no external URLs, every image a PNG data URI', () => {
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    const sources = [...html.matchAll(/<img[^>]* src="([^"]*)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) expect(src).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    for (const tag of ['section', 'table', 'svg', 'figure', 'div', 'tr']) {
      expect(html.split(`<${tag}`).length - 1, tag).toBe(html.split(`</${tag}>`).length - 1);
    }
  });

  it('loads in Chromium without any request; title, headings and images as expected', async () => {
    const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: chromiumArgs });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => void (r.url().startsWith('data:') || requests.push(r.url())));
      await page.goto(`file://${path.join(work, 'report.html')}`);
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
      expect(await page.title()).toBe('Image fixture bundle — pruning robustness report');
      expect(await page.$$eval('h2', (hs) => hs.map((h) => h.textContent))).toEqual(reportSections.map(([, t]) => t));
      const images = await page.$$eval('img', (imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
      expect(images.length).toBeGreaterThan(0);
      expect(images.every((w) => w === 8 * 14)).toBe(true); // 8×8 samples upscaled ×14 to 112 px
      expect(await page.$$eval('svg.chart', (s) => s.length)).toBeGreaterThanOrEqual(5);
    } finally {
      await browser.close();
    }
  });
});

describe('comparison report (PDF)', () => {
  it('prints pages that are not blank', async () => {
    const file = await engine.exportReport({ path: bundle, format: 'pdf' });
    expect(file.mimeType).toBe('application/pdf');
    expect(new TextDecoder().decode(file.bytes.subarray(0, 5))).toBe('%PDF-');
    const pdf = path.join(work, 'report.pdf');
    writeFileSync(pdf, file.bytes);
    try {
      execFileSync('pdftoppm', ['-r', '30', '-png', pdf, path.join(work, 'page')]);
    } catch (error) {
      throw new Error(`pdftoppm failed (this test needs poppler-utils: apt-get install poppler-utils): ${String(error)}`);
    }
    const pages = readdirSync(work).filter((f) => /^page-\d+\.png$/.test(f)).sort();
    expect(pages.length).toBeGreaterThanOrEqual(reportSections.length + 1); // each section starts a page
    for (const name of pages) {
      const png = PNG.sync.read(readFileSync(path.join(work, name)));
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        const v = (png.data[i] + png.data[i + 1] + png.data[i + 2]) / 3;
        sum += v;
        sq += v * v;
      }
      const n = png.data.length / 4;
      expect(sq / n - (sum / n) ** 2, `${name} is blank`).toBeGreaterThan(50);
    }
  }, 120_000);
});
