// Shared projections are reference-counted: a caller that cancels stops waiting at once while the
// others still get the map; when the last interested caller has cancelled (or disconnected) the
// computation is cancelled in the pool, also the dense map it was waiting for unless someone else
// still wants that. The session, cells and pool are stand-ins that record what the pool was asked.
import { describe, expect, it } from 'vitest';
import { projectionStubs } from '../../../tools/testing/projection-stubs';
import type { ProjectReply, ProjectTask } from '../workers/worker-protocol';

interface PoolCall {
  task: ProjectTask;
  signal: AbortSignal | undefined;
  finish(): void;
}

/** A pool whose calls wait until the test finishes them (coords: the call's number, 1-based). */
function fixture() {
  const calls: PoolCall[] = [];
  const stubs = projectionStubs(
    (task, { signal }) =>
      new Promise<ProjectReply>((resolve, reject) => {
        const call: PoolCall = { task, signal, finish: () => resolve({ kind: 'project', taskId: 0, coords: new Float32Array(9).fill(calls.indexOf(call) + 1), residual: 0 }) };
        calls.push(call);
        // Like WorkerPool: an aborted task answers `cancelled`.
        signal?.addEventListener('abort', () => reject(Object.assign(new Error('Cancelled.'), { code: 'cancelled' })), { once: true });
      }),
  );
  const session = stubs.open(3);
  const ask = (modelId: string, signal?: AbortSignal) => stubs.ask(session, modelId, { signal });
  return { calls, ask };
}

// Long enough for a projection to look in its (empty) disk cache and reach the pool.
const tick = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('shared projections', () => {
  it('keeps computing for the callers still interested when one cancels', async () => {
    const { calls, ask } = fixture();
    const a = new AbortController();
    const b = new AbortController();
    const first = ask('dense', a.signal);
    const second = ask('dense', b.signal);
    await tick();
    expect(calls).toHaveLength(1); // one computation for both
    a.abort();
    await expect(first).rejects.toMatchObject({ code: 'cancelled' });
    expect(calls[0].signal!.aborted).toBe(false);
    calls[0].finish();
    expect((await second).coords[0]).toBe(1);
  });

  it('cancels the computation when the last interested caller cancels, and starts afresh for the next one', async () => {
    const { calls, ask } = fixture();
    const a = new AbortController();
    const b = new AbortController();
    const first = ask('dense', a.signal);
    const second = ask('dense', b.signal);
    await tick();
    a.abort();
    b.abort();
    await expect(first).rejects.toMatchObject({ code: 'cancelled' });
    await expect(second).rejects.toMatchObject({ code: 'cancelled' });
    expect(calls[0].signal!.aborted).toBe(true);
    const third = ask('dense', new AbortController().signal);
    await tick();
    expect(calls).toHaveLength(2);
    calls[1].finish();
    expect((await third).coords[0]).toBe(2);
  });

  it('never cancels a computation a caller without a signal asked for', async () => {
    const { calls, ask } = fixture();
    const a = new AbortController();
    const withSignal = ask('dense', a.signal);
    const plain = ask('dense');
    await tick();
    a.abort();
    await expect(withSignal).rejects.toMatchObject({ code: 'cancelled' });
    expect(calls[0].signal!.aborted).toBe(false);
    calls[0].finish();
    expect((await plain).coords[0]).toBe(1);
  });

  it('lets go of the dense map a cancelled pruned projection waited for, unless another caller wants it', async () => {
    const { calls, ask } = fixture();
    const p = new AbortController();
    const pruned = ask('pruned', p.signal);
    await tick();
    expect(calls.map((c) => c.task.mapKey)).toEqual(['h-dense:data:3']); // the pruned map waits for the dense one
    p.abort();
    await expect(pruned).rejects.toMatchObject({ code: 'cancelled' });
    expect(calls[0].signal!.aborted).toBe(true);

    // Again, with a client that wants the dense map itself: it keeps running and is delivered.
    const q = new AbortController();
    const prunedAgain = ask('pruned', q.signal);
    const dense = ask('dense', new AbortController().signal);
    await tick();
    expect(calls).toHaveLength(2);
    q.abort();
    await expect(prunedAgain).rejects.toMatchObject({ code: 'cancelled' });
    expect(calls[1].signal!.aborted).toBe(false);
    calls[1].finish();
    expect((await dense).coords[0]).toBe(2);
    await tick();
    expect(calls).toHaveLength(2); // the cancelled pruned projection never reached the pool
  });

  it('refuses a caller whose signal has already aborted without starting anything', async () => {
    const { calls, ask } = fixture();
    const a = new AbortController();
    a.abort();
    await expect(ask('dense', a.signal)).rejects.toMatchObject({ code: 'cancelled' });
    await tick();
    expect(calls).toHaveLength(0);
  });
});
