// Colour scales for the report (the renderer has its own; the engine may not import it).
// Light sequential and diverging ramps that print well, plus a qualitative palette for methods.
export type Rgb = [number, number, number];

// ColorBrewer YlGnBu (light → dark): low accuracy pale, high accuracy deep blue.
const sequentialStops: Rgb[] = [
  [255, 255, 217], [237, 248, 177], [199, 233, 180], [127, 205, 187], [65, 182, 196], [29, 145, 192], [34, 94, 168], [12, 44, 132],
];
// ColorBrewer RdBu: −1 red, 0 near-white, +1 blue.
const divergingStops: Rgb[] = [
  [178, 24, 43], [214, 96, 77], [244, 165, 130], [253, 219, 199], [247, 247, 247], [209, 229, 240], [146, 197, 222], [67, 147, 195], [33, 102, 172],
];
// Tableau 10: one colour per pruning method family.
export const categorical: string[] = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Sample categories, as in the app (Okabe–Ito): pruning-fragile vermilion, pruning-improved green. */
export const fragileColor = '#d6261c';
export const improvedColor = '#009e73';

function ramp(stops: Rgb[], t: number): Rgb {
  if (!Number.isFinite(t)) return [230, 230, 230];
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((k) => Math.round(stops[i][k] + (stops[i + 1][k] - stops[i][k]) * f)) as Rgb;
}

export const sequential = (t: number): Rgb => ramp(sequentialStops, t);
/** t in [−1, 1]. */
export const diverging = (t: number): Rgb => ramp(divergingStops, (t + 1) / 2);

export const rgb = ([r, g, b]: Rgb): string => `rgb(${r},${g},${b})`;

/** Black or white text, whichever reads better on `background` (WCAG relative luminance). */
export function textOn([r, g, b]: Rgb): string {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b) > 0.25 ? '#111' : '#fff';
}

/** Background and text colour of a table cell whose value sits at t in [0, 1] of the scale. */
export function cellStyle(t: number): string {
  const c = sequential(t);
  return `background:${rgb(c)};color:${textOn(c)}`;
}
