// NaN-aware summaries: NaNs are excluded and counted, never propagated.
import { selectRanks } from './select';

/** The quantiles every summary reports (fractions). */
export const summaryQuantiles = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

export interface MetricSummary {
  /** Values used (NaNs excluded). */
  count: number;
  nanCount: number;
  mean: number;
  /** Population standard deviation (ddof = 0, NumPy's default). */
  std: number;
  min: number;
  max: number;
  q05: number;
  q25: number;
  q50: number;
  q75: number;
  q95: number;
}

/**
 * Quantile of ascending sorted data with linear interpolation between order statistics
 * (NumPy's default `method="linear"`): position q·(n − 1).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const frac = pos - lo;
  return frac === 0 ? sorted[lo] : sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

/** Order statistics a summary needs: ⌊q(n−1)⌋ and the next one per quantile, ascending, unique. */
function quantileRanks(n: number, out: number[]): number[] {
  out.length = 0;
  for (const q of summaryQuantiles) {
    const lo = Math.floor(q * (n - 1));
    const hi = Math.min(lo + 1, n - 1);
    if (out.length === 0 || lo > out[out.length - 1]) out.push(lo);
    if (hi > out[out.length - 1]) out.push(hi);
  }
  return out;
}

const scratchRanks: number[] = [];

/**
 * Summary of `values[start, end)` (no NaNs; that range is reordered in place). Quantiles come from
 * order statistics found by selection, with NumPy's linear interpolation; `nanCount` is reported.
 */
export function summarizeValues(values: Float64Array, nanCount: number, start = 0, end = values.length): MetricSummary {
  const n = end - start;
  if (n <= 0) return { count: 0, nanCount, mean: NaN, std: NaN, min: NaN, max: NaN, q05: NaN, q25: NaN, q50: NaN, q75: NaN, q95: NaN };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    const v = values[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  // Two-pass variance: accurate when the mean is large relative to the spread.
  let ss = 0;
  for (let i = start; i < end; i++) ss += (values[i] - mean) * (values[i] - mean);
  selectRanks(values, quantileRanks(n, scratchRanks), start, end);
  const at = (q: number) => {
    const pos = q * (n - 1);
    const lo = Math.floor(pos);
    const frac = pos - lo;
    const low = values[start + lo];
    return frac === 0 ? low : low + (values[start + Math.min(lo + 1, n - 1)] - low) * frac;
  };
  return { count: n, nanCount, mean, std: Math.sqrt(ss / n), min, max, q05: at(0.05), q25: at(0.25), q50: at(0.5), q75: at(0.75), q95: at(0.95) };
}

/**
 * Summary of ascending sorted, NaN-free `sorted[start, end)` whose mean and population standard
 * deviation the caller accumulated in sample order (the same figures `summarizeValues` gives).
 */
export function summarizeSorted(sorted: Float64Array, start: number, end: number, nanCount: number, mean: number, std: number): MetricSummary {
  const n = end - start;
  if (n <= 0) return { count: 0, nanCount, mean: NaN, std: NaN, min: NaN, max: NaN, q05: NaN, q25: NaN, q50: NaN, q75: NaN, q95: NaN };
  return {
    count: n,
    nanCount,
    mean,
    std,
    min: sorted[start],
    max: sorted[end - 1],
    q05: sortedQuantileAt(sorted, start, n, 0.05),
    q25: sortedQuantileAt(sorted, start, n, 0.25),
    q50: sortedQuantileAt(sorted, start, n, 0.5),
    q75: sortedQuantileAt(sorted, start, n, 0.75),
    q95: sortedQuantileAt(sorted, start, n, 0.95),
  };
}

/** quantileSorted on the segment of n values at `start`. */
function sortedQuantileAt(sorted: Float64Array, start: number, n: number, q: number): number {
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const frac = pos - lo;
  const low = sorted[start + lo];
  return frac === 0 ? low : low + (sorted[start + Math.min(lo + 1, n - 1)] - low) * frac;
}

/** Summary of the values (or the subset selected by `include`); NaNs excluded and counted. */
export function summarize(values: ArrayLike<number>, include?: (i: number) => boolean): MetricSummary {
  const buffer = new Float64Array(values.length);
  let count = 0;
  let nanCount = 0;
  for (let i = 0; i < values.length; i++) {
    if (include && !include(i)) continue;
    const v = values[i];
    if (Number.isNaN(v)) nanCount++;
    else buffer[count++] = v;
  }
  return summarizeValues(buffer, nanCount, 0, count);
}

/** NaN-skipping mean; NaN when nothing is left. */
export function nanMean(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) {
      sum += values[i];
      count++;
    }
  }
  return count > 0 ? sum / count : NaN;
}

/** Pearson correlation; NaN when either vector is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  let aVaries = false;
  let bVaries = false;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
    if (a[i] !== a[0]) aVaries = true;
    if (b[i] !== b[0]) bVaries = true;
  }
  // Exactly constant input has no correlation (rounding in the mean would fake a tiny variance).
  if (!aVaries || !bVaries) return NaN;
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}
