// Stand-ins for the engine's shared projections (electron/engine/session/projections.ts): a
// session with a dense and a pruned model whose pool answers with the test's `run`, cells of zero
// features and a fresh disk cache that records what it reports. The tests of projection sharing,
// cancelling and caching use these instead of a bundle, an extraction and a worker pool.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projection } from '../../electron/engine/session/projections';
import type { ProjectReply, ProjectTask } from '../../electron/engine/workers/worker-protocol';

/** What the stand-in pool does with a task (`options.signal`: the caller's, as WorkerPool gets it). */
export type StubProjectRun = (task: ProjectTask, options: { signal?: AbortSignal }) => Promise<ProjectReply>;

const featureDim = 2;
const models = [
  { id: 'dense', role: 'dense', hash: 'h-dense', head: { featureDim } },
  { id: 'pruned', role: 'pruned', hash: 'h-pruned', head: { featureDim } },
];

export function projectionStubs(run: StubProjectRun, root = mkdtempSync(path.join(tmpdir(), 'prunelens-projections-'))) {
  const problems: string[] = [];
  const pool = { run: (task: ProjectTask, options: { signal?: AbortSignal } = {}) => run(task, options) };
  /** A session (a bundle opened anew: nothing in memory) whose plan has `count` samples; a rerun sets plan.count and count. */
  const open = (count: number) => {
    const plan = { models, dataKey: 'data', count };
    return { plan, count, pool, currentPlan: async () => plan };
  };
  const cells = { cache: { root, onProblem: (message: string) => problems.push(message) }, get: async (plan: { count: number }) => ({ features: new Float32Array(plan.count * featureDim) }) };
  const ask = (session: ReturnType<typeof open>, modelId: string, options: { dims?: 2 | 3; setId?: string; signal?: AbortSignal } = {}) =>
    projection(session as never, cells as never, modelId, options.setId ?? 'clean', options.dims ?? 3, options.signal);
  return { root, problems, open, ask };
}
