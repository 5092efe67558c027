import { describe, expect, it } from 'vitest';
import { fitLayout, methodSlots, neighbours } from './similarity-model';

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

  it('gives the pruned methods colour slots from 0 in first-seen order, the dense model none', () => {
    // The QA bundle: the view coloured Dense blue and Global magnitude orange while the sweep view
    // and the report drew Global magnitude blue.
    const models = [
      { role: 'dense', method: 'Dense' }, { role: 'pruned', method: 'Global magnitude' }, { role: 'pruned', method: 'Global magnitude' }, { role: 'pruned', method: 'L1 channels' },
    ] as const;
    expect(methodSlots(models)).toEqual([{ method: 'Dense', slot: null }, { method: 'Global magnitude', slot: 0 }, { method: 'L1 channels', slot: 1 }]);
    // A pruned model that shares the dense model's method shares its slot.
    expect(methodSlots([{ role: 'pruned', method: 'a' }, { role: 'dense', method: 'a' }])).toEqual([{ method: 'a', slot: 0 }]);
  });
});
