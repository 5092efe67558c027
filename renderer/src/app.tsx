// The app shell: open a bundle, then the workspace of linked views over it.
import { useCallback, useEffect, useState } from 'react';
import type { BundleSummary } from '../../src-shared/api/types';
import { useApi } from './api/api-provider';
import { BundleProvider, ServicesProvider, useAppState } from './app-context';
import type { BundleServices } from './app-context';
import { createAppRuntime } from './app-services';
import type { AppRuntime } from './app-services';
import { EngineBanner } from './components/engine-banner';
import { NewBundleWizard } from './components/new-bundle-wizard';
import { OpenBundleForm } from './components/open-bundle-form';
import { preloadViews, viewLoaders } from './components/view-loaders';
import { Workspace } from './components/workspace';
import { toggleTheme } from './state/actions';
import { useBundle } from './use-bundle';
import { useShortcuts } from './use-shortcuts';
import { viewRegistry } from './views/view-registry';

export function App() {
  const api = useApi();
  const [runtime] = useState(() => createAppRuntime(api));
  return (
    <ServicesProvider value={runtime}>
      <Shell runtime={runtime} />
    </ServicesProvider>
  );
}

function Shell({ runtime }: { runtime: AppRuntime }) {
  const { state, appInfo, open } = useBundle();
  const theme = useAppState((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useShortcuts(runtime, state.status === 'open');
  // The views load lazily: the last active and docked ones now, the rest when the browser is idle.
  useEffect(() => preloadViews(viewLoaders, viewRegistry, [runtime.store.get().activeView, runtime.store.get().dockedView]), [runtime]);
  const currentPath = state.status === 'open' ? state.bundle.dir : state.status === 'idle' ? '' : state.path;
  const reopen = useCallback(() => {
    if (currentPath) void open(currentPath);
  }, [currentPath, open]);
  const api = useApi();
  const [wizard, setWizard] = useState(false);
  // File → New Bundle… in the desktop app.
  useEffect(() => api.subscribe((event) => event.type === 'new-bundle-request' && setWizard(true)), [api]);
  return (
    <div className="app">
      <header className="app-header">
        <h1>PruneLens</h1>
        <OpenBundleForm initialPath={currentPath} busy={state.status === 'loading'} onOpen={open} />
        <button type="button" className="secondary" onClick={() => setWizard(true)}>
          New bundle…
        </button>
        <button type="button" className="secondary theme-toggle" aria-label="Toggle theme (t)" title="Toggle theme (t)" onClick={() => toggleTheme(runtime.store)}>
          {theme === 'dark' ? '☀' : '☾'}
        </button>
        {appInfo && <span className="app-info">v{appInfo.version} · {appInfo.transport} · EP {appInfo.executionProviders.join(', ')}</span>}
      </header>
      <main>
        <EngineBanner reopen={reopen} />
        {state.status === 'idle' && <p className="empty-state">Open a bundle: a folder with a bundle.json, its ONNX models and test data.</p>}
        {state.status === 'loading' && <p className="loading-state">Opening {state.path}…</p>}
        {state.status === 'error' && (
          <div className="error-banner" role="alert" data-error-code={state.error.code}>
            <strong>Could not open the bundle.</strong> {state.error.message}
          </div>
        )}
        {state.status === 'open' && <OpenBundle runtime={runtime} bundle={state.bundle} />}
      </main>
      {wizard && (
        <NewBundleWizard
          onClose={() => setWizard(false)}
          onOpened={(dir) => {
            setWizard(false);
            void open(dir);
          }}
        />
      )}
    </div>
  );
}

function OpenBundle({ runtime, bundle }: { runtime: AppRuntime; bundle: BundleSummary }) {
  const [services, setServices] = useState<BundleServices | null>(null);
  useEffect(() => {
    const queries = runtime.bundleChanged(bundle.dir, bundle.models.map((m) => ({ id: m.id, role: m.role })));
    setServices({ bundle, queries });
  }, [runtime, bundle]);
  if (!services || services.bundle !== bundle) return <p className="loading-state">Opening {bundle.dir}…</p>;
  return (
    <BundleProvider value={services}>
      <Workspace />
    </BundleProvider>
  );
}
