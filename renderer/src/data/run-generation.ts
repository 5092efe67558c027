// A new run or a re-open makes every cached result stale (another sample count, other sets, an
// edited bundle.json): drop the result cache and recompute the filtered list (sample counter,
// category chips, global geometry). Views re-key their loads on AnalysisState.runGeneration.
import type { AnalysisStore } from './analysis-store';
import type { ResourceCache } from './resource-cache';

export function invalidateOnNewRun(analysis: AnalysisStore, cache: ResourceCache, refreshDerived: () => void): () => void {
  let generation = analysis.get().runGeneration;
  return analysis.subscribe(() => {
    const next = analysis.get().runGeneration;
    if (next === generation) return;
    generation = next;
    cache.invalidate();
    refreshDerived();
  });
}
