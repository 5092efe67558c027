import { describe, expect, it } from 'vitest';
import { syntheticMetrics, syntheticModels, syntheticSets } from '../../test-support/synthetic-data';
import { axisY, densityToRgba, rasterizeDensity } from '../../compute/pc-density';
import { axisAt, brushRange, labelLines, pcAxes, pcLayout, rangeToPixels } from './pc-model';

describe('parallel coordinates', () => {
  const metrics = syntheticMetrics(syntheticModels[1], syntheticSets([])[0], 300, 10);
  const classes = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

  it('has one angle axis per class, then length, margin, confidence', () => {
    const axes = pcAxes(metrics, classes);
    expect(axes.map((a) => a.key)).toEqual([...classes.map((_, c) => `classAngle:${c}`), 'length', 'logitMargin', 'confidence']);
    expect(axes[3].label).toBe('angle to cat');
    expect(axes[3].unit).toBe('°');
    expect(labelLines(axes[1])).toEqual(['angle to', 'automobile (°)']);
    expect(labelLines(axes[10])).toEqual(['feature', 'length']);
    expect(axes[3].values[7]).toBe(metrics.classAngles[7 * 10 + 3]);
    expect(axes[10].range[0]).toBe(Math.min(...metrics.length));
  });

  it('with more classes than fit, shows the true/predicted/rival angles and the filtered class', () => {
    const many = syntheticMetrics(syntheticModels[1], syntheticSets([])[0], 50, 100);
    const names = Array.from({ length: 100 }, (_, c) => `class-${c}`);
    const summary = pcAxes(many, names);
    expect(summary.map((a) => a.key)).toEqual(['angleGt', 'anglePred', 'angleRival', 'length', 'logitMargin', 'confidence']);
    expect(summary[0].values).toBe(many.angleGt);
    const filtered = pcAxes(many, names, 42);
    expect(filtered.map((a) => a.key)).toEqual(['angleGt', 'anglePred', 'angleRival', 'classAngle:42', 'length', 'logitMargin', 'confidence']);
    expect(filtered[3].label).toBe('angle to class-42');
    expect(filtered[3].values[5]).toBe(many.classAngles[5 * 100 + 42]);
    // Few classes: the class filter does not change the axes (every class has one already).
    expect(pcAxes(metrics, classes, 3).length).toBe(13);
  });

  it('maps brushes to value ranges and back', () => {
    const layout = pcLayout(1000, 400, 13);
    expect(layout.axisX[0]).toBe(40);
    expect(layout.axisX[12]).toBe(960);
    expect(axisAt(layout, 45)).toBe(0);
    expect(axisAt(layout, 100)).toBeNull();
    const r = brushRange(layout, [0, 180], layout.bottom, layout.top + (layout.bottom - layout.top) / 2);
    expect(r.lo).toBeCloseTo(0, 6);
    expect(r.hi).toBeCloseTo(90, 6);
    const [yTop, yBottom] = rangeToPixels(layout, [0, 180], r.lo, r.hi);
    expect(yBottom).toBeCloseTo(layout.bottom, 6);
    expect(yTop).toBeCloseTo(layout.top + (layout.bottom - layout.top) / 2, 6);
  });

  it('rasterises each polyline unbroken, split by the filter mask', () => {
    const layout = { width: 50, height: 20, axisX: [5, 25, 45], top: 2, bottom: 17 };
    const axes = [new Float32Array([0, 1, NaN]), new Float32Array([1, 0, 0.5]), new Float32Array([1, 1, 0.5])];
    const out = rasterizeDensity({ layout, axes, ranges: [[0, 1], [0, 1], [0, 1]], count: 3, mask: new Uint8Array([1, 0, 1]) });
    const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);
    const column = (a: Float32Array, x: number) => Array.from({ length: 20 }, (_, y) => a[y * 50 + x]);
    // Flat runs cover one pixel per column: sample 0 on gap 1 (y = 2) and sample 2 on gap 1 (mid-height): 20 + 20.
    // Sample 0 rising 15 rows over the 20 columns of gap 0 covers 15 + 20 pixels (each column repeats its start row).
    expect(sum(out.inside)).toBe(35 + 20 + 20);
    for (let x = 5; x < 45; x++) expect(column(out.inside, x).some((v) => v > 0)).toBe(true);
    // Sample 1 (filtered out): falls over gap 0, flat at the top over gap 1.
    expect(out.outside[2 * 50 + 5]).toBe(1);
    expect(out.outside[17 * 50 + 24]).toBe(1);
    expect(out.outside[2 * 50 + 44]).toBe(1);
    // Unbroken: in every column of gap 0, sample 0's pixels are contiguous.
    for (let x = 5; x < 25; x++) {
      const rows = column(out.inside, x).flatMap((v, y) => (v > 0 ? [y] : []));
      expect(rows[rows.length - 1] - rows[0]).toBe(rows.length - 1);
    }
    // Sample 0 starts at the bottom of axis 0 (value 0) and reaches the top at axis 1 (value 1).
    expect(out.inside[17 * 50 + 5]).toBe(1);
    expect(out.inside[2 * 50 + 24]).toBe(1);
    expect(axisY(2, [0, 1], 2, 17)).toBe(2);
    const rgba = densityToRgba(out, [255, 0, 0], [0, 0, 255]);
    expect(rgba[(17 * 50 + 5) * 4]).toBe(255);
    expect(rgba[(17 * 50 + 5) * 4 + 3]).toBeGreaterThan(0);
    expect(rgba[(0 * 50 + 0) * 4 + 3]).toBe(0);
  });
});
