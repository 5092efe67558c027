import { describe, expect, it } from 'vitest';
import { nearestByCosine } from './neighbours';

describe('nearestByCosine', () => {
  // Pool of 2-D vectors at known angles from the query (1, 0).
  const deg = (a: number) => [Math.cos((a * Math.PI) / 180), Math.sin((a * Math.PI) / 180)];
  const pool = new Float32Array([...deg(50), ...deg(10).map((v) => v * 7), ...deg(-30), 0, 0, ...deg(179), ...deg(10)]);

  it('ranks by angle, not by length, and breaks ties by index', () => {
    const got = nearestByCosine(pool, 6, 2, new Float32Array([2, 0]), 3);
    expect(got.map((g) => g.index)).toEqual([1, 5, 2]); // 10° (long), 10° (unit), 30°
    expect(got[0].similarity).toBeCloseTo(Math.cos((10 * Math.PI) / 180), 6);
    expect(got[2].similarity).toBeCloseTo(Math.cos((30 * Math.PI) / 180), 6);
  });

  it('skips the excluded row and zero vectors; returns fewer when the pool is small', () => {
    const got = nearestByCosine(pool, 6, 2, new Float32Array([1, 0]), 10, 1);
    expect(got.map((g) => g.index)).toEqual([5, 2, 0, 4]);
    expect(got[3].similarity).toBeCloseTo(-Math.cos((1 * Math.PI) / 180), 6);
  });

  it('agrees with a full sort on random data', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const n = 500;
    const dim = 16;
    const data = Float32Array.from({ length: n * dim }, rand);
    const query = Float32Array.from({ length: dim }, rand);
    const cos = (i: number) => {
      let d = 0, a = 0, b = 0;
      for (let j = 0; j < dim; j++) {
        d += data[i * dim + j] * query[j];
        a += data[i * dim + j] ** 2;
        b += query[j] ** 2;
      }
      return d / Math.sqrt(a * b);
    };
    const expected = Array.from({ length: n }, (_, i) => i).sort((x, y) => cos(y) - cos(x) || x - y).slice(0, 8);
    expect(nearestByCosine(data, n, dim, query, 8).map((g) => g.index)).toEqual(expected);
  });

  it('has no neighbours for a zero query', () => {
    expect(nearestByCosine(pool, 6, 2, new Float32Array(2), 3)).toEqual([]);
  });
});
