// Entry of the engine process in the desktop app (an Electron utilityProcess, spawned by
// electron/shell). Speaks RpcMessages over `process.parentPort`; never imports 'electron'.
import { dispatchRequest } from '../../src-shared/api/rpc';
import type { RpcMessage } from '../../src-shared/api/rpc';
import { createEngine } from './engine';

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('engine-host must run inside an Electron utilityProcess.');

const startupBundle = process.env.PRUNELENS_STARTUP_BUNDLE || null;
const engine = createEngine({ transport: 'electron', startupBundle });
engine.subscribe((event) => parentPort.postMessage({ kind: 'event', event } satisfies RpcMessage));
parentPort.on('message', async ({ data }) => parentPort.postMessage(await dispatchRequest(engine, data)));
