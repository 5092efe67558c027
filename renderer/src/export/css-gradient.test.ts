import { describe, expect, it } from 'vitest';
import { horizontalGradientStops } from './css-gradient';

describe('CSS gradients for the PNG export', () => {
  it('reads the computed form with explicit stops (the colour-legend ramps)', () => {
    expect(horizontalGradientStops('linear-gradient(90deg, rgb(68, 1, 84) 0%, rgb(33, 145, 140) 50%, rgb(253, 231, 37) 100%)')).toEqual([
      { color: 'rgb(68, 1, 84)', offset: 0 },
      { color: 'rgb(33, 145, 140)', offset: 0.5 },
      { color: 'rgb(253, 231, 37)', offset: 1 },
    ]);
  });
  it('spreads stops without positions evenly', () => {
    const stops = horizontalGradientStops('linear-gradient(to right, rgb(0, 0, 0), rgb(1, 1, 1), rgb(2, 2, 2), rgb(3, 3, 3) 90%, rgb(4, 4, 4))')!;
    expect(stops.map((s) => s.offset)).toEqual([0, 0.3, 0.6, 0.9, 1]);
    expect(stops[1].color).toBe('rgb(1, 1, 1)');
  });
  it('declines what it cannot draw', () => {
    expect(horizontalGradientStops('none')).toBeNull();
    expect(horizontalGradientStops('linear-gradient(180deg, red, blue)')).toBeNull();
    expect(horizontalGradientStops('radial-gradient(red, blue)')).toBeNull();
  });
});
