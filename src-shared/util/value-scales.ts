// The fixed colour scales of coloured values — accuracy, Δ accuracy vs dense, corruption error,
// correlation — with their units and legend ticks. The app's tables, heat maps and legends and the
// report's tables and heat maps all colour through these, so one colour means one value
// everywhere, and a scale never rescales to the data (a pale cell is low in every table).
import type { Rgb } from './color-ramps';
import { diverging, viridis } from './color-ramps';

export type ValueScaleId = 'accuracy' | 'delta' | 'ce' | 'correlation';

export interface ValueScale {
  /** A fixed scale's id; 'occlusion' for the sample view's per-sample occlusion maps. */
  id: ValueScaleId | 'occlusion';
  /** What the colour shows, with its unit: the legend's caption. */
  title: string;
  /** The values the colours span (in the value's own unit: accuracy and Δ as fractions, CE as a ratio). */
  domain: [number, number];
  /** Labelled ticks of the legend, in the value's own unit. */
  ticks: { value: number; label: string }[];
  /** How values beyond the domain are drawn, and which end is better. */
  note: string;
  /** The colour of a value (beyond the domain: the end colour); null for a missing value. */
  color(value: number): Rgb | null;
}

/** Largest |Δ| the Δ scale tells apart: ±20 percentage points. */
export const DELTA_LIMIT = 0.2;
/** The CE scale spans 0 to twice the dense model's error. */
export const CE_LIMIT = 2;

const missing = (v: number) => !Number.isFinite(v);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export const accuracyScale: ValueScale = {
  id: 'accuracy',
  title: 'accuracy (%)',
  domain: [0, 1],
  ticks: [0, 0.25, 0.5, 0.75, 1].map((value) => ({ value, label: String(value * 100) })),
  note: 'fixed scale 0–100 %; brighter is more accurate',
  color: (v) => (missing(v) ? null : viridis(clamp(v, 0, 1))),
};

export const deltaScale: ValueScale = {
  id: 'delta',
  title: 'Δ accuracy vs dense (percentage points)',
  domain: [-DELTA_LIMIT, DELTA_LIMIT],
  ticks: [-0.2, -0.1, 0, 0.1, 0.2].map((value) => ({ value, label: value === 0 ? '0' : `${value > 0 ? '+' : '−'}${Math.abs(value * 100)}` })),
  note: 'red: below dense, blue: above; beyond ±20 points drawn as ±20',
  color: (v) => (missing(v) ? null : diverging(clamp(v / DELTA_LIMIT, -1, 1))),
};

export const ceScale: ValueScale = {
  id: 'ce',
  title: 'corruption error (% of the dense model’s error)',
  domain: [0, CE_LIMIT],
  ticks: [0, 0.5, 1, 1.5, 2].map((value) => ({ value, label: value === 1 ? '100 = dense' : value === 2 ? '≥ 200' : String(value * 100) })),
  note: 'blue: fewer errors than dense, red: more; above 200 drawn as 200',
  color: (v) => (missing(v) ? null : diverging(clamp(1 - v, -1, 1))),
};

export const correlationScale: ValueScale = {
  id: 'correlation',
  title: 'correlation (Pearson r)',
  domain: [-1, 1],
  ticks: [-1, -0.5, 0, 0.5, 1].map((value) => ({ value, label: value === 0 ? '0' : `${value > 0 ? '+' : '−'}${Math.abs(value)}` })),
  note: 'red: correlated (the two measure the same thing), blue: anti-correlated',
  color: (v) => (missing(v) ? null : diverging(clamp(-v, -1, 1))),
};

export const valueScales: Record<ValueScaleId, ValueScale> = { accuracy: accuracyScale, delta: deltaScale, ce: ceScale, correlation: correlationScale };

/** Where `value` sits along the legend, 0 (left/bottom) to 1 (right/top), clamped. */
export function scalePosition(scale: ValueScale, value: number): number {
  const [lo, hi] = scale.domain;
  return clamp((value - lo) / (hi - lo), 0, 1);
}

/** `n` evenly spaced colours across the domain (n ≥ 2), for a legend's gradient. */
export function scaleStops(scale: ValueScale, n = 11): { offset: number; color: Rgb }[] {
  const [lo, hi] = scale.domain;
  return Array.from({ length: n }, (_, i) => ({ offset: i / (n - 1), color: scale.color(lo + ((hi - lo) * i) / (n - 1))! }));
}
