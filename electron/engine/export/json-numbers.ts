// JSON helpers for exports: typed arrays as nested arrays, numbers rounded to 7 significant
// digits (float32 precision), NaN/Infinity as null (JSON has neither).

/** Row-major flat array → rows of `width`. */
export function square(values: ArrayLike<number>, width: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < values.length; i += width) rows.push(Array.from({ length: width }, (_, j) => values[i + j]));
  return rows;
}

export function roundDeep(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Number(value.toPrecision(7)) : null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>, (v) => roundDeep(v));
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)]));
  return value;
}
