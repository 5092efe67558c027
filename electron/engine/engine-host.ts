// Entry of the engine process in the desktop app (an Electron utilityProcess, spawned by
// electron/shell). Speaks RpcMessages over `process.parentPort` (calls, cancels, events:
// engine-port.ts); never imports 'electron'.
import { createEngine } from './engine';
import { serveEngineOverPort } from './engine-port';
import type { EnginePort } from './engine-port';

const parentPort = (process as unknown as { parentPort?: EnginePort }).parentPort;
if (!parentPort) throw new Error('engine-host must run inside an Electron utilityProcess.');

const startupBundle = process.env.PRUNELENS_STARTUP_BUNDLE || null;
serveEngineOverPort(createEngine({ transport: 'electron', startupBundle }), parentPort);
