// Text for fractions in messages shared by the CLI, the report and the UI.

/** 0.7042 → "70.4 %" (a space before %, as everywhere in PruneLens's prose). */
export const formatPercent = (fraction: number, digits = 1): string => `${(fraction * 100).toFixed(digits)} %`;
