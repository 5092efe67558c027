// The serve-mode WebSocket, run in a Web Worker: frames are received and decoded here, off the UI thread.
import type { RelayPort } from './transport-relay';
import { serveRelay } from './transport-relay';
import { createWebSocketTransport } from './ws-transport';
import type { SocketTarget } from './ws-transport';

const scope = self as unknown as RelayPort & { name: string };
// The page passes the socket's URL and token (JSON) as the worker's name, so calls can be relayed from the first message on.
serveRelay(createWebSocketTransport(JSON.parse(scope.name) as SocketTarget), scope);
