// N:M (semi-structured) sparsity: at most N non-zeros in every group of M consecutive weights
// along the input channels (2:4 is what sparse tensor cores run). A pattern is reported only
// when it is what the weights were pruned to — ≥ 95 % of groups hold exactly N non-zeros — so a
// heavily but unstructured-sparse tensor is not mistaken for, say, 7:16, nor whole zeroed channels
// (channel pruning) for 8:16.

export interface NMPattern {
  n: number;
  m: number;
  /** The axis the groups run along: the layer's input channels, or its output channels. */
  along: 'input' | 'output';
}

const GROUP_SIZES = [2, 4, 8, 16];
const EXACT_SHARE = 0.95;

/** Largest non-zero count of any M-group along `axis`, and how many groups hold exactly that many. */
function groupCounts(data: ArrayLike<number>, dims: number[], axis: number, m: number): { max: number; atMax: number; groups: number } {
  const len = dims[axis];
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = dims.slice(0, axis).reduce((a, b) => a * b, 1);
  const histogram = new Array<number>(m + 1).fill(0);
  for (let o = 0; o < outer; o++) {
    for (let g = 0; g < len; g += m) {
      for (let i = 0; i < inner; i++) {
        let nz = 0;
        for (let k = 0; k < m; k++) if (data[(o * len + g + k) * inner + i] !== 0) nz++;
        histogram[nz]++;
      }
    }
  }
  let max = m;
  while (max > 0 && histogram[max] === 0) max--;
  return { max, atMax: histogram[max], groups: histogram.reduce((a, b) => a + b, 0) };
}

/**
 * Whether every zero lies in a channel along `axis` that is zero throughout: channel (structured)
 * pruning, e.g. torch's ln_structured, which zeroes whole filters. Such a tensor can satisfy an N:M
 * test by chance — half the channels dead, evenly spread, reads as 8:16 — but it is not N:M: its
 * zeros do not move from slice to slice. Needs two slices or more to tell.
 */
function zerosAreWholeChannels(data: ArrayLike<number>, dims: number[], axis: number): boolean {
  const len = dims[axis];
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const slices = data.length / len;
  if (slices < 2) return false;
  const zerosPerChannel = new Float64Array(len);
  let zeros = 0;
  for (let k = 0; k < data.length; k++) {
    if (data[k] !== 0) continue;
    zeros++;
    zerosPerChannel[Math.floor(k / inner) % len]++;
  }
  let dead = 0;
  for (let c = 0; c < len; c++) if (zerosPerChannel[c] === slices) dead++;
  return dead > 0 && zeros === dead * slices;
}

/** The tightest N:M pattern along one axis (smallest N/M, then smallest M), or null. */
function patternAlong(data: ArrayLike<number>, dims: number[], axis: number): { n: number; m: number } | null {
  if (zerosAreWholeChannels(data, dims, axis)) return null;
  let best: { n: number; m: number } | null = null;
  for (const m of GROUP_SIZES) {
    if (dims[axis] % m !== 0 || dims[axis] < m) continue;
    const { max, atMax, groups } = groupCounts(data, dims, axis, m);
    if (max === 0 || max >= m || atMax < EXACT_SHARE * groups) continue;
    if (!best || max / m < best.n / best.m) best = { n: max, m };
  }
  return best;
}

/**
 * The N:M pattern of a weight tensor, tried along its input-channel axis first, then its output
 * axis; null when there is none (dense, or unstructured zeros).
 */
export function detectNMPattern(data: ArrayLike<number>, dims: number[], inputAxis: number, outputAxis: number): NMPattern | null {
  if (dims.length === 0 || data.length !== dims.reduce((a, b) => a * b, 1)) return null;
  for (const [axis, along] of [[inputAxis, 'input'], [outputAxis, 'output']] as const) {
    if (axis < 0 || axis >= dims.length) continue;
    const p = patternAlong(data, dims, axis);
    if (p) return { ...p, along };
  }
  return null;
}

/** "2:4 along input channels". */
export const nmLabel = (p: NMPattern) => `${p.n}:${p.m} along ${p.along} channels`;
