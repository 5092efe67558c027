// A serve-mode server confined to one root, as `prunelens serve` runs it, with an RPC socket
// connected: for tests that attack it over the WebSocket (useConfinedServer: one per describe block).
import { afterAll, beforeAll } from 'vitest';
import { createEngine } from '../../engine/engine';
import { confineEngine, createPathConfinement } from '../confine';
import { startServer } from '../serve';
import { connectRpc } from './ws-rpc-client';
import type { RpcSocket } from './ws-rpc-client';

interface ConfinedServer {
  socket: RpcSocket;
  close(): Promise<void>;
}

async function startConfinedServer(root: string, token: string): Promise<ConfinedServer> {
  const engine = confineEngine(createEngine({ transport: 'serve', startupBundle: null }), await createPathConfinement([root], root));
  const server = await startServer({ engine, staticDir: root, port: 0, token });
  const socket = await connectRpc(`ws://127.0.0.1:${server.port}/ws`, { Authorization: `Bearer ${token}` });
  return {
    socket,
    async close() {
      socket.close();
      await server.close();
    },
  };
}

/** Starts a confined server before the enclosing describe block's (or file's) tests and closes it after them; calls go over its socket. */
export function useConfinedServer(root: string, token: string): Pick<RpcSocket, 'call'> {
  let server: ConfinedServer | undefined;
  beforeAll(async () => {
    server = await startConfinedServer(root, token);
  });
  afterAll(() => server?.close());
  return {
    call(method, input) {
      if (!server) throw new Error('The confined server starts in beforeAll: call it from a test.');
      return server.socket.call(method, input);
    },
  };
}
