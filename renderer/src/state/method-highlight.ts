// The highlighted method (a sweep key: the bundle's `sweep` name, else the method; or a method
// name), set while a sweep line or a legend entry is hovered; every view emphasises that method's
// models and dims the others. The dense model is every sweep's sparsity-0 point, so it is neither emphasised nor dimmed.
import { sweepKey } from '../../../src-shared/analysis/sweep-groups';
import type { AppStore } from './actions';

/** 'on': the model belongs to the highlighted method; 'off': it does not; undefined: no highlight (or dense). */
export type MethodMark = 'on' | 'off' | undefined;

export interface HighlightModel {
  id: string;
  role: 'dense' | 'pruned';
  method: string;
  sweep?: string;
}

/** Sets (or, with null, clears) the highlighted method. */
export function highlightMethod(store: AppStore, key: string | null): void {
  store.set({ highlightedMethod: key });
}

/** The mark of each model id for the highlighted method `key`; ids not in `models` get no mark. */
export function methodMarks(key: string | null, models: readonly HighlightModel[]): (modelId: string) => MethodMark {
  if (key === null) return () => undefined;
  const of = (m: HighlightModel): MethodMark => (m.role === 'dense' ? undefined : sweepKey(m) === key || m.method === key ? 'on' : 'off');
  const marks = new Map<string, MethodMark>(models.map((m) => [m.id, of(m)]));
  return (modelId) => marks.get(modelId);
}
