// The PruneLens API, written once. Both transports (Electron IPC and the serve-mode WebSocket)
// and the renderer's client are derived from `apiMethods`: adding a method here is the only
// change needed to make it callable from the UI.
import { z } from 'zod';
import type { AppInfo, BundleSummary } from './types';

export const apiMethods = {
  getAppInfo: { input: z.object({}).strict() },
  /** The bundle given on the command line or the embedded demo, if any. */
  getStartupBundle: { input: z.object({}).strict() },
  openBundle: { input: z.object({ path: z.string().min(1).max(4096) }).strict() },
} as const;

/** What each method resolves to. Keys must match `apiMethods` (checked below). */
export interface ApiResults {
  getAppInfo: AppInfo;
  getStartupBundle: { path: string | null };
  openBundle: BundleSummary;
}

export type ApiMethodName = keyof typeof apiMethods;
export type ApiInput<M extends ApiMethodName> = z.input<(typeof apiMethods)[M]['input']>;

export type PruneLensApi = {
  [M in ApiMethodName]: (input: ApiInput<M>) => Promise<ApiResults[M]>;
};

/** Events the engine pushes to every connected UI. */
export type ApiEvent =
  | { type: 'job-progress'; jobId: string; label: string; done: number; total: number; ratePerSecond: number; etaSeconds: number | null }
  | { type: 'job-finished'; jobId: string; label: string; status: 'done' | 'cancelled' | 'failed'; message?: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  /** From the desktop shell (File → Open, drag and drop): the UI should open this bundle. */
  | { type: 'open-bundle-request'; path: string };

export type ApiEventListener = (event: ApiEvent) => void;

export const apiMethodNames = Object.keys(apiMethods) as ApiMethodName[];

export function isApiMethodName(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiMethods, name);
}

// Compile-time check that every method has a result type and vice versa.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _resultsCoverMethods: Exact<keyof ApiResults, ApiMethodName> = true;
void _resultsCoverMethods;
