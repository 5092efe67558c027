// A 3×5 pixel font (upper-case shapes, digits, '_', '-', '.') for labels drawn into RGB buffers.

// Each glyph: five rows of three bits, top row first, left pixel = 4.
const glyphs: Record<string, number[]> = {
  a: [2, 5, 7, 5, 5], b: [6, 5, 6, 5, 6], c: [3, 4, 4, 4, 3], d: [6, 5, 5, 5, 6], e: [7, 4, 6, 4, 7],
  f: [7, 4, 6, 4, 4], g: [3, 4, 5, 5, 3], h: [5, 5, 7, 5, 5], i: [7, 2, 2, 2, 7], j: [1, 1, 1, 5, 2],
  k: [5, 5, 6, 5, 5], l: [4, 4, 4, 4, 7], m: [5, 7, 5, 5, 5], n: [6, 5, 5, 5, 5], o: [2, 5, 5, 5, 2],
  p: [6, 5, 6, 4, 4], q: [2, 5, 5, 6, 3], r: [6, 5, 6, 5, 5], s: [3, 4, 2, 1, 6], t: [7, 2, 2, 2, 2],
  u: [5, 5, 5, 5, 7], v: [5, 5, 5, 5, 2], w: [5, 5, 5, 7, 5], x: [5, 5, 2, 5, 5], y: [5, 5, 2, 2, 2],
  z: [7, 1, 2, 4, 7], '0': [7, 5, 5, 5, 7], '1': [2, 6, 2, 2, 7], '2': [6, 1, 2, 4, 7], '3': [6, 1, 2, 1, 6],
  '4': [5, 5, 7, 1, 1], '5': [7, 4, 6, 1, 6], '6': [3, 4, 6, 5, 2], '7': [7, 1, 2, 2, 2], '8': [2, 5, 2, 5, 2],
  '9': [2, 5, 3, 1, 6], _: [0, 0, 0, 0, 7], '-': [0, 0, 7, 0, 0], '.': [0, 0, 0, 0, 2], ' ': [0, 0, 0, 0, 0],
};

/** Width in pixels of `text` at `scale` (3 px per glyph plus 1 px spacing, times scale). */
export function textWidth(text: string, scale: number): number {
  return text.length * 4 * scale - scale;
}

/** Draws `text` into an RGBA buffer of width `stride` pixels, top-left corner at (x, y). */
export function drawText(rgba: Uint8Array, stride: number, x: number, y: number, text: string, scale: number, rgb: [number, number, number]): void {
  const height = rgba.length / 4 / stride;
  for (const [k, ch] of [...text.toLowerCase()].entries()) {
    const rows = glyphs[ch] ?? glyphs[' '];
    for (let gy = 0; gy < 5; gy++) {
      for (let gx = 0; gx < 3; gx++) {
        if (!(rows[gy] & (4 >> gx))) continue;
        for (let sy = 0; sy < scale; sy++) {
          for (let sx = 0; sx < scale; sx++) {
            const px = x + (k * 4 + gx) * scale + sx;
            const py = y + gy * scale + sy;
            if (px < 0 || py < 0 || px >= stride || py >= height) continue;
            const o = (py * stride + px) * 4;
            rgba[o] = rgb[0];
            rgba[o + 1] = rgb[1];
            rgba[o + 2] = rgb[2];
            rgba[o + 3] = 255;
          }
        }
      }
    }
  }
}
