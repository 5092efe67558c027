// The desktop bulk channel's hand-over, with a mocked `electron` (MessageChannelMain is Node's
// MessageChannel behind MessagePortMain's API): the main process creates a channel per page load
// and per engine process, gives one end to the engine's utility process and the other to the
// window's top frame; the preload passes it on only from the expected channel, with one port, in
// the top frame, once the page itself asked; frames on it reach the engine and come back; a
// foreign page gets nothing, and an engine restart leaves the page with a fresh, live port.
import { EventEmitter } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import type { MessagePort as NodePort } from 'node:worker_threads';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BULK_PORT_CHANNEL, BULK_PORT_HANDOVER, BULK_PORT_OFFER, BULK_PORT_REQUEST } from '../../src-shared/api/bulk-channel';
import type { RpcResponse } from '../../src-shared/api/rpc';
import { decodeFrame, encodeFrame } from '../../src-shared/api/wire-codec';
import type { EnginePort } from '../engine/engine-port';
import { serveEngineOverPort } from '../engine/engine-port';
import { createBulkPortBroker } from './bulk-port';
import { relayBulkPorts } from './bulk-port-preload';
import { startEngineProcess } from './engine-process';

type MainPort = EnginePort & { close(): void; node: NodePort };
const asMainPort = (port: NodePort): MainPort => ({
  node: port,
  on: (_event, listener) => void port.on('message', (data: unknown) => listener({ data })),
  postMessage: (message) => port.postMessage(message),
  start: () => port.start(),
  close: () => port.close(),
});
class FakeChannelMain {
  port1: MainPort;
  port2: NodePort;
  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port1 = asMainPort(port1);
    this.port2 = port2;
  }
}

/** A utility process running the engine: parentPort messages carry the transferred ports; kill() closes them. */
class FakeProcess extends EventEmitter {
  posted: { data: unknown; ports: MainPort[] }[] = [];
  private readonly handlers: ((message: { data: unknown; ports?: readonly EnginePort[] }) => void)[] = [];
  constructor() {
    super();
    const parentPort: EnginePort = { on: (_event, listener) => void this.handlers.push(listener), postMessage: (message) => this.emit('message', message) };
    serveEngineOverPort(fakeEngine as never, parentPort);
  }
  postMessage(data: unknown, ports: MainPort[] = []) {
    this.posted.push({ data, ports });
    for (const listener of this.handlers) listener({ data, ports });
  }
  kill() {
    for (const { ports } of this.posted) for (const port of ports) port.close();
    return true;
  }
}
const spawned: FakeProcess[] = [];
vi.mock('electron', () => ({ utilityProcess: { fork: () => (spawned.push(new FakeProcess()), spawned.at(-1)) } }));

const fakeEngine = {
  subscribe: () => () => {},
  getProjection: async (input: { modelId: string }) => ({ modelId: input.modelId, process: spawned.length, coords: new Float32Array([1.5, Number.NaN, -2]) }),
  getAppInfo: async () => ({ version: 'test' }),
};

/** The window's top frame as the main process sees it, and the preload behind it. */
function fakeWindow(url = 'app://prunelens/index.html', parent: unknown = null) {
  const ipcListeners = new Map<string, ((event: { ports: NodePort[] }, message: unknown) => void)[]>();
  const ipc = { on: (channel: string, listener: never) => ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener]) };
  const sentToFrame: { channel: string; ports: NodePort[] }[] = [];
  const frame = {
    url,
    parent,
    postMessage: (channel: string, message: unknown, ports: NodePort[] = []) => {
      sentToFrame.push({ channel, ports });
      for (const listener of ipcListeners.get(channel) ?? []) listener({ ports }, message);
    },
  };
  const pageListeners: ((event: MessageEvent) => void)[] = [];
  const offered: NodePort[] = [];
  const dispatch = (data: unknown, source: unknown, ports: NodePort[] = []) => {
    const event = { data, source, ports } as unknown as MessageEvent;
    for (const listener of pageListeners) listener(event);
  };
  const win = {
    top: null as unknown,
    postMessage: (data: unknown, _origin: string, ports: NodePort[] = []) => dispatch(data, win, ports),
    addEventListener: (_type: 'message', listener: (event: MessageEvent) => void) => void pageListeners.push(listener),
  };
  win.top = win;
  win.addEventListener('message', (event) => {
    if ((event.data as { type?: string }).type === BULK_PORT_OFFER) offered.push(...(event.ports as unknown as NodePort[]));
  });
  const contents = { isDestroyed: () => false, mainFrame: frame };
  return { ipc, ipcListeners, frame, win, dispatch, contents, sentToFrame, offered, askForPort: () => win.postMessage({ type: BULK_PORT_REQUEST }, '*') };
}

/** A bulk call from the page's end of the channel: a frame out, a frame back. */
function callOver(port: NodePort, id: number, method: string): Promise<RpcResponse> {
  return new Promise((resolve) => {
    port.on('message', (data: Uint8Array) => {
      const reply = decodeFrame(data) as RpcResponse;
      if (reply.id === id) resolve(reply);
    });
    port.postMessage(encodeFrame({ kind: 'call', id, method, input: { path: '/b', modelId: 'dense', setId: 'clean', dims: 2 } }));
  });
}

beforeEach(() => {
  spawned.length = 0;
});

