// The worker side of a projection: UMAP of one model's clean features, started from (and
// Procrustes-aligned to) the dense model's map when given, plus placement of query points.
import { PruneLensError } from '../../../src-shared/api/errors';
import type { ProjectReply, ProjectTask } from './worker-protocol';

export async function runProjectTask(task: ProjectTask): Promise<ProjectReply> {
  throw new PruneLensError('unavailable', `Projections are being wired up (task ${task.taskId}).`);
}
