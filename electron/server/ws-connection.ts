// One serve-mode WebSocket: calls in, replies and events out, with limits so one client cannot
// make the server do unbounded work — at most `maxRunning` calls worked on at once (the UI's
// bursts wait in order), at most `maxInFlight` accepted in all (more get `busy`),
// replies paced by the socket's unsent bytes (a client that does not read gets no more work
// done for it, and is dropped if it keeps calling), heavy calls through the global gate, and every
// call's AbortSignal fired when the socket closes or the client sends `cancel` for its id.
import type { WebSocket } from 'ws';
import type { PruneLensApi } from '../../src-shared/api/contract';
import { isApiMethodName } from '../../src-shared/api/contract';
import { PruneLensError, toErrorPayload } from '../../src-shared/base/errors';
import { MAX_CALLS_IN_FLIGHT, dispatchRequest, isRecord } from '../../src-shared/api/rpc';
import type { RpcResponse } from '../../src-shared/api/rpc';
import { decodeFrame, encodeFrame } from '../../src-shared/api/wire-codec';
import { HEAVY_METHODS } from './heavy-gate';
import type { HeavyGate } from './heavy-gate';

export interface ConnectionLimits {
  /** Calls of one connection worked on at once; the next ones wait in arrival order. */
  maxRunning: number;
  /** Calls of one connection accepted (running, waiting to run, or replies waiting to be sent); more are answered `busy`. */
  maxInFlight: number;
  /** Replies wait while the socket holds more unsent bytes than this. */
  maxBufferedBytes: number;
  /** Replies waiting for a client that does not read; one more and the connection is dropped. */
  maxQueuedReplies: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = { maxRunning: 8, maxInFlight: MAX_CALLS_IN_FLIGHT, maxBufferedBytes: 16 * 1024 * 1024, maxQueuedReplies: 64 };
/** Events are dropped with the connection when its unsent bytes pass this many times maxBufferedBytes. */
const EVENT_BACKLOG_FACTOR = 4;
const FLUSH_POLL_MS = 10;

export interface Connection {
  /** Sends an engine event, or drops a connection that stopped reading long ago. */
  sendEvent(frame: Uint8Array): void;
}

export function serveConnection(ws: WebSocket, engine: PruneLensApi, gate: HeavyGate, limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS): Connection {
  let inFlight = 0;
  let running = 0;
  const waiting: (() => void)[] = [];
  const controllers = new Set<AbortController>();
  /** Calls by their client id, for `cancel` frames. */
  const byId = new Map<number, AbortController>();
  const outbox: { frame: Uint8Array; counted: boolean }[] = [];
  let timer: NodeJS.Timeout | null = null;
  const open = () => ws.readyState === ws.OPEN;

  const flush = () => {
    while (outbox.length > 0 && open() && ws.bufferedAmount < limits.maxBufferedBytes) {
      const next = outbox.shift()!;
      if (next.counted) inFlight--;
      ws.send(next.frame);
    }
    if (outbox.length > 0 && open() && !timer) {
      timer = setTimeout(() => {
        timer = null;
        flush();
      }, FLUSH_POLL_MS);
    }
  };
  const reply = (response: RpcResponse, counted: boolean) => {
    outbox.push({ frame: encodeFrame(response), counted });
    if (outbox.length > limits.maxQueuedReplies) {
      ws.terminate(); // keeps calling, never reads
      return;
    }
    flush();
  };

  ws.on('message', async (data, isBinary) => {
    let request: unknown;
    try {
      request = isBinary ? decodeFrame(new Uint8Array(data as Buffer)) : JSON.parse(String(data));
    } catch {
      request = null;
    }
    const id = isRecord(request) && typeof request.id === 'number' ? request.id : -1;
    if (isRecord(request) && request.kind === 'cancel') {
      byId.get(id)?.abort(new PruneLensError('cancelled', 'Cancelled: the client superseded this call.'));
      return;
    }
    if (inFlight >= limits.maxInFlight) {
      const busy = new PruneLensError('busy', `This connection already has ${limits.maxInFlight} calls in flight; wait for their answers.`);
      reply({ kind: 'error', id, error: busy.toPayload() }, false);
      return;
    }
    inFlight++;
    const controller = new AbortController();
    controllers.add(controller);
    if (id >= 0 && !byId.has(id)) byId.set(id, controller);
    if (running >= limits.maxRunning) await new Promise<void>((resolve) => waiting.push(resolve));
    if (!open()) return; // the socket closed while this call waited: it never runs
    running++;
    const method = isRecord(request) && isApiMethodName(request.method) ? request.method : null;
    const dispatch = () => dispatchRequest(engine, request, { signal: controller.signal });
    const response: RpcResponse = controller.signal.aborted
      ? { kind: 'error', id, error: toErrorPayload(controller.signal.reason) } // cancelled while it waited: it never runs
      : method && HEAVY_METHODS.has(method)
        ? await gate.run(dispatch, controller.signal).catch((error: unknown) => ({ kind: 'error', id, error: toErrorPayload(error) }))
        : await dispatch();
    running--;
    waiting.shift()?.();
    controllers.delete(controller);
    if (byId.get(id) === controller) byId.delete(id);
    if (!open()) {
      inFlight--;
      return;
    }
    reply(response, true);
  });

  ws.on('close', () => {
    for (const controller of controllers) controller.abort(new PruneLensError('cancelled', 'Cancelled: the client went away.'));
    controllers.clear();
    byId.clear();
    outbox.length = 0;
    for (const wake of waiting.splice(0)) wake();
    if (timer) clearTimeout(timer);
  });

  return {
    sendEvent(frame) {
      if (!open()) return;
      if (ws.bufferedAmount > EVENT_BACKLOG_FACTOR * limits.maxBufferedBytes) ws.terminate();
      else ws.send(frame);
    },
  };
}
