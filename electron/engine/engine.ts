// The engine: implements PruneLensApi in Node. Transports (IPC in Electron, WebSocket in serve
// mode, direct calls in the CLI and tests) wrap it without knowing what it does.
import type { ApiEventListener, PruneLensApi } from '../../src-shared/api/contract';
import { EventHub } from '../../src-shared/api/rpc';
import type { AppInfo } from '../../src-shared/api/types';
import { appVersion } from './app-version';
import { loadBundle } from './bundle-loader';
import type { LoadedBundle } from './bundle-loader';

export interface EngineOptions {
  transport: AppInfo['transport'];
  /** Bundle to show at start-up (CLI argument or the embedded demo). */
  startupBundle?: string | null;
}

export interface Engine extends PruneLensApi {
  subscribe(listener: ApiEventListener): () => void;
  dispose(): Promise<void>;
}

export function createEngine(options: EngineOptions): Engine {
  const events = new EventHub();
  const openBundles = new Map<string, LoadedBundle>();

  return {
    subscribe: (listener) => events.subscribe(listener),
    async getAppInfo() {
      return { name: 'PruneLens', version: appVersion, transport: options.transport, executionProviders: ['cpu'] };
    },
    async getStartupBundle() {
      return { path: options.startupBundle ?? null };
    },
    async openBundle({ path }) {
      const loaded = await loadBundle(path);
      openBundles.set(loaded.dir, loaded);
      events.emit({ type: 'log', level: 'info', message: `Opened bundle ${loaded.summary.name} (${loaded.summary.models.length} models).` });
      return loaded.summary;
    },
    async dispose() {
      openBundles.clear();
    },
  };
}
