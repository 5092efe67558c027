// Density opacity: sparse points stay opaque, a crowded cell's points fade as 1/√count down to
// the floor, undefined points are left alone, and points outside the box count in its edge cells.
import { describe, expect, it } from 'vitest';
import { densityOpacity } from './point-density';

const cloud = (points: number[][]) => Float32Array.from(points.flat());
const repeat = (p: number[], n: number) => Array.from({ length: n }, () => p);

describe('densityOpacity', () => {
  it('keeps sparse points fully opaque', () => {
    const alpha = densityOpacity(cloud([[-0.9, -0.9, -0.9], [0, 0, 0], [0.9, 0.9, 0.9], ...repeat([0.5, 0.5, 0.5], 4)]));
    expect(Array.from(alpha)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('fades the points of a crowded cell as 1/sqrt(count), leaving the others', () => {
    const alpha = densityOpacity(cloud([...repeat([0.1, 0.1, 0.1], 16), ...repeat([0.101, 0.102, 0.103], 9), [-0.5, 0.5, 0]]));
    // 25 points share one cell (grid 32: cells are 1/16 wide): √(4/25) = 0.4.
    for (let i = 0; i < 25; i++) expect(alpha[i]).toBeCloseTo(0.4, 6);
    expect(alpha[25]).toBe(1);
  });

  it('never goes below the floor, and a coarser grid merges neighbours', () => {
    expect(densityOpacity(cloud(repeat([0, 0, 0], 10_000)))[0]).toBeCloseTo(0.1, 6);
    const two = cloud([...repeat([0.1, 0.1, 0.1], 8), ...repeat([0.3, 0.3, 0.3], 8)]);
    expect(densityOpacity(two)[0]).toBeCloseTo(Math.sqrt(4 / 8), 6);
    expect(densityOpacity(two, { grid: 2 })[0]).toBeCloseTo(Math.sqrt(4 / 16), 6);
    expect(densityOpacity(two, { grid: 2, opaqueCount: 16 })[0]).toBe(1);
  });

  it('leaves undefined points out of the counts and clamps outside points into the edge cells', () => {
    const alpha = densityOpacity(cloud([...repeat([NaN, 0, 0], 20), ...repeat([5, 5, 5], 8), ...repeat([0.99, 0.99, 0.99], 8)]));
    expect(alpha[0]).toBe(1);
    expect(alpha[20]).toBeCloseTo(Math.sqrt(4 / 16), 6);
    expect(alpha[35]).toBeCloseTo(Math.sqrt(4 / 16), 6);
  });
});
