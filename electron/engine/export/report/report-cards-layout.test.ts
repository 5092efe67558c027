// The report's model cards stay inside the page in Chromium with a real network's layer names
// (PyTorch exports such as `/blocks/blocks.1/skip/skip.0/Conv`): two cards per row without a
// pattern column, one full-width card where a layer has an N:M pattern. Before, the two-column
// grid grew with its longest layer name and pushed the right card past the page edge.
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../../../../src-shared/api/types';
import { chromiumArgs, findChromium } from './pdf';
import type { ReportData } from './report-data';
import { modelCardsSection } from './report-samples';
import { reportCss } from './report-style';

const names = ['/stem/stem.0/Conv', '/blocks/blocks.0/c1/Conv', '/blocks/blocks.1/skip/skip.0/Conv', '/blocks/blocks.2/skip/skip.0/Conv', '/fc/Gemm'];
function model(id: string, nm: boolean): ModelSummary {
  const layers = names.map((name, i) => ({ name, op: name.endsWith('Gemm') ? 'Gemm' : 'Conv', shape: [64, 32, 3, 3], outChannels: 64, parameters: 18_432, sparsity: 0.5, ...(nm && i < 2 ? { nm: { n: 8, m: 16, along: 'output' } } : {}) }));
  const card = { parameterCount: 77_706, nonZeroParameters: 39_026, weightSparsity: 0.5, macs: { total: 12.5e6, sparse: 7.2e6 }, fileBytes: 314_000, opset: 13, producer: 'pytorch 1.13.0', head: { form: 'gemm', featureDim: 64, classes: 10 }, layers };
  return { id, role: id === 'dense' ? 'dense' : 'pruned', method: 'Global magnitude', sparsity: 0.5, card } as unknown as ModelSummary;
}

describe('report model cards layout', () => {
  it('keeps every card and its tables inside the page; a card with a pattern column spans the row', async () => {
    const models = [model('dense', false), model('gmp-50', false), model('gmp-80', false), model('channels-50', true)];
    const data = { bundle: { models }, evaluation: { models: models.map((m) => ({ id: m.id, role: m.role })), sets: [{ id: 'clean' }], accuracy: new Float32Array(4), robustAccuracy: new Float32Array(4) } } as unknown as ReportData;
    const html = `<!doctype html><html><head><style>${reportCss}</style></head><body><main>${modelCardsSection(data)}</main></body></html>`;
    const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: chromiumArgs });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.setContent(html);
      const boxes = await page.$$eval('.card', (cards) => {
        const main = document.querySelector('main')!.getBoundingClientRect();
        const grid = document.querySelector('.cards')!.getBoundingClientRect();
        return cards.map((c) => {
          const b = c.getBoundingClientRect();
          return { id: c.querySelector('h3')!.textContent, mainRight: main.right, gridLeft: grid.left, gridRight: grid.right, left: b.left, right: b.right, tables: [...c.querySelectorAll('table')].map((t) => t.getBoundingClientRect().right) };
        });
      });
      expect(boxes).toHaveLength(4);
      for (const b of boxes) {
        expect(b.right, `${b.id} inside the page`).toBeLessThanOrEqual(b.mainRight + 0.5);
        expect(b.right, `${b.id} inside the card grid`).toBeLessThanOrEqual(b.gridRight + 0.5);
        for (const t of b.tables) expect(t, `${b.id}: table inside its card`).toBeLessThanOrEqual(b.right + 0.5);
      }
      // Two per row without patterns; the N:M card spans the whole row.
      expect(boxes[1].left).toBeGreaterThan(boxes[0].right);
      const wide = boxes.find((b) => b.id === 'channels-50')!;
      expect(wide.left).toBeCloseTo(wide.gridLeft, 0);
      expect(wide.right).toBeCloseTo(wide.gridRight, 0);
      await expect(page.locator('.card:not(.wide) th', { hasText: 'pattern' }).count()).resolves.toBe(0);
      await expect(page.locator('.card.wide table.layers td', { hasText: '8:16 along output channels' }).count()).resolves.toBe(2);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
