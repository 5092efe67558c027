import { describe, expect, it } from 'vitest';
import { lineChart } from './svg-line-chart';

const opts = { title: 'T', xLabel: 'x', yLabel: 'y', formatX: String, formatY: String, width: 400, height: 200 };
const pt = (x: number, y: number, lo = y - 0.1, hi = y + 0.1) => ({ x, y, lo, hi, label: `${x}` });

describe('lineChart', () => {
  it('places points linearly in x and y, one band polygon and one ring per marked series; NaN points are skipped', () => {
    const svg = lineChart([{ name: 'a <b>', color: '#123456', points: [pt(0, 1), pt(0.5, 0.5), pt(1, NaN)], marker: 1 }, { name: 'b', color: '#654321', points: [pt(0, 1), pt(1, 0)] }], opts);
    const dots = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="3.2" fill="#123456">/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(dots).toHaveLength(2);
    const other = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="3.2" fill="#654321">/g)].map((m) => [Number(m[1]), Number(m[2])]);
    // a's x = 0.5 sits halfway between b's x = 0 and x = 1; a's y = 0.5 halfway between b's y = 1 and 0.
    expect(dots[1][0]).toBeCloseTo((other[0][0] + other[1][0]) / 2, 0);
    expect(dots[1][1]).toBeCloseTo((other[0][1] + other[1][1]) / 2, 0);
    expect(svg.match(/class="band"/g)).toHaveLength(2);
    expect(svg.match(/class="breaking-point" cx="([\d.]+)"/)?.[1]).toBe(dots[1][0].toFixed(1));
    expect(svg).toContain('a &lt;b&gt;');
    expect(svg).not.toContain('NaN');
  });
});
