// Sparsity sweeps recognised from the bundle's models: pruned models sharing an explicit `sweep`
// name (or, without one, the same `method`) at ≥ 2 distinct sparsities form a sweep; the dense
// model is every sweep's sparsity-0 point. Also the x-axis values a sweep can be drawn against.

export interface SweepModelInfo {
  id: string;
  role: 'dense' | 'pruned';
  method: string;
  /** Declared sparsity (0..1); when absent, `weightSparsity` is used. */
  sparsity?: number;
  /** Explicit sweep name (bundle.json `sweep`); overrides grouping by method. */
  sweep?: string;
  /** Measured zero fraction of the weights (model card). */
  weightSparsity?: number;
  /** Non-zero parameters (model card). */
  nonZeroParameters?: number;
  /** Multiply-accumulates per input with zero weights skipped, else the dense count (model card). */
  effectiveMacs?: number;
}

export interface SweepPoint {
  modelId: string;
  sparsity: number;
  remainingParameters: number | null;
  effectiveMacs: number | null;
}

export interface SweepGroup {
  /** The sweep name, or the method shared by its models. */
  key: string;
  /** Dense first (sparsity 0), then the pruned levels by increasing sparsity. */
  points: SweepPoint[];
}

export const sweepXAxes = [
  { key: 'sparsity', label: 'sparsity' },
  { key: 'remainingParameters', label: 'remaining parameters' },
  { key: 'effectiveMacs', label: 'effective MACs' },
] as const;
export type SweepXAxis = (typeof sweepXAxes)[number]['key'];

function point(m: SweepModelInfo, sparsity: number): SweepPoint {
  return { modelId: m.id, sparsity, remainingParameters: m.nonZeroParameters ?? null, effectiveMacs: m.effectiveMacs ?? null };
}

/** The sweep (or method) a model belongs to: its explicit `sweep` name, else its method. */
export function sweepKey(m: { method: string; sweep?: string }): string {
  return m.sweep ?? m.method;
}

/** Sweeps in the order their first model appears; a group with < 2 distinct sparsities is not a sweep. */
export function groupSweeps(models: readonly SweepModelInfo[]): SweepGroup[] {
  const dense = models.find((m) => m.role === 'dense');
  if (!dense) return [];
  const groups = new Map<string, SweepPoint[]>();
  for (const m of models) {
    if (m.role !== 'pruned') continue;
    const sparsity = m.sparsity ?? m.weightSparsity;
    if (sparsity === undefined || !(sparsity > 0)) continue;
    const key = sweepKey(m);
    groups.set(key, [...(groups.get(key) ?? []), point(m, sparsity)]);
  }
  const sweeps: SweepGroup[] = [];
  for (const [key, points] of groups) {
    if (new Set(points.map((p) => p.sparsity)).size < 2) continue;
    points.sort((a, b) => a.sparsity - b.sparsity || (a.modelId < b.modelId ? -1 : 1));
    sweeps.push({ key, points: [point(dense, 0), ...points] });
  }
  return sweeps;
}

/** A point's position on the chosen x-axis (null when the model card lacks it). */
export function sweepX(p: SweepPoint, axis: SweepXAxis): number | null {
  return axis === 'sparsity' ? p.sparsity : p[axis];
}

/** What grouping needs from a model summary (bundle.json fields and its model card). */
export function sweepModelInfo(m: { id: string; role: 'dense' | 'pruned'; method: string; sparsity?: number; sweep?: string; card?: { weightSparsity?: number; nonZeroParameters?: number; macs?: { total: number; sparse?: number } } }): SweepModelInfo {
  const macs = m.card?.macs;
  return {
    id: m.id, role: m.role, method: m.method,
    ...(m.sparsity !== undefined ? { sparsity: m.sparsity } : {}),
    ...(m.sweep !== undefined ? { sweep: m.sweep } : {}),
    ...(m.card?.weightSparsity !== undefined ? { weightSparsity: m.card.weightSparsity } : {}),
    ...(m.card?.nonZeroParameters !== undefined ? { nonZeroParameters: m.card.nonZeroParameters } : {}),
    ...(macs ? { effectiveMacs: macs.sparse ?? macs.total } : {}),
  };
}

/** The points' remaining parameters and effective MACs from the model summaries (the engine's sweeps lack the cards). */
export function fillSweepStats<P extends SweepPoint, S extends { levels: P[] }>(sweeps: S[], models: readonly Parameters<typeof sweepModelInfo>[0][]): S[] {
  const info = new Map(models.map((m) => [m.id, sweepModelInfo(m)]));
  return sweeps.map((s) => ({
    ...s,
    levels: s.levels.map((p) => ({ ...p, remainingParameters: info.get(p.modelId)?.nonZeroParameters ?? p.remainingParameters, effectiveMacs: info.get(p.modelId)?.effectiveMacs ?? p.effectiveMacs })),
  }));
}
