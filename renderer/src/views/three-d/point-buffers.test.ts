import { describe, expect, it } from 'vitest';
import { categoryColors } from '../../state/categories';
import { classColor, viridis } from '../../state/color-scales';
import { computeHandlers } from '../../workers/compute-handlers';
import { countNonFinitePoints, fillStates, normalizePositions, robustBounds, stateOf, STATE_FADED, STATE_HOVERED, STATE_NORMAL, STATE_SELECTED } from '../../compute/point-buffers';
import { pickNearest } from './pick';
import { cameraPosition, rotate, zoom } from './orbit';
import { gridShape } from './viewport-layout';

describe('3-D point buffers', () => {
  it('normalises jointly: the same value maps to the same place in every view', () => {
    const a = new Float32Array(Array.from({ length: 300 }, (_, i) => i % 100)); // x, y, z = 0..99
    const b = new Float32Array(a.map((v) => v + 50));
    const bounds = robustBounds([{ data: a, stride: 3, dims: 3 }, { data: b, stride: 3, dims: 3 }]);
    expect(bounds.lo[0]).toBeGreaterThanOrEqual(0);
    expect(bounds.hi[0]).toBeLessThanOrEqual(149);
    const pa = normalizePositions(a, 3, 3, bounds);
    const pb = normalizePositions(b, 3, 3, bounds);
    // a[i] + 50 == b[i]: b's point sits where a value 50 larger sits.
    const scale = 2 / (bounds.hi[0] - bounds.lo[0]);
    expect(pb[0] - pa[0]).toBeCloseTo(50 * scale, 5);
    const twoD = normalizePositions(new Float32Array([0, 1, NaN, 2]), 2, 2, { lo: [0, 0, 0], hi: [2, 2, 1] });
    expect([...twoD]).toEqual([-1, 0, 0, NaN, 1, 0]);
  });

  it('builds positions and colours for every slot in one worker call', () => {
    const n = 4;
    const out = computeHandlers.pointBuffers({
      slots: [
        { positions: { kind: 'axes', x: new Float32Array([0, 1, 2, 3]), y: new Float32Array(4), z: new Float32Array(4) }, color: { kind: 'category', category: new Uint8Array([255, 255, 255, 255]), correct: new Uint8Array([1, 0, 0, 1]), cleanCorrect: new Uint8Array([1, 1, 0, 1]) } },
        { positions: { kind: 'coords', data: new Float32Array(8), stride: 2, dims: 2 }, color: { kind: 'class', labels: new Int32Array([0, 1, 2, 3]) } },
        { positions: { kind: 'coords', data: new Float32Array(12), stride: 3, dims: 3 }, color: { kind: 'metric', values: new Float32Array([0, 1, 2, 3]), range: null } },
      ],
    });
    expect(out.positions.map((p) => p.length)).toEqual([3 * n, 3 * n, 3 * n]);
    expect([...out.categories[0]!]).toEqual([0, 3, 4, 0]);
    expect([...out.colors[0].slice(3, 6)]).toEqual(categoryColors[3].map(Math.fround));
    expect([...out.colors[1].slice(6, 9)]).toEqual(classColor(2).map(Math.fround));
    expect(out.metricRange).toEqual([0, 3]);
    expect([...out.colors[2].slice(9, 12)]).toEqual(viridis(1).map(Math.fround));
  });

  it('point states: faded by the filter, selected, hovered on top', () => {
    const states = new Float32Array(5);
    fillStates(states, new Uint8Array([1, 0, 1, 0, 1]), [2, 3], 4);
    expect([...states]).toEqual([STATE_NORMAL, STATE_FADED, STATE_SELECTED, STATE_SELECTED, STATE_HOVERED]);
    expect(stateOf(1, new Uint8Array([1, 0]), new Set(), null)).toBe(STATE_FADED);
    expect(stateOf(1, new Uint8Array([1, 0]), new Set([1]), 1)).toBe(STATE_HOVERED);
  });
});

