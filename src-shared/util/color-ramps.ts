// The colour ramps every coloured value in PruneLens is drawn with (app and report alike), as RGB
// in 0..1, and the text colour that reads on each. One definition, so a colour means one thing.
export type Rgb = [number, number, number];

const viridisStops: Rgb[] = [
  [0.267, 0.005, 0.329], [0.283, 0.141, 0.458], [0.254, 0.265, 0.53], [0.207, 0.372, 0.553], [0.164, 0.471, 0.558],
  [0.128, 0.567, 0.551], [0.135, 0.659, 0.518], [0.267, 0.749, 0.441], [0.478, 0.821, 0.318], [0.741, 0.873, 0.15], [0.993, 0.906, 0.144],
];
// ColorBrewer RdBu: −1 red, 0 near-white, +1 blue.
const divergingStops: Rgb[] = [
  [0.698, 0.094, 0.169], [0.839, 0.376, 0.302], [0.957, 0.647, 0.51], [0.992, 0.859, 0.78], [0.969, 0.969, 0.969],
  [0.82, 0.898, 0.941], [0.573, 0.773, 0.871], [0.263, 0.576, 0.765], [0.129, 0.4, 0.675],
];

/** The colour of a missing (NaN) value on a ramp. */
export const MISSING_RGB: Rgb = [0.5, 0.5, 0.5];

function ramp(stops: Rgb[], t: number): Rgb {
  if (Number.isNaN(t)) return MISSING_RGB;
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** t in [0, 1] (clamped): dark purple → yellow. */
export const viridis = (t: number): Rgb => ramp(viridisStops, t);
/** t in [−1, 1] (clamped): −1 red, 0 neutral, +1 blue. */
export const diverging = (t: number): Rgb => ramp(divergingStops, (t + 1) / 2);

/** CSS colour, `rgb(r g b)` with 0..255 channels. */
export function css([r, g, b]: Rgb): string {
  return `rgb(${Math.round(r * 255)} ${Math.round(g * 255)} ${Math.round(b * 255)})`;
}

/** Relative luminance (sRGB, WCAG 2). */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two colours (1..21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white text, whichever contrasts more with `background` (never below 4.58:1, WCAG AA). */
export function textOn(background: Rgb): string {
  return contrastRatio(background, [0, 0, 0]) >= contrastRatio(background, [1, 1, 1]) ? '#000' : '#fff';
}
