// view-png in real Chromium (playwright-core, software WebGL): a 2-D canvas, a stylesheet-styled
// SVG, a WebGL canvas drawn through renderNow, and a container compositing a canvas with an SVG
// overlay, pixelated sample images (BMP <img>) and, with `html`, table cell colours, text, borders
// and legend gradients all come out at 2× CSS size with the right pixels.
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBmp } from '../views/sample/image-bmp';

let browser: Browser;
let page: Page;

const html = `<!doctype html><html><head><style>
  :root { --accent: rgb(0, 0, 255); }
  body { margin: 0; background: rgb(250, 250, 250); }
  .box { fill: var(--accent); }
  #view { position: relative; width: 60px; height: 40px; background: rgb(255, 255, 0); }
  #view svg { position: absolute; left: 30px; top: 0; }
  .pixelated { image-rendering: pixelated; display: block; }
</style></head><body>
  <canvas id="c2d" style="width:50px;height:20px" width="50" height="20"></canvas>
  <svg id="svg" width="40" height="20"><rect class="box" x="0" y="0" width="20" height="20"/><rect x="20" y="0" width="20" height="20" fill="rgb(0,128,0)"/></svg>
  <canvas id="gl" style="width:16px;height:16px" width="16" height="16"></canvas>
  <figure id="images" style="margin:0;width:20px"><img class="pixelated" width="20" height="10" alt="red, blue"></figure>
  <div id="table" style="width:120px;background:rgb(255,255,255)"><table style="border-collapse:collapse;font:16px sans-serif"><tr><td style="background:rgb(200,0,0);color:rgb(0,0,0);width:60px;height:30px;padding:0">WWW</td><td style="width:60px;height:30px;padding:0" data-png-ignore>XX</td></tr></table><span style="display:none">hidden</span><div id="bordered" style="margin-left:10px;width:20px;height:10px;border:2px solid rgb(0,0,255);background:rgb(255,255,0)"></div><div id="ramp" style="width:100px;height:6px;background:linear-gradient(90deg, rgb(255,0,0), rgb(0,0,255))"></div></div>
  <div id="view"><canvas style="width:30px;height:40px" width="30" height="40"></canvas><svg width="30" height="40"><rect class="box" width="30" height="40"/></svg></div>
</body></html>`;

beforeAll(async () => {
  const bundle = await build({ entryPoints: [path.join(import.meta.dirname, 'view-png.ts')], bundle: true, format: 'iife', globalName: 'viewPng', write: false, logLevel: 'silent' });
  browser = await chromium.launch({
    executablePath: process.env.PRUNELENS_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--no-first-run'],
  });
  page = await browser.newPage({ deviceScaleFactor: 1 });
  await page.setContent(html);
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  // A 2 × 1 image (red, blue), shown 10× larger with crisp pixels, as the sample views do.
  const bmp = Buffer.from(encodeBmp(new Uint8Array([255, 0, 0, 0, 0, 255]), 2, 1, 3)).toString('base64');
  await page.evaluate(async (src) => {
    const img = document.querySelector('#images img') as HTMLImageElement;
    img.src = src;
    await img.decode();
  }, `data:image/bmp;base64,${bmp}`);
  await page.evaluate(() => {
    const c = (document.getElementById('c2d') as HTMLCanvasElement).getContext('2d')!;
    c.fillStyle = 'rgb(255,0,0)';
    c.fillRect(0, 0, 25, 20);
    const v = (document.querySelector('#view canvas') as HTMLCanvasElement).getContext('2d')!;
    v.fillStyle = 'rgb(255,0,0)';
    v.fillRect(0, 0, 30, 40);
  });
}, 60_000);
afterAll(() => browser?.close());

async function exportPng(selector: string, options: { scale?: number; background?: string | null; webgl?: boolean; html?: boolean } = {}): Promise<PNG> {
  const base64 = await page.evaluate<string, [string, typeof options]>(async ([sel, opts]) => {
    const api = (window as unknown as { viewPng: { viewToPng: (e: Element, o: object) => Promise<Blob> } }).viewPng;
    const element = document.querySelector(sel)!;
    const renderNow = opts.webgl
      ? (canvas: HTMLCanvasElement) => {
        const gl = canvas.getContext('webgl')!; // preserveDrawingBuffer: false (the default)
        gl.clearColor(0, 1, 0, 1);
        gl.clear(gl.COLOR_BUFFER_BIT);
      }
      : undefined;
    const blob = await api.viewToPng(element, { ...opts, renderNow });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    bytes.forEach((b) => (binary += String.fromCharCode(b)));
    return btoa(binary);
  }, [selector, options]);
  return PNG.sync.read(Buffer.from(base64, 'base64'));
}

function pixel(png: PNG, x: number, y: number): number[] {
  const i = (y * png.width + x) * 4;
  return Array.from(png.data.subarray(i, i + 4));
}

