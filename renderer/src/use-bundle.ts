// Opening a bundle: the state machine every view starts from (idle → loading → open | error).
import { useCallback, useEffect, useState } from 'react';
import type { ErrorPayload } from '../../src-shared/base/errors';
import { toErrorPayload } from '../../src-shared/base/errors';
import type { AppInfo, BundleSummary } from '../../src-shared/api/types';
import { useApi } from './api/api-provider';

export type BundleState =
  | { status: 'idle' }
  | { status: 'loading'; path: string }
  | { status: 'open'; bundle: BundleSummary }
  | { status: 'error'; path: string; error: ErrorPayload };

export function useBundle() {
  const api = useApi();
  const [state, setState] = useState<BundleState>({ status: 'idle' });
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);

  const open = useCallback(
    async (path: string) => {
      setState({ status: 'loading', path });
      try {
        setState({ status: 'open', bundle: await api.openBundle({ path }) });
      } catch (error) {
        setState({ status: 'error', path, error: toErrorPayload(error) });
      }
    },
    [api],
  );

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const [info, startup] = await Promise.all([api.getAppInfo({}), api.getStartupBundle({})]);
        if (cancelled) return;
        setAppInfo(info);
        const remembered = localStorage.getItem('prunelens.lastBundle');
        const path = startup.path ?? remembered;
        if (path) await open(path);
      } catch (error) {
        if (!cancelled) setState({ status: 'error', path: '', error: toErrorPayload(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, open]);

  useEffect(() => api.subscribe((event) => event.type === 'open-bundle-request' && void open(event.path)), [api, open]);

  useEffect(() => {
    if (state.status === 'open') localStorage.setItem('prunelens.lastBundle', state.bundle.dir);
  }, [state]);

  return { state, appInfo, open };
}
