// How samples.csv writes a float: rounded to 7 significant digits, then the shortest form of that
// number, exactly `String(Number(v.toPrecision(7)))` — without toPrecision's cost (a third of a
// cached `analyze` was spent there). The 7 digits come from one correctly rounded scaling by an
// exact power of ten (absolute error < 2e-9 on a value in [1e6, 1e7)); a value within 1e-6 of a
// rounding tie, or outside [1e-6, 1e15), takes toPrecision itself, so the rounding (ties away from
// zero, on the exact value) is always toPrecision's. Checked against it in csv-float.test.ts.

/** 10^0 … 10^22: every one exactly representable. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

const reference = (v: number) => String(Number(v.toPrecision(7)));

const scale = (a: number, k: number) => (k >= 0 ? a * POW10[k] : a / POW10[-k]);

/** `v` as samples.csv writes it ('' for NaN). */
export function csvFloat(v: number): string {
  if (Number.isNaN(v)) return '';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (!(a >= 1e-6 && a < 1e15)) return reference(v);
  let e = Math.floor(Math.log10(a)); // a = d.ddd… × 10^e (corrected below when log10 is off by one)
  let scaled = scale(a, 6 - e);
  if (scaled >= 1e7) scaled = scale(a, 6 - ++e);
  else if (scaled < 1e6) scaled = scale(a, 6 - --e);
  if (!(scaled >= 1e6 && scaled < 1e7)) return reference(v);
  const floor = Math.floor(scaled);
  const frac = scaled - floor;
  if (Math.abs(frac - 0.5) < 1e-6) return reference(v);
  let n = frac > 0.5 ? floor + 1 : floor;
  if (n === 1e7) {
    n = 1e6;
    e++;
  }
  while (n % 10 === 0) n /= 10; // trailing zeros dropped (n ≥ 1e6 > 0)
  const digits = String(n);
  // Number::toString of digits × 10^(point − length): plain notation for −6 < point ≤ 21.
  const point = e + 1;
  const sign = v < 0 ? '-' : '';
  if (point >= digits.length && point <= 21) return sign + digits + '0'.repeat(point - digits.length);
  if (point > 0 && point <= 21) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  if (point > -6 && point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  return reference(v);
}
