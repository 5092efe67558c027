// The desktop bulk port on the page side, over Node's MessageChannel: the preload's offer is
// handed to the worker (forwardBulkPorts → acceptHandedPorts), bulk calls are routed there and
// relayed back, and what the engine sends decodes exactly as the same reply sent by serve mode's
// WebSocket does (one frame client for both). A newer port or a closed one fails calls in flight.
import { MessageChannel } from 'node:worker_threads';
import type { MessagePort as NodePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BULK_PORT_OFFER, BULK_PORT_REQUEST } from '../../../src-shared/api/bulk-channel';
import type { ClientTransport, RpcMessage, RpcRequest, RpcResponse } from '../../../src-shared/api/rpc';
import { decodeFrame, encodeFrame } from '../../../src-shared/api/wire-codec';
import { forwardBulkPorts, routeBulkCalls } from './desktop-transport';
import { acceptHandedPorts, createPortTransport } from './port-transport';
import type { RelayPort } from './transport-relay';
import { createRelayedTransport, serveRelay } from './transport-relay';
import { createWebSocketTransport } from './ws-transport';

const ports: NodePort[] = [];
const channel = () => {
  const pair = new MessageChannel();
  ports.push(pair.port1, pair.port2);
  return pair;
};
afterEach(() => ports.splice(0).forEach((port) => port.close()));

/** A reply with every kind of typed array the results carry, non-finite values and an offset view. */
const bulkValue = () => {
  const backing = new Float64Array([9, 0.25, -1e300, 7]);
  return {
    accuracy: new Float32Array([0.5, Number.NaN, Number.POSITIVE_INFINITY, -0]),
    labels: new Int32Array([3, -1, 2147483647]),
    category: new Uint8Array([0, 1, 2, 255]),
    distance: backing.subarray(1, 3),
    corrupted: [{ setId: 'fog', severity: 3, data: new Uint8Array([1, 2, 3]) }],
    models: ['dense', 'p50'],
    empty: new Float32Array(0),
  };
};

/** The engine's side: decodes each call frame and answers with `encodeFrame`, as serve mode and engine-port do. */
const answer = (frame: Uint8Array, calls: RpcRequest[]): Uint8Array => {
  const request = decodeFrame(frame) as RpcRequest;
  calls.push(request);
  return encodeFrame({ kind: 'result', id: request.id, value: bulkValue() } satisfies RpcResponse);
};

function serveModeTransport(calls: RpcRequest[]): ClientTransport {
  class FakeSocket extends EventTarget {
    static OPEN = 1;
    readyState = 1;
    binaryType = 'blob';
    constructor() {
      super();
      queueMicrotask(() => this.dispatchEvent(new Event('open')));
    }
    send(frame: Uint8Array) {
      const reply = answer(frame, calls);
      queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: reply.buffer.slice(reply.byteOffset, reply.byteOffset + reply.byteLength) })));
    }
  }
  vi.stubGlobal('WebSocket', FakeSocket);
  return createWebSocketTransport({ url: 'ws://x/ws', token: null });
}

/** The desktop chain: page window ⇄ worker (a MessageChannel) ⇄ bulk port ⇄ engine. */
function desktopTransport() {
  const listeners: ((event: MessageEvent) => void)[] = [];
  const requests: unknown[] = [];
  const page = { postMessage: (message: unknown) => requests.push(message), addEventListener: (_type: string, listener: (event: MessageEvent) => void) => listeners.push(listener) };
  const deliver = (data: unknown, source: unknown, port: NodePort) => listeners.forEach((listener) => listener({ data, source, ports: [port] } as unknown as MessageEvent));
  const offer = (port: NodePort) => deliver({ type: BULK_PORT_OFFER }, page, port);
  const worker = channel();
  const bulk = createPortTransport();
  acceptHandedPorts(worker.port2 as unknown as RelayPort, bulk);
  serveRelay(bulk, worker.port2 as unknown as RelayPort);
  forwardBulkPorts(page as never, worker.port1 as unknown as Worker);
  const bridgeCalls: string[] = [];
  const bridge: ClientTransport = { call: async (method) => (bridgeCalls.push(method), { via: 'bridge' }), subscribe: () => () => {} };
  const transport = routeBulkCalls(bridge, createRelayedTransport(worker.port1 as unknown as RelayPort));
  worker.port1.start();
  worker.port2.start();
  return { transport, offer, deliver, requests, page, bridgeCalls, bulk };
}

function engineEnd(port: NodePort, calls: RpcRequest[]) {
  port.on('message', (frame: Uint8Array) => port.postMessage(answer(frame, calls))); // MessagePortMain clones: a Uint8Array arrives
}

const input = { path: '/b', modelId: 'dense', setId: 'clean' };

