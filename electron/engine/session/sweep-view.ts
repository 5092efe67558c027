// Sparsity sweeps of an open bundle's results: the sweeps of its manifest (src-shared
// sweep-groups), each member's correctness on every set finished for all of them and its geometry
// on the clean set and one corrupted set, through src-shared's computeSweeps (bootstrap bands,
// breaking points). The model-card x-axes (remaining parameters, effective MACs) are filled in by
// whoever holds the bundle summary (fillSweepStats).
import { PruneLensError } from '../../../src-shared/base/errors';
import type { SetRef } from '../../../src-shared/api/result-types';
import type { BundleRequest } from '../../../src-shared/api/contract';
import { groupSweeps } from '../../../src-shared/analysis/sweep-groups';
import { computeSweeps } from '../../../src-shared/analysis/sweep-metrics';
import type { SweepModelData } from '../../../src-shared/analysis/sweep-metrics';
import type { SweepAnalysis } from '../../../src-shared/analysis/sweep-types';
import { cleanSet } from '../extraction/sets';
import type { BundleSession } from './bundle-session';
import type { CellStore } from './cell-data';

/** getSweeps's input (contract.ts). shiftedSet: the corrupted set for the `shifted.*` geometry; default the middle severity of the first corruption. */
export type SweepRequest = BundleRequest<'getSweeps'>;

const cellKey = (modelId: string, setId: string) => `${modelId}\u0000${setId}`;

/** Corrupted sets of the corruptions whose every severity is finished for every one of `models`. */
function completeSets(session: BundleSession, models: string[], sets: SetRef[]): SetRef[] {
  const corrupted = sets.filter((s) => s.corruption !== 'clean');
  const done = (c: string) => corrupted.filter((s) => s.corruption === c).every((s) => models.every((m) => session.cells.has(cellKey(m, s.id))));
  return corrupted.filter((s) => done(s.corruption));
}

function defaultShifted(sets: SetRef[]): string | null {
  const first = sets.find((s) => s.group === 'benchmark') ?? sets[0];
  if (!first) return null;
  const severities = sets.filter((s) => s.corruption === first.corruption).map((s) => s.severity).sort((a, b) => a - b);
  return `${first.corruption}-s${severities[Math.floor((severities.length - 1) / 2)]}`;
}

export async function sweeps(session: BundleSession, cells: CellStore, request: SweepRequest = {}): Promise<SweepAnalysis> {
  const plan = await session.currentPlan();
  const planned = new Set(plan.models.map((m) => m.id));
  const groups = groupSweeps(session.manifest.models.filter((m) => planned.has(m.id)));
  const ids = [...new Set(groups.flatMap((g) => g.points.map((p) => p.modelId)))];
  const options = { seed: request.seed ?? 0, resamples: request.resamples ?? 200, ...(request.tolerance !== undefined ? { tolerance: request.tolerance } : {}) };
  if (groups.length === 0) return { ...computeSweeps([], [], [], options), shiftedSet: null };
  if (!ids.every((m) => session.cells.has(cellKey(m, 'clean')))) throw new PruneLensError('unavailable', 'Sparsity sweeps need the clean set analysed for every model of a sweep: run the analysis first.');
  const sets = completeSets(session, ids, plan.sets);
  const shiftedSet = request.shiftedSet ?? defaultShifted(sets);
  const shifted = shiftedSet === null ? null : sets.find((s) => s.id === shiftedSet);
  if (shifted === undefined) throw new PruneLensError('bad-request', `Set '${shiftedSet}' is not a corrupted set finished for every model of the sweeps.`);
  const data: SweepModelData[] = [];
  for (const id of ids) {
    const model = plan.models.find((m) => m.id === id)!;
    const correct: Record<string, Uint8Array> = {};
    for (const set of [cleanSet, ...sets]) correct[set.id] = (await cells.get(plan, model, set)).geometry.correct;
    const clean = (await cells.get(plan, model, cleanSet)).geometry;
    const moved = shifted ? (await cells.get(plan, model, shifted)).geometry : null;
    data.push({ id, role: model.role, correct, clean, shifted: moved });
  }
  return computeSweeps(groups, data, sets, { ...options, shiftedSet: shifted ? shifted.id : null });
}
