// Spawns the engine in an Electron utilityProcess (never on the main thread) and speaks RPC with
// it. If it dies unexpectedly (crash, out of memory, killed), calls in flight fail with
// `unavailable`, an `engine-crashed` event goes to the UI, and the next call (or restart())
// starts a fresh one. Nothing finished is lost: the engine caches every extracted cell on disk
// and a re-started analysis reuses them.
import { utilityProcess } from 'electron';
import type { UtilityProcess } from 'electron';
import type { ApiEvent, ApiMethodName } from '../../src-shared/api/contract';
import { PruneLensError } from '../../src-shared/api/errors';
import type { RpcMessage, RpcResponse } from '../../src-shared/api/rpc';

export interface EngineProcessOptions {
  entry: string;
  /** Read at every spawn, so a restart picks up changed settings. */
  env: () => Record<string, string>;
  onEvent: (event: ApiEvent) => void;
}

export interface EngineProcess {
  call(method: ApiMethodName | string, input: unknown): Promise<RpcResponse>;
  /** Stops the current process (if any) and starts a fresh one now. */
  restart(): void;
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

  const stop = () => {
    const proc = child;
    child = null;
    if (proc) {
      failPending(new PruneLensError('unavailable', 'The engine was restarted; run the request again.'));
      proc.kill();
    }
  };

  return {
    call(method, input) {
      child ??= spawn();
      const proc = child;
      const id = nextId++;
      return new Promise<RpcResponse>((resolve) => {
        responses.set(id, (response) => {
          responses.delete(id);
          resolve(response);
        });
        proc.postMessage({ kind: 'call', id, method, input } satisfies RpcMessage);
      });
    },
    restart() {
      stop();
      child = spawn();
      options.onEvent({ type: 'engine-restarted' });
    },
    dispose() {
      stop();
    },
  };
}