describe('picking and cameras', () => {
  it('picks the point nearest the pointer through an orthographic-like matrix', () => {
    // Identity view-projection: clip = position, w = 1.
    const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    const positions = new Float32Array([-0.5, 0.5, 0, 0.5, -0.5, 0, 0.52, -0.5, 0, NaN, 0, 0]);
    // (0.5, -0.5) → screen (150, 150) in a 200 × 200 viewport.
    expect(pickNearest(positions, identity, 200, 200, 150, 150, 5)).toBe(1);
    expect(pickNearest(positions, identity, 200, 200, 50, 50, 5)).toBe(0);
    expect(pickNearest(positions, identity, 200, 200, 100, 100, 5)).toBeNull();
    expect(pickNearest(positions, identity, 200, 200, 150, 150, 5, (i) => i === 1)).toBe(2);
  });

  it('orbits, zooms within limits, and lays out grids', () => {
    const c = { theta: 0, phi: 0, radius: 2 };
    expect(cameraPosition(c)).toEqual([0, 0, 2]);
    expect(rotate(c, 0, 1e6).phi).toBeLessThan(Math.PI / 2);
    expect(zoom(c, 1e6).radius).toBe(20);
    expect(gridShape(9, 900, 900)).toEqual({ cols: 3, rows: 3 });
    expect(gridShape(2, 1200, 500)).toEqual({ cols: 2, rows: 1 });
    expect(gridShape(4, 1600, 400)).toEqual({ cols: 4, rows: 1 });
  });
});

describe('3-D overlays', async () => {
  const { displacementSegments, normalizedPoint, pathSegments } = await import('./overlays');
  it('draws displacement only for selected samples with finite positions', () => {
    const dense = new Float32Array([0, 0, 0, 1, 1, 1, NaN, 0, 0]);
    const model = new Float32Array([0.5, 0, 0, 1, 0, 1, 2, 2, 2]);
    expect([...displacementSegments(dense, model, [1, 2, 7])]).toEqual([1, 1, 1, 1, 0, 1]);
  });
  it('normalises one point and joins a path across gaps', () => {
    const bounds = { lo: [0, 0, 0] as [number, number, number], hi: [2, 2, 2] as [number, number, number] };
    expect(normalizedPoint(new Float32Array([9, 9, 9, 2, 0, 1]), 3, 3, 1, bounds)).toEqual([1, -1, 0]);
    expect(normalizedPoint(new Float32Array([NaN, 0]), 2, 2, 0, bounds)).toBeNull();
    const path = pathSegments([[0, 0, 0], [1, 0, 0], null, [2, 0, 0], [3, 0, 0]]);
    expect([...path]).toEqual([0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0]);
  });
});

describe('level of detail while orbiting', async () => {
  const { LevelOfDetail } = await import('./level-of-detail');
  it('draws fewer points while frames are slow, and more again when they are fast', () => {
    const lod = new LevelOfDetail(50, 8);
    expect(lod.frame(0)).toBe(1);
    expect(lod.frame(200)).toBe(2); // 200 ms apart: slow
    expect(lod.frame(400)).toBe(4);
    expect(lod.frame(600)).toBe(8);
    expect(lod.frame(800)).toBe(8); // capped
    expect(lod.frame(810)).toBe(4); // 10 ms apart: fast enough to draw more
    lod.end();
    expect(lod.frame(5000)).toBe(4); // a new interaction starts from what was learned
    expect(lod.factor).toBe(4);
  });
});

describe('countNonFinitePoints', () => {
  it('counts points, not coordinates, with any NaN or infinite coordinate', () => {
    const a = Float32Array.from([0, 0, 0, NaN, NaN, NaN, 1, Infinity, 2]);
    const b = Float32Array.from([1, 2, 3, 4, 5, -Infinity]);
    expect(countNonFinitePoints([a, b])).toBe(3);
    expect(countNonFinitePoints([Float32Array.from([1, 2, 3])])).toBe(0);
  });
});