describe('desktop bulk port (renderer side)', () => {
  it('decodes bulk frames arriving on a MessagePort exactly as serve mode decodes the same frames', async () => {
    const serveCalls: RpcRequest[] = [];
    const served = (await serveModeTransport(serveCalls).call('getSampleMetrics', input)) as ReturnType<typeof bulkValue>;
    vi.unstubAllGlobals();
    const desktop = desktopTransport();
    const engine = channel();
    const desktopCalls: RpcRequest[] = [];
    engineEnd(engine.port1, desktopCalls);
    desktop.offer(engine.port2);
    const received = (await desktop.transport.call('getSampleMetrics', input)) as ReturnType<typeof bulkValue>;
    expect(desktopCalls.map((c) => [c.method, c.input])).toEqual(serveCalls.map((c) => [c.method, c.input]));
    expect(received).toEqual(served);
    expect(received).toEqual(bulkValue());
    for (const key of ['accuracy', 'labels', 'category', 'distance', 'empty'] as const) {
      expect(received[key].constructor).toBe(served[key].constructor);
      expect(Array.from(received[key] as ArrayLike<number>)).toEqual(Array.from(served[key] as ArrayLike<number>));
    }
    expect(Object.is(received.accuracy[3], -0)).toBe(true);
    expect(Array.from(received.distance)).toEqual([0.25, -1e300]);
    expect(received.corrupted[0].data).toBeInstanceOf(Uint8Array);
    expect(desktop.bridgeCalls).toEqual([]);
  });

  it('routes only bulk methods to the port: the rest, and events, stay on the bridge', async () => {
    const desktop = desktopTransport();
    await expect(desktop.transport.call('getAppInfo', {})).resolves.toEqual({ via: 'bridge' });
    await expect(desktop.transport.call('startAnalysis', {})).resolves.toEqual({ via: 'bridge' });
    expect(desktop.bridgeCalls).toEqual(['getAppInfo', 'startAnalysis']);
  });

  it('asks the preload once, and takes ports only from the page\'s own window with the offer type', async () => {
    const desktop = desktopTransport();
    expect(desktop.requests).toEqual([{ type: BULK_PORT_REQUEST }]);
    const foreign = channel();
    const calls: RpcRequest[] = [];
    engineEnd(foreign.port1, calls);
    desktop.deliver({ type: BULK_PORT_OFFER }, {}, foreign.port2); // from an iframe
    const other = channel();
    engineEnd(other.port1, calls);
    desktop.deliver({ type: 'something-else' }, desktop.page, other.port2);
    const pending = desktop.transport.call('getEvaluation', { path: '/b' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toEqual([]); // no port taken: the call still waits
    const own = channel();
    engineEnd(own.port1, calls);
    desktop.offer(own.port2);
    await expect(pending).resolves.toEqual(bulkValue());
    expect(calls.map((c) => c.method)).toEqual(['getEvaluation']);
  });

  it('cancels over the port: the call answers `cancelled` and the engine gets a cancel frame for its id', async () => {
    const desktop = desktopTransport();
    const engine = channel();
    const seen: RpcMessage[] = [];
    engine.port1.on('message', (frame: Uint8Array) => seen.push(decodeFrame(frame) as RpcMessage)); // works until cancelled
    desktop.offer(engine.port2);
    const controller = new AbortController();
    const call = desktop.transport.call('getOcclusion', { path: '/b' }, controller.signal);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'cancelled' });
    const sent = seen[0] as RpcRequest;
    await vi.waitFor(() => expect(seen).toEqual([sent, { kind: 'cancel', id: sent.id }]));
    expect(sent.method).toBe('getOcclusion');
  });

  it('waits for the first port, and fails calls in flight when a newer port replaces it or its far end closes', async () => {
    const desktop = desktopTransport();
    const first = channel();
    const seen: RpcRequest[] = [];
    first.port1.on('message', (frame: Uint8Array) => seen.push(decodeFrame(frame) as RpcRequest)); // never answers
    const waiting = desktop.transport.call('getProjection', { ...input, dims: 2 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    desktop.offer(first.port2);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    const second = channel();
    const secondCalls: RpcRequest[] = [];
    engineEnd(second.port1, secondCalls);
    desktop.offer(second.port2);
    await expect(waiting).rejects.toMatchObject({ code: 'unavailable' });
    await expect(desktop.transport.call('getProjection', { ...input, dims: 2 })).resolves.toEqual(bulkValue());
    const stuck = channel();
    stuck.port1.on('message', () => {});
    desktop.offer(stuck.port2);
    const inFlight = desktop.transport.call('getSimilarity', { path: '/b' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    stuck.port1.close(); // the engine process died
    await expect(inFlight).rejects.toMatchObject({ code: 'unavailable' });
  });
});
