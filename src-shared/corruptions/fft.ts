// In-place radix-2 complex FFT (1-D and 2-D, sizes powers of two), for the spectral synthesis of
// the procedural frost textures. Inverse transforms are unnormalised (no 1/N), as only the shape
// of the result matters there.

/** Transforms (re, im) of length n (a power of two) in place; `inverse` flips the exponent sign. */
export function fft1d(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if ((n & (n - 1)) !== 0) throw new RangeError(`fft1d: length ${n} is not a power of two.`);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = ((inverse ? 2 : -2) * Math.PI) / len;
    for (let k = 0; k < len / 2; k++) {
      const wr = Math.cos(angle * k);
      const wi = Math.sin(angle * k);
      for (let start = 0; start < n; start += len) {
        const a = start + k;
        const b = a + len / 2;
        const tr = re[b] * wr - im[b] * wi;
        const ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}

/** 2-D transform of an n×n row-major complex array in place (rows, then columns). */
export function fft2d(re: Float64Array, im: Float64Array, n: number, inverse = false): void {
  const rowRe = new Float64Array(n);
  const rowIm = new Float64Array(n);
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < n; k++) {
      const at = (i: number) => (pass === 0 ? k * n + i : i * n + k);
      for (let i = 0; i < n; i++) {
        rowRe[i] = re[at(i)];
        rowIm[i] = im[at(i)];
      }
      fft1d(rowRe, rowIm, inverse);
      for (let i = 0; i < n; i++) {
        re[at(i)] = rowRe[i];
        im[at(i)] = rowIm[i];
      }
    }
  }
}
