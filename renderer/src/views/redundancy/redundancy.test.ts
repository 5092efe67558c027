import { describe, expect, it } from 'vitest';
import { dendrogramLinks, reorder } from './dendrogram';

describe('dendrogram', () => {
  it('places merges midway between children, at their heights', () => {
    // Leaves 0..3 drawn in order [2, 0, 1, 3]; merge 4 = (2, 0), merge 5 = (4, 1), merge 6 = (5, 3).
    const { links, maxHeight } = dendrogramLinks([2, 0, 1, 3], [
      { a: 2, b: 0, height: 0.1 },
      { a: 4, b: 1, height: 0.3 },
      { a: 5, b: 3, height: 0.7 },
    ]);
    expect(links[0]).toEqual({ x1: 0, h1: 0, x2: 1, h2: 0, h: 0.1 });
    expect(links[1]).toEqual({ x1: 0.5, h1: 0.1, x2: 2, h2: 0, h: 0.3 });
    expect(links[2]).toEqual({ x1: 1.25, h1: 0.3, x2: 3, h2: 0, h: 0.7 });
    expect(maxHeight).toBe(0.7);
    expect(() => dendrogramLinks([0, 1], [{ a: 0, b: 7, height: 1 }])).toThrow(/unknown cluster/);
  });

  it('reorders a matrix symmetrically', () => {
    const m = new Float32Array([1, 0.2, 0.3, 0.2, 1, 0.4, 0.3, 0.4, 1]);
    expect([...reorder(m, [2, 0, 1])].map((v) => +v.toFixed(2))).toEqual([1, 0.3, 0.4, 0.3, 1, 0.2, 0.4, 0.2, 1]);
  });
});
