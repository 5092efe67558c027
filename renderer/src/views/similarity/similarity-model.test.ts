import { describe, expect, it } from 'vitest';
import { fitLayout, neighbours } from './similarity-model';

describe('similarity layout', () => {
  it('fits the layout with one scale for both axes, y up', () => {
    // Points (0,0), (2,0), (0,1): x spans 2, y spans 1.
    const placed = fitLayout(new Float32Array([0, 0, 2, 0, 0, 1]), 3, 220, 220, 10);
    const scale = 100; // min((220 − 20) / 2, (220 − 20) / 1)
    expect(placed[1].x - placed[0].x).toBeCloseTo(2 * scale, 6);
    expect(placed[0].y - placed[2].y).toBeCloseTo(1 * scale, 6);
    expect(placed[0].x).toBeCloseTo(10, 6);
    expect((placed[0].y + placed[2].y) / 2).toBeCloseTo(110, 6); // centred vertically
  });

  it('lists neighbours by distance, without the model itself', () => {
    const d = new Float32Array([0, 3, 1, 3, 0, 2, 1, 2, 0]);
    expect(neighbours(d, 3, 0)).toEqual([{ j: 2, value: 1 }, { j: 1, value: 3 }]);
    expect(neighbours(d, 3, 1, false).map((n) => n.j)).toEqual([0, 2]);
  });
});
