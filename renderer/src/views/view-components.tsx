// Each registered view's component (view-registry.ts has the list, titles and keys). The
// `satisfies Record<ViewId, …>` makes the compiler reject a registered view without a component
// and a component for a view that is not registered. The workspace renders them in a Suspense.
import type { ComponentType } from 'react';
import { lazy } from 'react';
import { EvaluationView } from './evaluation-table/evaluation-view';
import { GlobalGeometryView } from './global-geometry/global-geometry-view';
import { LocalGeometryView } from './local-geometry/local-geometry-view';
import { RedundancyView } from './redundancy/redundancy-view';
import { SampleView } from './sample/sample-view';
import { SimilarityView } from './similarity/similarity-view';
import { SweepView } from './sweeps/sweep-view';
import type { ViewId } from './view-registry';

export const viewComponents = {
  evaluation: EvaluationView,
  similarity: SimilarityView,
  redundancy: RedundancyView,
  local: LocalGeometryView,
  global: GlobalGeometryView,
  // three.js is the biggest dependency: load it with the 3-D view.
  'three-d': lazy(() => import('./three-d/three-d-view').then((m) => ({ default: m.ThreeDView }))),
  sample: SampleView,
  sweeps: SweepView,
} satisfies Record<ViewId, ComponentType>;
