// An in-memory PruneLensClient over the synthetic results, for view-model tests.
import { apiMethodNames } from '../../../src-shared/api/contract';
import type { ApiEvent } from '../../../src-shared/api/contract';
import { PruneLensError } from '../../../src-shared/base/errors';
import { EventHub } from '../../../src-shared/api/rpc';
import type { PruneLensClient } from '../../../src-shared/api/rpc';
import type { SetRef } from '../../../src-shared/api/result-types';
import { syntheticEvaluation, syntheticMetrics, syntheticModels, syntheticSets } from './synthetic-data';

export interface FakeClient extends PruneLensClient {
  emit(event: ApiEvent): void;
  calls: { method: string; input: unknown }[];
  /** Cells (`model|set`) that are not computed yet: their metrics fail with `not-found`. */
  missing: Set<string>;
}

export function createFakeClient(options: { n?: number; corruptions?: string[] } = {}): FakeClient {
  const n = options.n ?? 200;
  const sets: SetRef[] = syntheticSets(options.corruptions ?? ['fog', 'gaussian_noise']);
  const hub = new EventHub();
  const calls: { method: string; input: unknown }[] = [];
  const missing = new Set<string>();
  const log = (method: string, input: unknown) => calls.push({ method, input });
  const unsupported = async () => {
    throw new PruneLensError('unavailable', 'not in the fake client');
  };
  // Every method the contract has (it grows); the ones views use are overridden below.
  const rest = Object.fromEntries(apiMethodNames.map((name) => [name, unsupported])) as unknown as PruneLensClient;
  return {
    ...rest,
    calls,
    missing,
    emit: (event) => hub.emit(event),
    subscribe: (listener) => hub.subscribe(listener),
    getAppInfo: async () => ({ name: 'PruneLens', version: 'test', transport: 'in-process', executionProviders: ['cpu'] }),
    getStartupBundle: async () => ({ path: null }),
    openBundle: unsupported,
    listExecutionProviders: async () => ({ available: ['cpu'], default: 'cpu' }),
    startAnalysis: async (input) => (log('startAnalysis', input), { jobId: 'job-1' }),
    cancelJob: async (input) => (log('cancelJob', input), { cancelled: true }),
    getRunStatus: async ({ path }) => ({ bundleDir: path, jobId: null, done: 0, total: 0, executionProvider: 'cpu', warnings: [] }),
    getEvaluation: async (input) => (log('getEvaluation', input), syntheticEvaluation(syntheticModels, sets, n, [...missing])),
    getSampleMetrics: async (input) => {
      log('getSampleMetrics', input);
      const model = syntheticModels.find((m) => m.id === input.modelId);
      const set = sets.find((s) => s.id === input.setId);
      if (!model || !set) throw new PruneLensError('not-found', `No model ${input.modelId} / set ${input.setId}.`);
      if (missing.has(`${model.id}|${set.id}`)) throw new PruneLensError('not-found', `${model.id} on ${set.id} is not computed yet.`);
      return syntheticMetrics(model, set, n);
    },
  };
}
