// Transport-neutral RPC on top of the contract. A transport only moves `RpcMessage`s; the
// client proxy and the server dispatcher below are shared by IPC and WebSocket alike.
import { apiMethodNames, apiMethods, isApiMethodName } from './contract';
import type { ApiEvent, ApiEventListener, ApiInput, ApiMethodName, ApiResults, PruneLensApi } from './contract';
import { PruneLensError, toErrorPayload } from '../base/errors';
import type { ErrorPayload } from '../base/errors';

export type RpcRequest = { kind: 'call'; id: number; method: string; input: unknown };
/** The client no longer wants call `id` (superseded or dropped): the server aborts its signal; no reply is awaited. */
export type RpcCancel = { kind: 'cancel'; id: number };
export type RpcResponse = { kind: 'result'; id: number; value: unknown } | { kind: 'error'; id: number; error: ErrorPayload };
export type RpcEventMessage = { kind: 'event'; event: ApiEvent };
export type RpcMessage = RpcRequest | RpcCancel | RpcResponse | RpcEventMessage;

/**
 * Calls one client keeps in flight on one connection: serve's server answers more with `busy`
 * (electron/server/ws-connection.ts), so the frame client queues the rest (renderer/src/api/frame-client.ts).
 */
export const MAX_CALLS_IN_FLIGHT = 32;

/** What a client needs from a transport. */
export interface ClientTransport {
  /** `signal` aborting rejects the call at once with `cancelled` and tells the engine to stop its work. */
  call(method: ApiMethodName, input: unknown, signal?: AbortSignal): Promise<unknown>;
  subscribe(listener: ApiEventListener): () => void;
}

/** The typed client: each method also takes an optional `{ signal }` that cancels the call (see ClientTransport.call). */
export type PruneLensClient = {
  [M in ApiMethodName]: (input: ApiInput<M>, options?: CallContext) => Promise<ApiResults[M]>;
} & { subscribe(listener: ApiEventListener): () => void };

/** Builds the typed client from the contract's method list: no hand-kept channel list. */
export function createApiClient(transport: ClientTransport): PruneLensClient {
  const client: Record<string, unknown> = { subscribe: (listener: ApiEventListener) => transport.subscribe(listener) };
  for (const method of apiMethodNames) client[method] = (input: unknown, options?: CallContext) => transport.call(method, input ?? {}, options?.signal);
  return client as PruneLensClient;
}

/** The error a call rejects with when its caller's signal aborts. */
export function cancelledError(): PruneLensError {
  return new PruneLensError('cancelled', 'Cancelled: the request was superseded.');
}

/** Per-call context a transport may pass along: `signal` aborts when the caller is gone (serve: its socket closed). */
export interface CallContext {
  signal?: AbortSignal;
}

/** Validates a request against the contract and runs it; never throws. */
export async function dispatchRequest(api: PruneLensApi, request: unknown, context?: CallContext): Promise<RpcResponse> {
  const id = isRecord(request) && typeof request.id === 'number' ? request.id : -1;
  try {
    if (!isRecord(request) || request.kind !== 'call') throw new PruneLensError('bad-request', 'Malformed request.');
    if (!isApiMethodName(request.method)) throw new PruneLensError('bad-request', `Unknown method '${String(request.method)}'.`);
    const parsed = apiMethods[request.method].input.safeParse(request.input ?? {});
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || '(input)';
      throw new PruneLensError('bad-request', `Invalid input for ${request.method} at ${where}: ${parsed.error.issues[0]?.message}`);
    }
    const handler = api[request.method] as (input: unknown, context?: CallContext) => Promise<unknown>;
    return { kind: 'result', id, value: await handler.call(api, parsed.data, context) };
  } catch (error) {
    return { kind: 'error', id, error: toErrorPayload(error) };
  }
}

/** Client-side bookkeeping of calls in flight, shared by the transports. */
export class PendingCalls {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  open(): { id: number; result: Promise<unknown> } {
    const id = this.nextId++;
    const result = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    return { id, result };
  }

  settle(response: RpcResponse): void {
    const entry = this.pending.get(response.id);
    if (!entry) return;
    this.pending.delete(response.id);
    if (response.kind === 'result') entry.resolve(response.value);
    else entry.reject(PruneLensError.fromPayload(response.error));
  }

  /** Settles call `id` as cancelled (a later reply for it is ignored); true when it was still pending. */
  cancel(id: number): boolean {
    const entry = this.pending.get(id);
    if (!entry) return false;
    this.pending.delete(id);
    entry.reject(cancelledError());
    return true;
  }

  failAll(error: PruneLensError): void {
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }
}

/** A tiny listener set for events. */
export class EventHub {
  private readonly listeners = new Set<ApiEventListener>();

  subscribe(listener: ApiEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ApiEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
