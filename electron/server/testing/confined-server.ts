// A serve-mode server confined to one root, as `prunelens serve` runs it, with an RPC socket
// connected: for tests that attack it over the WebSocket.
import { createEngine } from '../../engine/engine';
import { confineEngine, createPathConfinement } from '../confine';
import { startServer } from '../serve';
import { connectRpc } from './ws-rpc-client';
import type { RpcSocket } from './ws-rpc-client';

export interface ConfinedServer {
  socket: RpcSocket;
  close(): Promise<void>;
}

export async function startConfinedServer(root: string, token: string): Promise<ConfinedServer> {
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
