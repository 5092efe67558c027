import { describe, expect, it } from 'vitest';
import { gridShape, viewportLayout } from './viewport-layout';

describe('3-D viewport layout', () => {
  it('two or three models: one row in a wide panel, one column in a narrow one, never 2 × 2', () => {
    expect(gridShape(1, 700, 800)).toEqual({ cols: 1, rows: 1 });
    expect(gridShape(2, 1200, 600)).toEqual({ cols: 2, rows: 1 });
    expect(gridShape(3, 1200, 600)).toEqual({ cols: 3, rows: 1 });
    // A docked half panel at 1600 × 1000: 700 × 800. Row cells 233 wide vs column cells 266 high.
    expect(gridShape(3, 700, 800)).toEqual({ cols: 1, rows: 3 });
    expect(gridShape(2, 700, 800)).toEqual({ cols: 1, rows: 2 }); // 400 > 350
    expect(gridShape(2, 800, 700)).toEqual({ cols: 2, rows: 1 }); // 400 > 350
    expect(gridShape(3, 900, 800)).toEqual({ cols: 3, rows: 1 }); // 300 > 266
  });

  it('more models: as square as the aspect allows, without a whole empty column or row', () => {
    expect(gridShape(4, 1000, 1000)).toEqual({ cols: 2, rows: 2 });
    expect(gridShape(9, 1200, 800)).toEqual({ cols: 3, rows: 3 });
    expect(gridShape(4, 2000, 500)).toEqual({ cols: 4, rows: 1 });
    for (let n = 4; n <= 9; n++)
      for (const [w, h] of [[1400, 700], [700, 900], [300, 1200], [1600, 400]]) {
        const { cols, rows } = gridShape(n, w, h);
        expect(cols * rows).toBeGreaterThanOrEqual(n);
        expect((cols - 1) * rows).toBeLessThan(n);
        expect(cols * (rows - 1)).toBeLessThan(n);
      }
  });

  it('viewports tile the area without gaps or overlaps', () => {
    for (const [n, w, h] of [[2, 701, 803], [3, 700, 800], [3, 1333, 517], [7, 1001, 999]]) {
      const vps = viewportLayout(n, w, h);
      expect(vps).toHaveLength(n);
      const { cols } = gridShape(n, w, h);
      for (const v of vps) {
        expect(v.x).toBeGreaterThanOrEqual(0);
        expect(v.y).toBeGreaterThanOrEqual(0);
        expect(v.x + v.width).toBeLessThanOrEqual(w);
        expect(v.y + v.height).toBeLessThanOrEqual(h);
        expect(Math.min(v.width, v.height)).toBeGreaterThan(0);
      }
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          const [a, b] = [vps[i], vps[j]];
          const overlap = Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) && Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y);
          expect(overlap, `viewports ${i} and ${j} overlap`).toBe(false);
        }
      // The first row reaches the right edge exactly (no stray pixel column).
      expect(vps[Math.min(cols, n) - 1].x + vps[Math.min(cols, n) - 1].width).toBe(n >= cols ? w : vps[n - 1].x + vps[n - 1].width);
    }
    expect(viewportLayout(3, 700, 800)).toEqual([
      { x: 0, y: 0, width: 700, height: 267 },
      { x: 0, y: 267, width: 700, height: 266 },
      { x: 0, y: 533, width: 700, height: 267 },
    ]);
  });
});