describe('view PNG export', () => {
  it('a 2-D canvas at 2× its CSS size', async () => {
    const png = await exportPng('#c2d');
    expect([png.width, png.height]).toEqual([100, 40]);
    expect(pixel(png, 10, 20)).toEqual([255, 0, 0, 255]);
    expect(pixel(png, 90, 20)).toEqual([250, 250, 250, 255]); // transparent → the page background
    const transparent = await exportPng('#c2d', { background: null, scale: 3 });
    expect([transparent.width, transparent.height]).toEqual([150, 60]);
    expect(pixel(transparent, 140, 30)[3]).toBe(0);
  });

  it('an SVG keeps stylesheet and CSS-variable styling', async () => {
    const png = await exportPng('#svg');
    expect([png.width, png.height]).toEqual([80, 40]);
    expect(pixel(png, 20, 20)).toEqual([0, 0, 255, 255]);
    expect(pixel(png, 60, 20)).toEqual([0, 128, 0, 255]);
  });

  it('a WebGL canvas without preserveDrawingBuffer, drawn by renderNow', async () => {
    const png = await exportPng('#gl', { webgl: true });
    expect([png.width, png.height]).toEqual([32, 32]);
    expect(pixel(png, 16, 16)).toEqual([0, 255, 0, 255]);
  });

  it('a view container: canvas and SVG overlay composited at their positions', async () => {
    const png = await exportPng('#view');
    expect([png.width, png.height]).toEqual([120, 80]);
    expect(pixel(png, 30, 40)).toEqual([255, 0, 0, 255]); // the canvas (left half)
    expect(pixel(png, 90, 40)).toEqual([0, 0, 255, 255]); // the SVG overlay (right half)
  });

  it('with html: table cell backgrounds under, text over, ignored elements left out', async () => {
    const png = await exportPng('#table', { html: true });
    const box = await page.evaluate(() => {
      const r = document.querySelector('#table td')!.getBoundingClientRect();
      const t = document.getElementById('table')!.getBoundingClientRect();
      return { x: r.left - t.left, y: r.top - t.top, w: r.width, h: r.height };
    });
    // Inside the red cell: red background and dark text pixels; the ignored cell stays white.
    const cell: number[][] = [];
    for (let y = Math.ceil(box.y * 2); y < (box.y + box.h) * 2; y++) for (let x = Math.ceil(box.x * 2); x < (box.x + box.w) * 2; x++) cell.push(pixel(png, x, y));
    expect(cell.filter((p) => p[0] === 200 && p[1] === 0).length).toBeGreaterThan(cell.length / 2);
    expect(cell.filter((p) => p[0] < 60 && p[1] < 60 && p[2] < 60).length).toBeGreaterThan(20);
    const other: number[][] = [];
    for (let y = Math.ceil(box.y * 2); y < (box.y + box.h) * 2; y++) for (let x = Math.ceil((box.x + box.w) * 2) + 2; x < png.width; x++) other.push(pixel(png, x, y));
    expect(other.every((p) => p[0] === 255 && p[1] === 255 && p[2] === 255)).toBe(true);
    // A bordered box: border strips around its background.
    const b = await page.evaluate(() => {
      const r = document.getElementById('bordered')!.getBoundingClientRect();
      const t = document.getElementById('table')!.getBoundingClientRect();
      return { x: r.left - t.left, y: r.top - t.top, w: r.width, h: r.height };
    });
    expect(pixel(png, Math.round(b.x * 2 + 1), Math.round((b.y + b.h / 2) * 2))).toEqual([0, 0, 255, 255]);
    expect(pixel(png, Math.round((b.x + b.w / 2) * 2), Math.round((b.y + b.h / 2) * 2))).toEqual([255, 255, 0, 255]);
    expect(pixel(png, Math.round((b.x + b.w) * 2 - 2), Math.round((b.y + b.h) * 2 - 2))).toEqual([0, 0, 255, 255]);
    // A left-to-right gradient (a legend ramp): red at the left end, blue at the right.
    const g = await page.evaluate(() => {
      const r = document.getElementById('ramp')!.getBoundingClientRect();
      const t = document.getElementById('table')!.getBoundingClientRect();
      return { x: r.left - t.left, y: r.top - t.top, w: r.width, h: r.height };
    });
    const left = pixel(png, Math.round(g.x * 2 + 1), Math.round((g.y + g.h / 2) * 2));
    const right = pixel(png, Math.round((g.x + g.w) * 2 - 2), Math.round((g.y + g.h / 2) * 2));
    const middle = pixel(png, Math.round((g.x + g.w / 2) * 2), Math.round((g.y + g.h / 2) * 2));
    expect(left[0]).toBeGreaterThan(240);
    expect(right[2]).toBeGreaterThan(240);
    expect(Math.abs(middle[0] - 128)).toBeLessThan(12);
    // Without html, only canvases, SVGs and images: the table area is the plain background.
    const plain = await exportPng('#table');
    expect(pixel(plain, Math.round((box.x + box.w / 2) * 2), Math.round((box.y + 2) * 2))).toEqual([255, 255, 255, 255]);
  });

  it('a pixelated <img> (a BMP sample image) stays crisp when scaled up', async () => {
    const png = await exportPng('#images');
    expect([png.width, png.height]).toEqual([40, 20]);
    // 2 source pixels over 40 output pixels: 0–19 red, 20–39 blue, no blend at the seam.
    expect(pixel(png, 0, 10)).toEqual([255, 0, 0, 255]);
    expect(pixel(png, 19, 10)).toEqual([255, 0, 0, 255]);
    expect(pixel(png, 20, 10)).toEqual([0, 0, 255, 255]);
    expect(pixel(png, 39, 10)).toEqual([0, 0, 255, 255]);
  });
});
