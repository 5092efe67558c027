// Colour scales shared by the table, the plots and the 3-D views (RGB in 0..1).
export type Rgb = [number, number, number];

const viridisStops: Rgb[] = [
  [0.267, 0.005, 0.329], [0.283, 0.141, 0.458], [0.254, 0.265, 0.53], [0.207, 0.372, 0.553], [0.164, 0.471, 0.558],
  [0.128, 0.567, 0.551], [0.135, 0.659, 0.518], [0.267, 0.749, 0.441], [0.478, 0.821, 0.318], [0.741, 0.873, 0.15], [0.993, 0.906, 0.144],
];
// ColorBrewer RdBu (reversed: negative red, positive blue).
const divergingStops: Rgb[] = [
  [0.698, 0.094, 0.169], [0.839, 0.376, 0.302], [0.957, 0.647, 0.51], [0.992, 0.859, 0.78], [0.969, 0.969, 0.969],
  [0.82, 0.898, 0.941], [0.573, 0.773, 0.871], [0.263, 0.576, 0.765], [0.129, 0.4, 0.675],
];
const tableau10: Rgb[] = [
  [0.306, 0.475, 0.655], [0.949, 0.557, 0.169], [0.882, 0.341, 0.349], [0.463, 0.718, 0.698], [0.349, 0.631, 0.31],
  [0.929, 0.788, 0.282], [0.69, 0.478, 0.631], [1, 0.616, 0.655], [0.612, 0.459, 0.373], [0.729, 0.69, 0.675],
];

function ramp(stops: Rgb[], t: number): Rgb {
  if (Number.isNaN(t)) return [0.5, 0.5, 0.5];
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** t in [0, 1]. */
export const viridis = (t: number): Rgb => ramp(viridisStops, t);
/** t in [-1, 1]: −1 red, 0 neutral, +1 blue. */
export const diverging = (t: number): Rgb => ramp(divergingStops, (t + 1) / 2);

export function classColor(c: number): Rgb {
  if (c >= 0 && c < tableau10.length) return tableau10[c];
  // More classes: golden-angle hues.
  const h = (c * 137.508) % 360;
  return hsl(h, 0.55, 0.55);
}

function hsl(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0), f(8), f(4)];
}

export function css([r, g, b]: Rgb): string {
  return `rgb(${Math.round(r * 255)} ${Math.round(g * 255)} ${Math.round(b * 255)})`;
}

/** Relative luminance (sRGB), to pick black or white text on a coloured cell. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function textOn(background: Rgb): string {
  return luminance(background) > 0.22 ? '#111' : '#fff';
}
