// The desktop bulk channel in a Web Worker, as serve mode's socket is (ws-transport.worker.ts):
// the page transfers each port it gets from the preload here; frames are received and decoded
// off the UI thread and results relayed with their typed arrays transferred.
import { acceptHandedPorts, createPortTransport } from './port-transport';
import type { RelayPort } from './transport-relay';
import { serveRelay } from './transport-relay';

const scope = self as unknown as RelayPort;
const transport = createPortTransport();
acceptHandedPorts(scope, transport);
serveRelay(transport, scope);
