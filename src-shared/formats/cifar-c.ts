// CIFAR-10-C directory layout (Hendrycks & Dietterich 2019): `<corruption>.npy` holds
// (5·n, H, W, C) uint8 images, severity-major — rows (s−1)·n … s·n−1 are severity s — and
// `labels.npy` holds the n labels repeated 5 times. CIFAR-10-C itself has n = 10,000.
import { PruneLensError } from '../base/errors';

export const CIFAR_C_SEVERITIES = 5;
export const CIFAR_C_LABELS_FILE = 'labels.npy';

export function cifarCFileName(corruption: string): string {
  return `${corruption}.npy`;
}

/** Rows of one severity in a file of `totalRows` rows. */
export function cifarCSeverityRows(totalRows: number, severity: number, fileLabel = 'CIFAR-10-C file'): { start: number; count: number } {
  if (!Number.isInteger(severity) || severity < 1 || severity > CIFAR_C_SEVERITIES) {
    throw new PruneLensError('bad-request', `severity must be 1…${CIFAR_C_SEVERITIES} (got ${severity}).`);
  }
  if (totalRows <= 0 || totalRows % CIFAR_C_SEVERITIES !== 0) {
    throw new PruneLensError('bad-data', `${fileLabel}: ${totalRows} rows is not 5 severities × n images (CIFAR-10-C layout is severity-major, 5·n rows).`, { file: fileLabel });
  }
  const count = totalRows / CIFAR_C_SEVERITIES;
  return { start: (severity - 1) * count, count };
}
