// The report's building blocks: PNG data URIs, severity averages, inert corruptions, the SVG
// charts' geometry and HTML escaping.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { EvaluationTable, SetRef } from '../../../../src-shared/api/result-types';
import { esc } from './format';
import { encodePng, pngDataUri, upscaleFactor } from './png-data-uri';
import { corruptionAverages } from './report-evaluation';
import { inertCorruptions } from './report-geometry';
import type { GallerySample } from './report-geometry';
import type { ReportData } from './report-data';
import { gallerySection } from './report-samples';
import { groupedBarChart } from './svg-charts';
import { correlationHeatmap } from './svg-heatmap';

function table(accuracy: number[][], sets: [string, number][]): EvaluationTable {
  const refs: SetRef[] = sets.map(([c, s]) => ({ id: c === 'clean' ? 'clean' : `${c}-s${s}`, corruption: c, severity: s, group: c === 'clean' ? 'clean' : 'benchmark' }));
  return {
    bundleDir: '/b', models: accuracy.map((_, i) => ({ id: `m${i}`, role: i === 0 ? 'dense' : 'pruned', method: 'x', sparsity: null })), sets: refs,
    accuracy: Float32Array.from(accuracy.flat()), nonFiniteLogits: new Int32Array(accuracy.flat().length), nonFiniteFeatures: new Int32Array(accuracy.flat().length), robustAccuracy: new Float32Array(), mCE: new Float32Array(), relativeMCE: new Float32Array(),
    ce: new Float32Array(), ceCorruptions: [], extraAccuracy: new Float32Array(), executionProvider: 'cpu',
  };
}

describe('report parts', () => {
  it('encodes gray and RGB images as PNG, nearest-neighbour upscaled', () => {
    const gray = { data: Uint8Array.from([0, 50, 100, 150, 200, 250]), width: 3, height: 2, channels: 1 };
    const png = PNG.sync.read(Buffer.from(encodePng(gray, 4)));
    expect([png.width, png.height]).toEqual([12, 8]);
    for (let y = 0; y < 8; y++) for (let x = 0; x < 12; x++) {
      const v = gray.data[Math.floor(y / 4) * 3 + Math.floor(x / 4)];
      expect(Array.from(png.data.subarray((y * 12 + x) * 4, (y * 12 + x) * 4 + 4))).toEqual([v, v, v, 255]);
    }
    const rgb = PNG.sync.read(Buffer.from(encodePng({ data: Uint8Array.from([255, 0, 0, 0, 0, 255]), width: 2, height: 1, channels: 3 }, 1)));
    expect(Array.from(rgb.data)).toEqual([255, 0, 0, 255, 0, 0, 255, 255]);
    expect(upscaleFactor(28, 28)).toBe(4);
    expect(upscaleFactor(32, 16)).toBe(4);
    expect(pngDataUri(gray)).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(() => encodePng({ ...gray, channels: 2 })).toThrow(/2 channels/);
  });

  it('averages accuracy over severities per corruption, NaN when one is missing; benchmark before extra', () => {
    const t = table([[0.9, 0.8, 0.6, 0.5, 0.9], [0.8, 0.7, NaN, 0.4, 0.8]], [['clean', 0], ['fog', 1], ['fog', 3], ['saturate', 1], ['contrast', 2]]);
    const avg = corruptionAverages(t);
    expect(avg.corruptions).toEqual(['fog', 'contrast', 'saturate']);
    expect(avg.extraFrom).toBe(2);
    expect(avg.values[0]).toBeCloseTo(0.7, 6);
    expect(avg.values[1]).toBeCloseTo(0.9, 6);
    expect(Number.isNaN(avg.values[3])).toBe(true);
    expect(avg.values[5]).toBeCloseTo(0.4, 6);
  });

  it('finds corruptions that changed no accuracy anywhere', () => {
    const t = table([[0.9, 0.9, 0.9, 0.7], [0.8, 0.8, 0.8, 0.8]], [['clean', 0], ['saturate', 1], ['saturate', 5], ['fog', 1]]);
    expect(inertCorruptions(t)).toEqual(['saturate']);
    expect(inertCorruptions(table([[0.9, 0.9], [0.8, 0.79]], [['clean', 0], ['saturate', 1]]))).toEqual([]);
  });

  it('draws bars proportional to their value and a heat map in leaf order with its dendrogram', () => {
    const bars = groupedBarChart([{ label: 'a', values: [0.5, 1] }], [{ name: 's', color: '#000' }, { name: 't', color: '#111' }], { title: 'T' });
    const widths = [...bars.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="7.5" fill="#(?:000|111)"><title>/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[1] / widths[0]).toBeCloseTo(2, 2);

    const heat = correlationHeatmap({ labels: ['a', 'b', 'c'], values: [1, 0.2, 0.9, 0.2, 1, 0.1, 0.9, 0.1, 1], order: [0, 2, 1], merges: [{ a: 0, b: 2, height: 0.1 }, { a: 1, b: 3, height: 0.85 }], title: 'H' });
    const titles = [...heat.matchAll(/<title>([a-c]) × ([a-c]): r = ([\d.]+)<\/title>/g)].map((m) => `${m[1]}${m[2]}=${m[3]}`);
    expect(titles.slice(0, 3)).toEqual(['aa=1.000', 'ac=0.900', 'ab=0.200']);
    expect(titles).toHaveLength(9);
    const path = /<path d="([^"]+)" fill="none"/.exec(heat)![1];
    expect(path.match(/M/g)).toHaveLength(2); // one ⊓ per merge
  });

  it('a gallery card without a corruption column says whether corruptions were run at all', () => {
    const sample = (corruption: string | null): GallerySample => ({ index: 7, label: 0, kind: 'fragile', models: ['p'], corruption, columns: ['clean'], images: [{ setId: 'clean', caption: 'clean', uri: 'data:,' }], rows: [{ modelId: 'd', cells: [{ pred: 0, confidence: 0.9, correct: true }] }, { modelId: 'p', cells: [{ pred: 1, confidence: 0.6, correct: false }] }] });
    const set = (corruption: string, severity: number): SetRef => ({ id: corruption === 'clean' ? 'clean' : `${corruption}-s${severity}`, corruption, severity, group: corruption === 'clean' ? 'clean' : 'benchmark' });
    const data = (sets: SetRef[], samples: GallerySample[]) => ({ bundle: { classes: ['a', 'b'] }, evaluation: { models: [{ id: 'd', role: 'dense' }, { id: 'p', role: 'pruned' }], sets }, gallery: { fragile: samples, improved: [] } }) as unknown as ReportData;
    const run = [set('clean', 0), set('fog', 1), set('fog', 3), set('gaussian_noise', 1)];
    // Corruptions were run, but under none is this sample fragile again: not "no corruptions run".
    const html = gallerySection(data(run, [sample(null)]));
    expect(html).not.toContain('no corruptions run');
    expect(html).toContain('no corruption where the same happens (2 run)');
    expect(gallerySection(data([set('clean', 0)], [sample(null)]))).toContain('no corruptions run');
    expect(gallerySection(data(run, [sample('fog')]))).toContain('corruption: <b>fog</b>');
  });

  it('escapes text for HTML', () => {
    expect(esc(`<b a="1">&'`)).toBe('&lt;b a=&quot;1&quot;&gt;&amp;&#39;');
  });
});
