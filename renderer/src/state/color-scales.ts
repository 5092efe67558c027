// Colour scales shared by the table, the plots and the 3-D views (RGB in 0..1). The ramps and
// the text colour on them come from src-shared (the report uses the same); class colours are the app's own.
import type { Rgb } from '../../../src-shared/util/color-ramps';

export type { Rgb } from '../../../src-shared/util/color-ramps';
export { contrastRatio, css, diverging, luminance, textOn, viridis } from '../../../src-shared/util/color-ramps';

const tableau10: Rgb[] = [
  [0.306, 0.475, 0.655], [0.949, 0.557, 0.169], [0.882, 0.341, 0.349], [0.463, 0.718, 0.698], [0.349, 0.631, 0.31],
  [0.929, 0.788, 0.282], [0.69, 0.478, 0.631], [1, 0.616, 0.655], [0.612, 0.459, 0.373], [0.729, 0.69, 0.675],
];

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
