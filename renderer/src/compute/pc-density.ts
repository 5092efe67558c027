// Parallel-coordinates density: every sample's polyline is rasterised (unbroken) into per-pixel counts
// (alpha accumulation done by hand, so it runs in a worker and is testable), one layer for
// samples that pass the filters and one for the rest, then mapped to RGBA on a log scale.

export interface PcLayout {
  width: number;
  height: number;
  /** x of each axis and the vertical extent of the axes, in pixels. */
  axisX: number[];
  top: number;
  bottom: number;
}

export interface DensityInput {
  layout: PcLayout;
  /** One value array per axis (all of length `count`). */
  axes: Float32Array[];
  /** Per axis: the values mapped to the bottom and the top. */
  ranges: [number, number][];
  count: number;
  /** 1: the sample passes the filters (drawn in the highlight layer). Null: all pass. */
  mask: Uint8Array | null;
}

export interface DensityLayers {
  width: number;
  height: number;
  inside: Float32Array;
  outside: Float32Array;
}

/** y pixel of a value on an axis; NaN stays NaN. Values outside the range are clamped to the ends. */
export function axisY(value: number, range: [number, number], top: number, bottom: number): number {
  const t = (value - range[0]) / (range[1] - range[0]);
  const clamped = t < 0 ? 0 : t > 1 ? 1 : t;
  return bottom - clamped * (bottom - top);
}

export function rasterizeDensity(input: DensityInput): DensityLayers {
  const { layout, axes, ranges, count, mask } = input;
  const { width, height, axisX, top, bottom } = layout;
  const inside = new Float32Array(width * height);
  const outside = new Float32Array(width * height);
  const ys = new Float32Array(axes.length);
  for (let i = 0; i < count; i++) {
    const target = !mask || mask[i] ? inside : outside;
    for (let a = 0; a < axes.length; a++) ys[a] = axisY(axes[a][i], ranges[a], top, bottom);
    for (let a = 0; a + 1 < axes.length; a++) {
      const y0 = ys[a];
      const y1 = ys[a + 1];
      if (Number.isNaN(y0) || Number.isNaN(y1)) continue;
      const x0 = Math.round(axisX[a]);
      const x1 = Math.round(axisX[a + 1]);
      const span = Math.max(1, x1 - x0);
      let prev = Math.round(y0);
      for (let x = x0; x < x1; x++) {
        const y = Math.round(y0 + ((y1 - y0) * (x - x0 + 1)) / span);
        // Fill the vertical run from the previous column's y, so steep segments stay unbroken.
        const lo = Math.max(0, Math.min(prev, y));
        const hi = Math.min(height - 1, Math.max(prev, y));
        if (x >= 0 && x < width) for (let yy = lo; yy <= hi; yy++) target[yy * width + x] += 1;
        prev = y;
      }
    }
  }
  return { width, height, inside, outside };
}

function maxOf(values: Float32Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max;
}

/** Log-scaled alpha: the densest pixel is opaque, a single line is faint but visible. */
export function densityToRgba(layers: DensityLayers, insideRgb: [number, number, number], outsideRgb: [number, number, number]): Uint8ClampedArray<ArrayBuffer> {
  const { width, height, inside, outside } = layers;
  const rgba = new Uint8ClampedArray(width * height * 4);
  const inNorm = 1 / Math.log1p(Math.max(1, maxOf(inside)));
  const outNorm = 1 / Math.log1p(Math.max(1, maxOf(outside)));
  for (let p = 0; p < width * height; p++) {
    const aIn = inside[p] > 0 ? 0.15 + 0.85 * Math.log1p(inside[p]) * inNorm : 0;
    const aOut = outside[p] > 0 ? 0.08 + 0.42 * Math.log1p(outside[p]) * outNorm : 0;
    // "inside" over "outside" (premultiplied-style compositing of two layers).
    const alpha = aIn + aOut * (1 - aIn);
    if (alpha === 0) continue;
    const o = p * 4;
    for (let c = 0; c < 3; c++) rgba[o + c] = (insideRgb[c] * aIn + outsideRgb[c] * aOut * (1 - aIn)) / alpha;
    rgba[o + 3] = alpha * 255;
  }
  return rgba;
}
