// The integer 8×8 DCT pair of the IJG libjpeg ("islow", Loeffler–Ligtenberg–Moschytz with 13-bit
// constants), the default of libjpeg/libjpeg-turbo and so of Pillow, plus IJG quality scaling of
// the standard quantisation tables. Bit-exact arithmetic (all values fit in int32).

const CONST_BITS = 13;
const PASS1_BITS = 2;
const F0_298 = 2446;
const F0_390 = 3196;
const F0_541 = 4433;
const F0_765 = 6270;
const F0_899 = 7373;
const F1_175 = 9633;
const F1_501 = 12299;
const F1_847 = 15137;
const F1_961 = 16069;
const F2_053 = 16819;
const F2_562 = 20995;
const F3_072 = 25172;

const descale = (x: number, n: number) => (x + (1 << (n - 1))) >> n;

/** One 1-D forward pass over 8 values at `data[o + k·step]`; `shift` selects pass 1 or pass 2 scaling. */
function fdct1d(data: Int32Array, o: number, step: number, pass1: boolean): void {
  const d0 = data[o], d1 = data[o + step], d2 = data[o + 2 * step], d3 = data[o + 3 * step];
  const d4 = data[o + 4 * step], d5 = data[o + 5 * step], d6 = data[o + 6 * step], d7 = data[o + 7 * step];
  const tmp0 = d0 + d7, tmp7 = d0 - d7, tmp1 = d1 + d6, tmp6 = d1 - d6;
  const tmp2 = d2 + d5, tmp5 = d2 - d5, tmp3 = d3 + d4, tmp4 = d3 - d4;
  const tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
  const odd = pass1 ? CONST_BITS - PASS1_BITS : CONST_BITS + PASS1_BITS;
  data[o] = pass1 ? (tmp10 + tmp11) << PASS1_BITS : descale(tmp10 + tmp11, PASS1_BITS);
  data[o + 4 * step] = pass1 ? (tmp10 - tmp11) << PASS1_BITS : descale(tmp10 - tmp11, PASS1_BITS);
  const z1e = (tmp12 + tmp13) * F0_541;
  data[o + 2 * step] = descale(z1e + tmp13 * F0_765, odd);
  data[o + 6 * step] = descale(z1e - tmp12 * F1_847, odd);
  const z5 = (tmp4 + tmp6 + tmp5 + tmp7) * F1_175;
  const z1 = -(tmp4 + tmp7) * F0_899;
  const z2 = -(tmp5 + tmp6) * F2_562;
  const z3 = -(tmp4 + tmp6) * F1_961 + z5;
  const z4 = -(tmp5 + tmp7) * F0_390 + z5;
  data[o + 7 * step] = descale(tmp4 * F0_298 + z1 + z3, odd);
  data[o + 5 * step] = descale(tmp5 * F2_053 + z2 + z4, odd);
  data[o + 3 * step] = descale(tmp6 * F3_072 + z2 + z3, odd);
  data[o + step] = descale(tmp7 * F1_501 + z1 + z4, odd);
}

/** jpeg_fdct_islow on level-shifted samples (−128…127), in place; output is 8× a true DCT. */
export function fdctIslow(block: Int32Array): void {
  for (let r = 0; r < 8; r++) fdct1d(block, r * 8, 1, true);
  for (let c = 0; c < 8; c++) fdct1d(block, c, 8, false);
}

/** One 1-D inverse pass (the odd/even butterflies of jpeg_idct_islow). Writes 8 outputs to `out`. */
function idct1d(v: Int32Array, o: number, step: number, out: Int32Array, oo: number, ostep: number, shift: number): void {
  const z2e = v[o + 2 * step], z3e = v[o + 6 * step];
  const z1e = (z2e + z3e) * F0_541;
  const t2 = z1e - z3e * F1_847;
  const t3 = z1e + z2e * F0_765;
  const t0 = (v[o] + v[o + 4 * step]) << CONST_BITS;
  const t1 = (v[o] - v[o + 4 * step]) << CONST_BITS;
  const tmp10 = t0 + t3, tmp13 = t0 - t3, tmp11 = t1 + t2, tmp12 = t1 - t2;
  let tmp0 = v[o + 7 * step], tmp1 = v[o + 5 * step], tmp2 = v[o + 3 * step], tmp3 = v[o + step];
  const z5 = (tmp0 + tmp2 + tmp1 + tmp3) * F1_175;
  const z1 = -(tmp0 + tmp3) * F0_899;
  const z2 = -(tmp1 + tmp2) * F2_562;
  const z3 = -(tmp0 + tmp2) * F1_961 + z5;
  const z4 = -(tmp1 + tmp3) * F0_390 + z5;
  tmp0 = tmp0 * F0_298 + z1 + z3;
  tmp1 = tmp1 * F2_053 + z2 + z4;
  tmp2 = tmp2 * F3_072 + z2 + z3;
  tmp3 = tmp3 * F1_501 + z1 + z4;
  out[oo] = descale(tmp10 + tmp3, shift);
  out[oo + 7 * ostep] = descale(tmp10 - tmp3, shift);
  out[oo + ostep] = descale(tmp11 + tmp2, shift);
  out[oo + 6 * ostep] = descale(tmp11 - tmp2, shift);
  out[oo + 2 * ostep] = descale(tmp12 + tmp1, shift);
  out[oo + 5 * ostep] = descale(tmp12 - tmp1, shift);
  out[oo + 3 * ostep] = descale(tmp13 + tmp0, shift);
  out[oo + 4 * ostep] = descale(tmp13 - tmp0, shift);
}

const workspace = new Int32Array(64);

/** jpeg_idct_islow on dequantised coefficients, in place; output samples 0…255 (level shift undone, clamped). */
export function idctIslow(block: Int32Array): void {
  for (let c = 0; c < 8; c++) idct1d(block, c, 8, workspace, c, 8, CONST_BITS - PASS1_BITS);
  for (let r = 0; r < 8; r++) idct1d(workspace, r * 8, 1, block, r * 8, 1, CONST_BITS + PASS1_BITS + 3);
  for (let i = 0; i < 64; i++) {
    const v = block[i] + 128;
    block[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
}

// The IJG standard tables (JPEG spec Annex K), natural (row-major) order.
const LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMINANCE = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
  ...new Array<number>(32).fill(99),
];

/** jpeg_set_quality(quality, force_baseline = TRUE): the scaled table for luminance or chrominance. */
export function quantTable(quality: number, chroma: boolean): Int32Array {
  const q = Math.min(100, Math.max(1, Math.trunc(quality)));
  const scale = q < 50 ? Math.trunc(5000 / q) : 200 - 2 * q;
  const base = chroma ? CHROMINANCE : LUMINANCE;
  return Int32Array.from(base, (b) => Math.min(255, Math.max(1, Math.trunc((b * scale + 50) / 100))));
}

/** libjpeg's quantiser for islow (divisor = 8·q, rounding half away from zero), then dequantisation. */
export function quantizeBlock(block: Int32Array, table: Int32Array): void {
  for (let i = 0; i < 64; i++) {
    const q = table[i];
    const divisor = q << 3;
    const v = block[i];
    const level = v < 0 ? -Math.trunc((-v + (divisor >> 1)) / divisor) : Math.trunc((v + (divisor >> 1)) / divisor);
    block[i] = level * q;
  }
}
