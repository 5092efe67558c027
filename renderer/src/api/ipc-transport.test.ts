// The desktop transport: a call with a signal carries an id; aborting settles it `cancelled` at
// once and tells the bridge to cancel that id (so the engine stops); calls without a signal carry
// no id; a result after the abort is ignored.
import { describe, expect, it, vi } from 'vitest';
import type { PreloadBridge } from '../../../src-shared/api/bridge';
import type { RpcResponse } from '../../../src-shared/api/rpc';
import { createIpcTransport } from './ipc-transport';

function fakeBridge() {
  const calls: { method: string; callId: number | undefined; answer(response: RpcResponse): void }[] = [];
  const bridge: PreloadBridge = {
    call: (method, _input, callId) => new Promise((resolve) => calls.push({ method, callId, answer: resolve })),
    cancel: vi.fn(),
    onEvent: () => () => {},
  };
  return { bridge, calls };
}

describe('IPC transport', () => {
  it('cancels a call by its id when its signal aborts', async () => {
    const { bridge, calls } = fakeBridge();
    const transport = createIpcTransport(bridge);
    const first = new AbortController();
    const second = new AbortController();
    const a = transport.call('getProjection', {}, first.signal);
    const b = transport.call('getProjection', {}, second.signal);
    expect(calls.map((c) => c.callId)).toEqual([1, 2]);
    second.abort();
    await expect(b).rejects.toMatchObject({ code: 'cancelled' });
    expect(bridge.cancel).toHaveBeenCalledWith(2);
    expect(bridge.cancel).toHaveBeenCalledTimes(1);
    calls[0].answer({ kind: 'result', id: 1, value: 'map' });
    await expect(a).resolves.toBe('map');
    first.abort(); // after the answer: nothing to cancel
    expect(bridge.cancel).toHaveBeenCalledTimes(1);
  });

  it('sends no id without a signal, refuses an already aborted signal without calling, and throws error answers', async () => {
    const { bridge, calls } = fakeBridge();
    const transport = createIpcTransport(bridge);
    const plain = transport.call('getAppInfo', {});
    expect(calls[0].callId).toBeUndefined();
    calls[0].answer({ kind: 'error', id: 1, error: { code: 'not-found', message: 'gone' } });
    await expect(plain).rejects.toMatchObject({ code: 'not-found', message: 'gone' });
    const aborted = new AbortController();
    aborted.abort();
    await expect(transport.call('getAppInfo', {}, aborted.signal)).rejects.toMatchObject({ code: 'cancelled' });
    expect(calls).toHaveLength(1);
    expect(bridge.cancel).not.toHaveBeenCalled();
  });
});
