// Creates the services shared by every view, once per app, and ties their lifetimes together.
import type { PruneLensClient } from '../../src-shared/api/rpc';
import type { AppServices } from './app-context';
import { createAnalysisController } from './data/analysis-store';
import { createDerivedController } from './data/derived-store';
import type { Queries } from './data/queries';
import { createQueries } from './data/queries';
import { ResourceCache } from './data/resource-cache';
import { invalidateOnNewRun } from './data/run-generation';
import type { ModelInfo } from './state/actions';
import { bundleOpened } from './state/actions';
import type { AppState } from './state/app-state';
import { defaultState } from './state/state-fields';
import { persistStore, serializeState, STORAGE_KEY } from './state/persist';
import { createStore } from './state/store';
import { createComputeClient } from './workers/compute-client';

export interface AppRuntime extends AppServices {
  /** Called when a bundle opened: points queries, run state and the filtered list at it. */
  bundleChanged(dir: string, models: ModelInfo[]): Queries;
  dispose(): void;
}

export function createAppRuntime(api: PruneLensClient, storage: Storage | null = safeLocalStorage()): AppRuntime {
  const store = createStore<AppState>(defaultState());
  const stopPersist = storage ? persistStore(store, storage) : () => undefined;
  const flush = () => storage?.setItem(STORAGE_KEY, serializeState(store.get()));
  window.addEventListener('pagehide', flush);
  const analysis = createAnalysisController(api);
  const cache = new ResourceCache();
  const compute = createComputeClient();
  let queries: Queries | null = null;
  const derivedCtl = createDerivedController({ store, analysis: analysis.store, compute, getQueries: () => queries });
  const stopGeneration = invalidateOnNewRun(analysis.store, cache, derivedCtl.refresh);
  // Desktop settings: defaults for new analyses, and the theme unless it follows the system.
  const stopSettings = api.subscribe((event) => {
    if (event.type !== 'settings-changed') return;
    const { executionProvider, sampleLimit, theme } = event.settings;
    store.set((s) => ({ runOptions: { ...s.runOptions, ep: executionProvider || null, limit: sampleLimit }, ...(theme === 'system' ? {} : { theme }) }));
  });
  return {
    api,
    store,
    analysis,
    cache,
    compute,
    derived: derivedCtl.derived,
    bundleChanged(dir, models) {
      cache.invalidate(); // a re-open may follow an edit of bundle.json: nothing cached is trusted
      queries = createQueries(api, cache, dir, () => analysis.store.get().runGeneration);
      analysis.open(dir);
      bundleOpened(store, dir, models);
      derivedCtl.refresh();
      return queries;
    },
    dispose() {
      window.removeEventListener('pagehide', flush);
      stopPersist();
      stopSettings();
      stopGeneration();
      derivedCtl.dispose();
      analysis.dispose();
      compute.dispose();
    },
  };
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
