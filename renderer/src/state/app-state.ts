// The one selection / filter / view state every view reads and writes (linked brushing). Each
// field's default, stored schema and scope (app, bundle, transient) are in state-fields.ts.
import type { TableMode } from '../../../src-shared/api/table-modes';
import type { ViewId } from '../views/view-registry';
import type { MetricKey } from './metrics';

// The view ids (tab order, titles, keys) live in the one view registry.
export type { ViewId };

export interface MetricRange {
  lo: number;
  hi: number;
}

export interface CameraState {
  /** Azimuth and elevation (radians) and distance from the target. */
  theta: number;
  phi: number;
  radius: number;
}

export type ColorBy = 'category' | 'class' | `metric:${MetricKey}`;

export interface RunOptions {
  limit: number | null;
  corruptions: string[];
  severities: number[];
  ep: string | null;
}

export interface AppState {
  /** Bundle the bundle-specific fields below belong to. */
  bundleDir: string | null;
  activeView: ViewId;
  /** A second view docked beside the active one (never the same view), or none. */
  dockedView: ViewId | null;
  theme: 'light' | 'dark';
  /** Ordered; the first two are the comparison pair (A, B); the 3-D grid shows up to nine. */
  selectedModels: string[];
  setId: string;
  /** Sorted, unique sample indices. */
  selectedSamples: number[];
  /** The sample in the drill-down; next/previous step through the filtered list. */
  focusSample: number | null;
  hoveredSample: number | null;
  /** The method (sweep key) hovered in the sweep view, emphasised in every view; transient like the hover. */
  highlightedMethod: string | null;
  /** Display category codes to keep (empty: all). */
  categoryFilter: number[];
  classFilter: number | null;
  /** Ranges on the focus model's metrics (from brushing), by metric key. */
  metricFilters: Partial<Record<MetricKey, MetricRange>>;
  tableMode: TableMode;
  tableSort: { key: string; dir: 1 | -1 };
  expandedCorruptions: string[];
  colorBy: ColorBy;
  layout3d: 'projection' | 'geometry';
  syncCameras: boolean;
  /** One camera per 3-D view slot (all equal while synced). */
  cameras: CameraState[];
  showTrajectories: boolean;
  localClass: number;
  /** Local geometry compares the two selected models, or clean vs the current set for model B. */
  localCompare: 'models' | 'clean';
  showModelCards: boolean;
  runOptions: RunOptions;
}

export const defaultCamera: CameraState = { theta: 0.8, phi: 0.45, radius: 4.8 };
