// The fixed colour scales: their ends, their neutral points, clamping instead of rescaling, the
// text colour on them, and the one CE/mCE formatter.
import { describe, expect, it } from 'vitest';
import { contrastRatio, textOn } from './color-ramps';
import { formatCe } from './format';
import { accuracyScale, ceScale, correlationScale, deltaScale, scalePosition, scaleStops, valueScales } from './value-scales';

const red: [number, number, number] = [0.698, 0.094, 0.169];
const blue: [number, number, number] = [0.129, 0.4, 0.675];
const neutral: [number, number, number] = [0.969, 0.969, 0.969];

describe('value scales', () => {
  it('span fixed domains whose ends are the ramps’ end colours', () => {
    expect(accuracyScale.color(0)).toEqual([0.267, 0.005, 0.329]);
    expect(accuracyScale.color(1)).toEqual([0.993, 0.906, 0.144]);
    expect(deltaScale.color(-0.2)).toEqual(red);
    expect(deltaScale.color(0)).toEqual(neutral);
    expect(deltaScale.color(0.2)).toEqual(blue);
    expect(ceScale.color(1)).toEqual(neutral); // as many errors as dense
    expect(ceScale.color(2)).toEqual(red);
    expect(ceScale.color(0)).toEqual(blue);
    expect(correlationScale.color(1)).toEqual(red); // redundant
    expect(correlationScale.color(-1)).toEqual(blue);
  });

  it('clamp values beyond the domain instead of rescaling, and give missing values no colour', () => {
    expect(deltaScale.color(-0.7)).toEqual(deltaScale.color(-0.2));
    expect(ceScale.color(4.5)).toEqual(ceScale.color(2));
    expect(accuracyScale.color(1.2)).toEqual(accuracyScale.color(1));
    for (const scale of Object.values(valueScales)) {
      expect(scale.color(NaN)).toBeNull();
      expect(scale.color(Infinity)).toBeNull();
    }
  });

  it('interpolate linearly between stops (accuracy 5 % lies halfway between the first two viridis stops)', () => {
    const c = accuracyScale.color(0.05)!;
    [0.275, 0.073, 0.3935].forEach((v, k) => expect(c[k]).toBeCloseTo(v, 6));
  });

  it('place legend ticks and stops across the domain', () => {
    expect(scalePosition(deltaScale, 0)).toBe(0.5);
    expect(scalePosition(ceScale, 3)).toBe(1);
    expect(deltaScale.ticks.map((t) => t.label)).toEqual(['−20', '−10', '0', '+10', '+20']);
    const stops = scaleStops(ceScale, 5);
    expect(stops.map((s) => s.offset)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(stops[2].color).toEqual(neutral);
    for (const scale of Object.values(valueScales)) expect(scale.title.length).toBeGreaterThan(5);
  });

  it('pick the text colour with the higher WCAG contrast', () => {
    expect(textOn([1, 1, 1])).toBe('#000');
    expect(textOn([0.267, 0.005, 0.329])).toBe('#fff');
    // Every colour of every scale keeps its text at WCAG AA (4.5:1) or better.
    for (const scale of Object.values(valueScales)) for (const { color } of scaleStops(scale, 41)) {
      const text: [number, number, number] = textOn(color) === '#fff' ? [1, 1, 1] : [0, 0, 0];
      expect(contrastRatio(color, text)).toBeGreaterThan(4.5);
    }
  });

  it('formats CE and mCE in % of the dense error, one way everywhere', () => {
    expect(formatCe(1.0531)).toBe('105.3');
    expect(formatCe(0.98, 0)).toBe('98');
    expect(formatCe(NaN)).toBe('—');
    expect(formatCe(null)).toBe('—');
  });
});
