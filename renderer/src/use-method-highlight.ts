// The cross-view method highlight for a view: the mark ('on' / 'off' / none) of a model id, to put
// on its row, node or label as `data-highlight` (styles.css emphasises 'on' and dims 'off').
import { useMemo } from 'react';
import { useAppState, useOpenBundle } from './app-context';
import { methodMarks } from './state/method-highlight';
import type { MethodMark } from './state/method-highlight';

export function useMethodHighlight(): (modelId: string) => MethodMark {
  const key = useAppState((s) => s.highlightedMethod);
  const { bundle } = useOpenBundle();
  return useMemo(() => methodMarks(key, bundle.models), [key, bundle.models]);
}
