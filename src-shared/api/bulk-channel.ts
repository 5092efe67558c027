// The desktop app's direct channel for bulk data: a MessagePort pair between the engine's utility
// process and a renderer worker, handed over by the main process and the preload. Calls of the
// read-only methods whose results carry large typed arrays travel on it as wire-codec frames (as
// serve mode's WebSocket does), never cloned through the main process and the UI thread; every
// other call, and every event, stays on the preload bridge.
import type { ApiMethodName } from './contract';

/** Main → preload (webContents.postMessage): carries the page's end of a fresh channel. */
export const BULK_PORT_CHANNEL = 'prunelens:bulk-port';
/** Page ⇄ preload (window.postMessage): the page asks for its port; the preload answers with it. */
export const BULK_PORT_REQUEST = 'prunelens:bulk-port-request';
export const BULK_PORT_OFFER = 'prunelens:bulk-port-offer';
/** Main → engine (utilityProcess.postMessage): the engine's end of the channel. */
export const BULK_PORT_HANDOVER = 'bulk-port';

/** Read-only results with per-sample or per-feature arrays; nothing the shell rewrites or records. */
export const BULK_METHODS: ReadonlySet<ApiMethodName> = new Set<ApiMethodName>([
  'getEvaluation', 'getSampleMetrics', 'getSimilarity', 'getRedundancy', 'getSweeps', 'getProjection', 'getSampleImages', 'getOcclusion', 'getNeighbours',
]);

export const isBulkMethod = (method: string): boolean => BULK_METHODS.has(method as ApiMethodName);

/** A window message of this `type` posted by the window itself (not an iframe, not another page). */
export function isOwnWindowMessage(event: { source: unknown; data: unknown }, self: unknown, type: string): boolean {
  return event.source === self && typeof event.data === 'object' && event.data !== null && (event.data as { type?: unknown }).type === type;
}
