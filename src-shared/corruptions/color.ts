// HSV round trip with skimage.color.rgb2hsv / hsv2rgb semantics (including which channel wins
// the hue when two are tied for the maximum, and hue 0 for grey pixels), applied in place.

/**
 * Converts each RGB pixel of `data` (values in [0, 1]) to HSV, lets `edit` change it, converts
 * back. `hsv` is a scratch triple [h, s, v].
 */
export function editHsv(data: Float64Array, edit: (hsv: Float64Array) => void): void {
  const hsv = new Float64Array(3);
  for (let i = 0; i < data.length; i += 3) {
    const r = data[i];
    const g = data[i + 1];
    const b = data[i + 2];
    const v = Math.max(r, g, b);
    const delta = v - Math.min(r, g, b);
    let h = 0;
    let s = 0;
    if (delta !== 0) {
      s = delta / v;
      // skimage assigns red, then green, then blue: the last channel equal to the max wins.
      let hue6: number;
      if (b === v) hue6 = 4 + (r - g) / delta;
      else if (g === v) hue6 = 2 + (b - r) / delta;
      else hue6 = (g - b) / delta;
      h = hue6 / 6;
      h = h - Math.floor(h); // Python's % 1.0 (non-negative)
    }
    hsv[0] = h;
    hsv[1] = s;
    hsv[2] = v;
    edit(hsv);
    hsvToRgb(hsv[0], hsv[1], hsv[2], data, i);
  }
}

function hsvToRgb(h: number, s: number, v: number, out: Float64Array, at: number): void {
  const hi = Math.floor(h * 6);
  const f = h * 6 - hi;
  const p = v * (1 - s);
  const q = v * (1 - f * s);
  const t = v * (1 - (1 - f) * s);
  switch (((hi % 6) + 6) % 6) {
    case 0: out[at] = v; out[at + 1] = t; out[at + 2] = p; break;
    case 1: out[at] = q; out[at + 1] = v; out[at + 2] = p; break;
    case 2: out[at] = p; out[at + 1] = v; out[at + 2] = t; break;
    case 3: out[at] = p; out[at + 1] = q; out[at + 2] = v; break;
    case 4: out[at] = t; out[at + 1] = p; out[at + 2] = v; break;
    default: out[at] = v; out[at + 1] = p; out[at + 2] = q; break;
  }
}
