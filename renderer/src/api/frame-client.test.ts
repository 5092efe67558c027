// The frame client keeps at most its limit of calls in flight (serve answers more with `busy`):
// the rest are sent in order as earlier ones settle; a queued call can be aborted (never sent) and
// a lost connection fails queued calls too.
import { describe, expect, it } from 'vitest';
import type { RpcMessage } from '../../../src-shared/api/rpc';
import { decodeFrame, encodeFrame } from '../../../src-shared/api/wire-codec';
import { createFrameClient } from './frame-client';
import { PruneLensError } from '../../../src-shared/base/errors';

function harness(limit: number) {
  const client = createFrameClient(limit);
  const sent: RpcMessage[] = [];
  const send = (frame: Uint8Array) => sent.push(decodeFrame(frame) as RpcMessage);
  const calls = () => sent.filter((m): m is Extract<RpcMessage, { kind: 'call' }> => m.kind === 'call');
  const answer = (id: number) => client.receive(encodeFrame({ kind: 'result', id, value: id } satisfies RpcMessage));
  const settled = (p: Promise<unknown>) => p.then((v) => ({ ok: v }), (e: unknown) => ({ error: (e as PruneLensError).code }));
  return { client, send, sent, calls, answer, settled };
}

const turn = () => new Promise((r) => setTimeout(r, 0));

describe('frame client in-flight limit', () => {
  it('sends at most the limit, then one more per settled call, in order', async () => {
    const h = harness(2);
    const results = [0, 1, 2, 3].map((k) => h.settled(h.client.call(h.send, 'getEvaluation', { k })));
    await turn();
    expect(h.calls().map((c) => (c.input as { k: number }).k)).toEqual([0, 1]);
    h.answer(h.calls()[1].id);
    await turn();
    expect(h.calls().map((c) => (c.input as { k: number }).k)).toEqual([0, 1, 2]);
    h.answer(h.calls()[0].id);
    h.answer(h.calls()[2].id);
    await turn();
    h.answer(h.calls()[3].id);
    expect((await Promise.all(results)).map((r) => 'ok' in r)).toEqual([true, true, true, true]);
    expect(h.calls()).toHaveLength(4);
  });

  it('an aborted queued call is never sent and frees no one else\'s slot', async () => {
    const h = harness(1);
    const first = h.settled(h.client.call(h.send, 'getEvaluation', { k: 0 }));
    const gaveUp = new AbortController();
    const queued = h.settled(h.client.call(h.send, 'getEvaluation', { k: 1 }, gaveUp.signal));
    const third = h.settled(h.client.call(h.send, 'getEvaluation', { k: 2 }));
    await turn();
    gaveUp.abort();
    expect(await queued).toEqual({ error: 'cancelled' });
    expect(h.calls()).toHaveLength(1);
    h.answer(h.calls()[0].id);
    await turn();
    expect(h.calls().map((c) => (c.input as { k: number }).k)).toEqual([0, 2]);
    h.answer(h.calls()[1].id);
    expect([await first, await third].map((r) => 'ok' in r)).toEqual([true, true]);
  });

  it('a lost connection fails the calls in flight and the queued ones', async () => {
    const h = harness(1);
    const results = [0, 1, 2].map((k) => h.settled(h.client.call(h.send, 'getEvaluation', { k })));
    await turn();
    h.client.failAll(new PruneLensError('unavailable', 'gone'));
    expect(await Promise.all(results)).toEqual([{ error: 'unavailable' }, { error: 'unavailable' }, { error: 'unavailable' }]);
    expect(h.calls()).toHaveLength(1);
  });
});
