// The renderer gets its engine client here and nowhere else; views never know the transport.
import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import { BRIDGE_KEY } from '../../../src-shared/api/bridge';
import type { PreloadBridge } from '../../../src-shared/api/bridge';
import { createApiClient } from '../../../src-shared/api/rpc';
import type { ClientTransport, PruneLensClient } from '../../../src-shared/api/rpc';
import { forwardBulkPorts, routeBulkCalls } from './desktop-transport';
import { createIpcTransport } from './ipc-transport';
import { createRelayedTransport } from './transport-relay';
import { takeSessionToken } from './session-token';
import { createWebSocketTransport, webSocketUrl } from './ws-transport';
import type { SocketTarget } from './ws-transport';

const ApiContext = createContext<PruneLensClient | null>(null);

export function createDefaultClient(): PruneLensClient {
  const bridge = (window as unknown as Record<string, PreloadBridge | undefined>)[BRIDGE_KEY];
  if (bridge) return createApiClient(createDesktopTransport(bridge));
  const target: SocketTarget = { url: webSocketUrl(window.location), token: takeSessionToken({ location: window.location, history: window.history, storage: sessionStorageOrNull() }) };
  if (typeof Worker === 'undefined') return createApiClient(createWebSocketTransport(target));
  // Serve mode: the socket lives in a worker, so receiving and decoding large frames never blocks the UI.
  return createApiClient(createRelayedTransport(new Worker(new URL('./ws-transport.worker.ts', import.meta.url), { type: 'module', name: JSON.stringify(target) })));
}

/** One per page: the preload offers each port once, so a second worker (StrictMode's double render) would wait forever. */
let bulkRelay: ClientTransport | null = null;

/** Desktop: bulk results on the direct port to the engine, received in a worker; the rest over the bridge. */
function createDesktopTransport(bridge: PreloadBridge): ClientTransport {
  const ipc = createIpcTransport(bridge);
  if (typeof Worker === 'undefined') return ipc;
  if (!bulkRelay) {
    const worker = new Worker(new URL('./bulk-port.worker.ts', import.meta.url), { type: 'module' });
    forwardBulkPorts(window, worker);
    bulkRelay = createRelayedTransport(worker);
  }
  return routeBulkCalls(ipc, bulkRelay);
}

/** sessionStorage, or null where the browser refuses it (storage disabled, sandboxed frame). */
function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function ApiProvider({ client, children }: { client?: PruneLensClient; children: ReactNode }) {
  const value = useMemo(() => client ?? createDefaultClient(), [client]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

export function useApi(): PruneLensClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside <ApiProvider>');
  return client;
}
