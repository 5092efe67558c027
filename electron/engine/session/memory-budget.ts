// How much memory the engine keeps for data it can read again from the disk cache: cells
// (logits, features, geometry) and finished projections. Past the budget the least recently used
// entries are dropped and reloaded on demand, so a server does not grow with every view opened.
// PRUNELENS_CELL_BUDGET_MB (default 512) and PRUNELENS_PROJECTION_BUDGET_MB (default 64); each
// projection worker keeps fitted UMAP models (to place corrupted sets without refitting) within
// PRUNELENS_UMAP_STATE_BUDGET_MB (default 128; ≈ 14 MiB per model at 10,000 × 512-d).
import { PruneLensError } from '../../../src-shared/base/errors';

const MB = 1024 * 1024;
export const DEFAULT_CELL_BUDGET_MB = 512;
export const DEFAULT_PROJECTION_BUDGET_MB = 64;
export const DEFAULT_UMAP_STATE_BUDGET_MB = 128;

function budgetFromEnv(name: string, fallbackMb: number, env: NodeJS.ProcessEnv): number {
  const text = env[name]?.trim();
  if (!text) return fallbackMb * MB;
  const mb = Number(text);
  if (!Number.isFinite(mb) || mb < 0) throw new PruneLensError('bad-request', `${name} must be a number of MiB ≥ 0 (got '${text}').`);
  return Math.round(mb * MB);
}

export const cellBudgetBytes = (env: NodeJS.ProcessEnv = process.env): number => budgetFromEnv('PRUNELENS_CELL_BUDGET_MB', DEFAULT_CELL_BUDGET_MB, env);
export const projectionBudgetBytes = (env: NodeJS.ProcessEnv = process.env): number => budgetFromEnv('PRUNELENS_PROJECTION_BUDGET_MB', DEFAULT_PROJECTION_BUDGET_MB, env);
export const umapStateBudgetBytes = (env: NodeJS.ProcessEnv = process.env): number => budgetFromEnv('PRUNELENS_UMAP_STATE_BUDGET_MB', DEFAULT_UMAP_STATE_BUDGET_MB, env);
