// Spawns the engine in an Electron utilityProcess (never on the main thread) and speaks RPC
// with it. If it dies (crash, out of memory), pending calls fail with a clear error and the
// next call starts a fresh one; results already cached on disk are not lost.
import { utilityProcess } from 'electron';
import type { UtilityProcess } from 'electron';
import type { ApiEvent, ApiMethodName } from '../../src-shared/api/contract';
import { PruneLensError } from '../../src-shared/api/errors';
import type { RpcMessage, RpcResponse } from '../../src-shared/api/rpc';

export interface EngineProcess {
  call(method: ApiMethodName | string, input: unknown): Promise<RpcResponse>;
  dispose(): void;
}

export function startEngineProcess(entry: string, env: Record<string, string>, onEvent: (event: ApiEvent) => void): EngineProcess {
  let child: UtilityProcess | null = null;
  let nextId = 1;
  const responses = new Map<number, (response: RpcResponse) => void>();

  const spawn = (): UtilityProcess => {
    const proc = utilityProcess.fork(entry, [], { serviceName: 'PruneLens engine', env: { ...process.env, ...env }, stdio: 'inherit' });
    proc.on('message', (message: RpcMessage) => {
      if (message.kind === 'event') onEvent(message.event);
      else if (message.kind === 'result' || message.kind === 'error') responses.get(message.id)?.(message);
    });
    proc.on('exit', (code) => {
      child = null;
      const error = new PruneLensError('unavailable', `The PruneLens engine stopped (exit code ${code}). Your finished results are cached; use Restart engine to continue.`);
      for (const [id, respond] of responses) respond({ kind: 'error', id, error: error.toPayload() });
      responses.clear();
      onEvent({ type: 'log', level: 'error', message: error.message });
    });
    return proc;
  };

  return {
    call(method, input) {
      child ??= spawn();
      const id = nextId++;
      return new Promise<RpcResponse>((resolve) => {
        responses.set(id, (response) => {
          responses.delete(id);
          resolve(response);
        });
        child!.postMessage({ kind: 'call', id, method, input } satisfies RpcMessage);
      });
    },
    dispose() {
      child?.kill();
      child = null;
    },
  };
}
