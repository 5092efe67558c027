// Spawns the engine in an Electron utilityProcess (never on the main thread) and speaks RPC with
// it. If it dies unexpectedly (crash, out of memory, killed), calls in flight fail with
// `unavailable`, an `engine-crashed` event goes to the UI, and the next call (or restart())
// starts a fresh one. Nothing finished is lost: the engine caches every extracted cell on disk
// and a re-started analysis reuses them. A call whose signal aborts answers `cancelled` at once and
// the engine process is sent an RpcCancel, which aborts that call's signal there. Every process
// started by a call or restart() is announced (onSpawn), so the window's bulk port is renewed.
import { utilityProcess } from 'electron';
import type { MessagePortMain, UtilityProcess } from 'electron';
import { BULK_PORT_HANDOVER } from '../../src-shared/api/bulk-channel';
import type { ApiEvent, ApiMethodName } from '../../src-shared/api/contract';
import { PruneLensError } from '../../src-shared/base/errors';
import { cancelledError } from '../../src-shared/api/rpc';
import type { RpcMessage, RpcResponse } from '../../src-shared/api/rpc';

export interface EngineProcessOptions {
  entry: string;
  /** Read at every spawn, so a restart picks up changed settings. */
  env: () => Record<string, string>;
  onEvent: (event: ApiEvent) => void;
  /** A new engine process was started by a call or restart(): bulk ports of the old one are dead. */
  onSpawn?: () => void;
}

export interface EngineProcess {
  call(method: ApiMethodName | string, input: unknown, signal?: AbortSignal): Promise<RpcResponse>;
  /** Stops the current process (if any) and starts a fresh one now. */
  restart(): void;
  /** Hands `port` to the engine process (starting one, unannounced, if none runs) as its bulk channel. */
  attachPort(port: MessagePortMain): void;
  dispose(): void;
}

type CrashReason = Extract<ApiEvent, { type: 'engine-crashed' }>['reason'];

/** What killed it: V8's fatal "heap limit" errors and SIGKILL (the OS OOM killer) are the usual. */
export function crashReason(exitCode: number | null, fatalError: string | null): CrashReason {
  if (fatalError && /heap|out of memory|allocation failed|oom/i.test(fatalError)) return 'out-of-memory';
  if (exitCode === 137 || exitCode === 9 || exitCode === -9) return 'killed';
  return 'crashed';
}

export function crashMessage(reason: CrashReason, exitCode: number | null): string {
  const what = reason === 'out-of-memory' ? 'ran out of memory' : reason === 'killed' ? 'was killed (possibly by the system, out of memory)' : 'crashed';
  return `The PruneLens engine ${what} (exit code ${exitCode ?? 'unknown'}). Finished results are cached on disk; restart the engine to continue where it stopped.`;
}

export function startEngineProcess(options: EngineProcessOptions): EngineProcess {
  let child: UtilityProcess | null = null;
  let nextId = 1;
  const responses = new Map<number, (response: RpcResponse) => void>();

  const failPending = (error: PruneLensError) => {
    for (const [id, respond] of responses) respond({ kind: 'error', id, error: error.toPayload() });
    responses.clear();
  };

  const spawn = (): UtilityProcess => {
    const proc = utilityProcess.fork(options.entry, [], { serviceName: 'PruneLens engine', env: { ...process.env, ...options.env() }, stdio: 'inherit' });
    let fatalError: string | null = null;
    proc.on('message', (message: RpcMessage) => {
      if (proc !== child) return;
      if (message.kind === 'event') options.onEvent(message.event);
      else if (message.kind === 'result' || message.kind === 'error') responses.get(message.id)?.(message);
    });
    proc.on('error', (type: string, location: string) => {
      fatalError = `${type} ${location}`;
    });
    proc.on('exit', (code: number | null) => {
      if (proc !== child) return; // stopped on purpose (restart, dispose)
      child = null;
      const reason = crashReason(code, fatalError);
      const message = crashMessage(reason, code);
      failPending(new PruneLensError('unavailable', message));
      options.onEvent({ type: 'engine-crashed', reason, exitCode: code, message });
    });
    return proc;
  };

  const announce = (): UtilityProcess => {
    child = spawn();
    options.onSpawn?.();
    return child;
  };

  const stop = () => {
    const proc = child;
    child = null;
    if (proc) {
      failPending(new PruneLensError('unavailable', 'The engine was restarted; run the request again.'));
      proc.kill();
    }
  };

  return {
    call(method, input, signal) {
      const id = nextId++;
      if (signal?.aborted) return Promise.resolve({ kind: 'error', id, error: cancelledError().toPayload() });
      const proc = child ?? announce();
      return new Promise<RpcResponse>((resolve) => {
        const onAbort = () => {
          if (!responses.delete(id)) return;
          if (proc === child) proc.postMessage({ kind: 'cancel', id } satisfies RpcMessage);
          resolve({ kind: 'error', id, error: cancelledError().toPayload() });
        };
        responses.set(id, (response) => {
          responses.delete(id);
          signal?.removeEventListener('abort', onAbort);
          resolve(response);
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        proc.postMessage({ kind: 'call', id, method, input } satisfies RpcMessage);
      });
    },
    restart() {
      stop();
      announce();
      options.onEvent({ type: 'engine-restarted' });
    },
    attachPort(port) {
      child ??= spawn();
      child.postMessage({ kind: BULK_PORT_HANDOVER }, [port]);
    },
    dispose() {
      stop();
    },
  };
}