describe('desktop bulk port hand-over', () => {
  it('creates a channel, transfers one end to the engine process and the other to the page, and carries frames between them', async () => {
    const page = fakeWindow();
    relayBulkPorts(page.ipc as never, page.win);
    const engine = startEngineProcess({ entry: '/app/engine-host.mjs', env: () => ({}), onEvent: () => {} });
    const broker = createBulkPortBroker(FakeChannelMain as never, engine, () => page.contents as never);
    expect(broker.connect()).toBe(true);
    expect(spawned).toHaveLength(1);
    expect(spawned[0].posted).toEqual([{ data: { kind: BULK_PORT_HANDOVER }, ports: [expect.anything()] }]);
    expect(page.sentToFrame.map((sent) => [sent.channel, sent.ports.length])).toEqual([[BULK_PORT_CHANNEL, 1]]);
    expect(page.offered).toHaveLength(0); // held until the page asks
    page.askForPort();
    expect(page.offered).toEqual([page.sentToFrame[0].ports[0]]);
    const reply = await callOver(page.offered[0], 7, 'getProjection');
    expect(reply).toMatchObject({ kind: 'result', id: 7, value: { modelId: 'dense', process: 1 } });
    const coords = (reply as { value: { coords: Float32Array } }).value.coords;
    expect(coords).toBeInstanceOf(Float32Array);
    expect(Array.from(coords)).toEqual([1.5, Number.NaN, -2]);
    const refused = await callOver(page.offered[0], 8, 'getAppInfo'); // small calls must pass the shell
    expect(refused).toMatchObject({ kind: 'error', id: 8, error: { code: 'forbidden' } });
    page.offered[0].close();
    engine.dispose();
  });

  it('hands nothing to a foreign page or a sub-frame, nor to a destroyed window', () => {
    const engine = startEngineProcess({ entry: '/app/engine-host.mjs', env: () => ({}), onEvent: () => {} });
    for (const page of [fakeWindow('https://evil.example/index.html'), fakeWindow('file:///tmp/index.html'), fakeWindow('app://prunelens/index.html', {})]) {
      expect(createBulkPortBroker(FakeChannelMain as never, engine, () => page.contents as never).connect()).toBe(false);
      expect(page.sentToFrame).toHaveLength(0);
    }
    const gone = fakeWindow();
    expect(createBulkPortBroker(FakeChannelMain as never, engine, () => ({ ...gone.contents, isDestroyed: () => true }) as never).connect()).toBe(false);
    expect(createBulkPortBroker(FakeChannelMain as never, engine, () => null).connect()).toBe(false);
    expect(spawned).toHaveLength(0); // no engine process started, no port created
  });

  it('the preload passes on only the expected channel, exactly one port, in the top frame, when the page itself asked', () => {
    const page = fakeWindow();
    relayBulkPorts(page.ipc as never, page.win);
    expect([...page.ipcListeners.keys()]).toEqual([BULK_PORT_CHANNEL]); // nothing listens on any other channel
    const { port1, port2 } = new MessageChannel();
    const two = new MessageChannel();
    page.frame.postMessage(BULK_PORT_CHANNEL, null, [two.port1, two.port2]); // two ports: refused
    page.frame.postMessage(BULK_PORT_CHANNEL, null, []); // none: refused
    page.dispatch({ type: BULK_PORT_REQUEST }, {}); // a request from an iframe (another source) is not the page's
    page.dispatch({ type: 'other' }, page.win); // nor is another message of the page
    page.frame.postMessage(BULK_PORT_CHANNEL, null, [port1]);
    expect(page.offered).toHaveLength(0);
    page.askForPort();
    expect(page.offered).toEqual([port1]);
    const sub = fakeWindow('app://prunelens/index.html');
    sub.win.top = {}; // the preload of a sub-frame
    relayBulkPorts(sub.ipc as never, sub.win);
    sub.askForPort();
    sub.frame.postMessage(BULK_PORT_CHANNEL, null, [port2]);
    expect(sub.offered).toHaveLength(0);
    for (const port of [port1, port2, two.port1, two.port2]) port.close();
  });

  it('after an engine restart the page gets a fresh port to the new process, and the old one is closed', async () => {
    const page = fakeWindow();
    relayBulkPorts(page.ipc as never, page.win);
    page.askForPort();
    let broker: { connect(): boolean } | null = null;
    const engine = startEngineProcess({ entry: '/app/engine-host.mjs', env: () => ({}), onEvent: () => {}, onSpawn: () => broker?.connect() });
    broker = createBulkPortBroker(FakeChannelMain as never, engine, () => page.contents as never);
    broker.connect(); // page load
    expect(page.offered).toHaveLength(1);
    const first = page.offered[0];
    const closed = new Promise((resolve) => first.once('close', resolve));
    engine.restart();
    await closed; // the old process is gone and its end of the port with it
    expect(spawned).toHaveLength(2);
    expect(spawned[1].posted.map((p) => p.data)).toEqual([{ kind: BULK_PORT_HANDOVER }]);
    expect(page.offered).toHaveLength(2);
    expect(page.offered[1]).not.toBe(first);
    const reply = await callOver(page.offered[1], 1, 'getProjection');
    expect(reply).toMatchObject({ kind: 'result', value: { process: 2 } });
    page.offered[1].close();
    engine.dispose();
  });
});
