// Number and text formatting shared by the report's tables, charts and tests, so a value shows
// the same way everywhere (and a test can format summary.json's value and find it verbatim).

export const DASH = '—';

/** Accuracy-like fraction as a percentage with one decimal: 0.8734 → "87.3". */
export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? DASH : (x * 100).toFixed(digits);
}

/** CE, mCE and relative mCE, in percent of the baseline's error: the app's formatter (1.053 → "105.3"). */
export { formatCe as ce } from '../../../../src-shared/util/format';

export function num(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? DASH : x.toFixed(digits);
}

export function integer(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** Multiply-accumulates: 527104 → "527.1 K". */
export function macs(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} K`;
  return String(n);
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML and SVG content and attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => htmlEscapes[c]);
}

/** A file-name-safe slug: "Fashion-MNIST pruning zoo" → "fashion-mnist-pruning-zoo". */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'bundle';
}

/** "1 corruption", "3 corruptions". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Corruption names as column headers: "gaussian_noise" → "gaussian noise". */
export const corruptionLabel = (name: string): string => name.replace(/_/g, ' ');
