import { ModelsTable } from './components/models-table';
import { OpenBundleForm } from './components/open-bundle-form';
import { useBundle } from './use-bundle';

export function App() {
  const { state, appInfo, open } = useBundle();
  const currentPath = state.status === 'open' ? state.bundle.dir : state.status === 'idle' ? '' : state.path;
  return (
    <div className="app">
      <header className="app-header">
        <h1>PruneLens</h1>
        <OpenBundleForm initialPath={currentPath} busy={state.status === 'loading'} onOpen={open} />
        {appInfo && <span className="app-info">v{appInfo.version} · {appInfo.transport} · EP {appInfo.executionProviders.join(', ')}</span>}
      </header>
      <main>
        {state.status === 'idle' && <p className="empty-state">Open a bundle: a folder with a bundle.json, its ONNX models and test data.</p>}
        {state.status === 'loading' && <p className="loading-state">Opening {state.path}…</p>}
        {state.status === 'error' && (
          <div className="error-banner" role="alert" data-error-code={state.error.code}>
            <strong>Could not open the bundle.</strong> {state.error.message}
          </div>
        )}
        {state.status === 'open' && (
          <section aria-label="Bundle">
            <h2 className="bundle-name">{state.bundle.name}</h2>
            <p className="bundle-meta">
              {state.bundle.models.length} models · {state.bundle.classes.length} classes · corrupted sets: {state.bundle.data.corrupted}
              {state.bundle.limit ? ` · first ${state.bundle.limit} samples` : ''}
            </p>
            <ModelsTable bundle={state.bundle} />
          </section>
        )}
      </main>
    </div>
  );
}
