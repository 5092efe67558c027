// w_c · f for every class c, for one feature row: the hot loop of the per-sample geometry.
// V8 does not vectorise, so the kernel exposes instruction-level parallelism by hand: four class
// rows share each feature load and the feature axis is unrolled by two (eight independent
// accumulators; leftover classes in a pair, then singly), 2–3× faster than the naive double loop
// at C = 10, d = 128 (see BENCHMARKS.md).
// It is also the fallback of the WebAssembly SIMD kernel (wasm-dots.ts), which reproduces these
// sums bit for bit (even / odd k in two sums, in order): change the order in both or neither.

/** out[c] = Σ_k W[c·d + k] · F[offset + k] for c < C. */
export function rowDots(W: Float32Array, C: number, d: number, F: Float32Array, offset: number, out: Float64Array): void {
  const even = d - (d % 2);
  let c = 0;
  for (; c + 3 < C; c += 4) {
    const w0 = c * d;
    const w1 = w0 + d;
    const w2 = w1 + d;
    const w3 = w2 + d;
    let a0 = 0, b0 = 0, c0 = 0, d0 = 0, a1 = 0, b1 = 0, c1 = 0, d1 = 0;
    for (let k = 0; k < even; k += 2) {
      const f0 = F[offset + k];
      const f1 = F[offset + k + 1];
      a0 += W[w0 + k] * f0;
      b0 += W[w1 + k] * f0;
      c0 += W[w2 + k] * f0;
      d0 += W[w3 + k] * f0;
      a1 += W[w0 + k + 1] * f1;
      b1 += W[w1 + k + 1] * f1;
      c1 += W[w2 + k + 1] * f1;
      d1 += W[w3 + k + 1] * f1;
    }
    if (even < d) {
      const f = F[offset + even];
      a0 += W[w0 + even] * f;
      b0 += W[w1 + even] * f;
      c0 += W[w2 + even] * f;
      d0 += W[w3 + even] * f;
    }
    out[c] = a0 + a1;
    out[c + 1] = b0 + b1;
    out[c + 2] = c0 + c1;
    out[c + 3] = d0 + d1;
  }
  if (c + 1 < C) {
    const w0 = c * d;
    const w1 = w0 + d;
    let a0 = 0, b0 = 0, a1 = 0, b1 = 0;
    for (let k = 0; k < even; k += 2) {
      const f0 = F[offset + k];
      const f1 = F[offset + k + 1];
      a0 += W[w0 + k] * f0;
      b0 += W[w1 + k] * f0;
      a1 += W[w0 + k + 1] * f1;
      b1 += W[w1 + k + 1] * f1;
    }
    if (even < d) {
      a0 += W[w0 + even] * F[offset + even];
      b0 += W[w1 + even] * F[offset + even];
    }
    out[c] = a0 + a1;
    out[c + 1] = b0 + b1;
    c += 2;
  }
  for (; c < C; c++) {
    const w = c * d;
    let s0 = 0, s1 = 0;
    for (let k = 0; k < even; k += 2) {
      s0 += W[w + k] * F[offset + k];
      s1 += W[w + k + 1] * F[offset + k + 1];
    }
    if (even < d) s0 += W[w + even] * F[offset + even];
    out[c] = s0 + s1;
  }
}

/** ‖F[offset .. offset + d)‖² */
export function rowNormSq(F: Float32Array, d: number, offset: number): number {
  let s0 = 0, s1 = 0;
  const even = d - (d % 2);
  for (let k = 0; k < even; k += 2) {
    s0 += F[offset + k] * F[offset + k];
    s1 += F[offset + k + 1] * F[offset + k + 1];
  }
  if (even < d) s0 += F[offset + even] * F[offset + even];
  return s0 + s1;
}
