// Text for fractions in messages shared by the CLI, the report and the UI.

/** 0.7042 → "70.4 %" (a space before %, as everywhere in PruneLens's prose). */
export const formatPercent = (fraction: number, digits = 1): string => `${(fraction * 100).toFixed(digits)} %`;

/**
 * CE, mCE and relative mCE as a percentage of the dense baseline's error (Hendrycks & Dietterich),
 * the one unit the app and the report show them in: 1.053 → "105.3"; missing → "—".
 */
export const formatCe = (ratio: number | null | undefined, digits = 1): string =>
  ratio === null || ratio === undefined || !Number.isFinite(ratio) ? '—' : (ratio * 100).toFixed(digits);
