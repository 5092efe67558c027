// PNG of a workspace pane (the main view or the docked one), shared by the Export menu's "PNG of
// the current view" and the per-view PNG button: 2×, WebGL canvases redrawn right before they
// are read (canvas-redraw.ts), HTML text and cell colours drawn too (tables, labels, legends).
import type { ViewPngOptions } from './view-png';
import { exportViewPng } from './view-png';
import { redrawCanvas } from './canvas-redraw';

export const panePngOptions: ViewPngOptions = { scale: 2, renderNow: redrawCanvas, html: true };

/** e.g. `prunelens-three-d-fog-s3.png`. */
export function panePngName(viewId: string, setId: string): string {
  return `prunelens-${viewId}-${setId}`.replace(/[^\w.-]+/g, '_');
}

/** The id of the main view's pane (workspace.tsx). */
export const MAIN_PANE_ID = 'view-panel';

export async function exportPanePng(pane: Element, viewId: string, setId: string): Promise<void> {
  await exportViewPng(pane, panePngName(viewId, setId), panePngOptions);
}
