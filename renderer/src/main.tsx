import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-provider';
import { App } from './app';
import { AppErrorBoundary, reportCaughtError } from './components/error-boundary';
import './styles.css';

// An error a boundary caught is reported once, as a page error (see reportCaughtError).
createRoot(document.getElementById('root')!, { onCaughtError: reportCaughtError }).render(
  <StrictMode>
    <AppErrorBoundary>
      <ApiProvider>
        <App />
      </ApiProvider>
    </AppErrorBoundary>
  </StrictMode>,
);
