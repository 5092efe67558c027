// A worker keeps its fitted UMAP models within a byte budget (PRUNELENS_UMAP_STATE_BUDGET_MB): past
// it the least recently used model is dropped and fitted again when a task needs it; a model still
// within the budget is reused. The fit is a stand-in whose state has a known size.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProjectTask } from './worker-protocol';

const fits: string[] = [];
vi.mock('../../../src-shared/projection/umap', () => ({
  // 600 KiB of state per model: two exceed the 1 MiB budget.
  fitUmapModel: async (_data: Float32Array, n: number, _dim: number, options: { nComponents: number; seed: number }) => {
    fits.push(`${n}`);
    return { embedding: new Float32Array(n * options.nComponents).fill(fits.length), space: new Float32Array((600 * 1024) / 4) };
  },
  umapResult: (state: { embedding: Float32Array }) => state.embedding.slice(),
}));

let runProjectTask: (task: ProjectTask) => Promise<{ coords: Float32Array }>;
beforeAll(async () => {
  vi.stubEnv('PRUNELENS_UMAP_STATE_BUDGET_MB', '1');
  ({ runProjectTask } = await import('./project-task'));
  vi.unstubAllEnvs();
});

const task = (mapKey: string, n: number): ProjectTask => ({ kind: 'project', taskId: 0, mapKey, data: new Float32Array(n), n, dim: 1, dims: 3, seed: 42 });

describe('fitted UMAP models in a worker', () => {
  it('drops the least recently used model past the byte budget and refits it when asked again', async () => {
    expect((await runProjectTask(task('a', 4))).coords[0]).toBe(1);
    expect((await runProjectTask(task('a', 4))).coords[0]).toBe(1); // reused
    expect(fits).toHaveLength(1);
    await runProjectTask(task('b', 5)); // 1.2 MiB > 1 MiB: a goes
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await runProjectTask(task('b', 5))).coords[0]).toBe(2);
    expect(fits).toHaveLength(2);
    expect((await runProjectTask(task('a', 4))).coords[0]).toBe(3); // fitted again
    expect(fits).toEqual(['4', '5', '4']);
  });
});
