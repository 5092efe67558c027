// One preprocessing per batch: the first task publishes, the others copy (never computing again),
// a failed or vanished publisher makes the others compute themselves, a publisher on another
// thread wakes a waiting one, and the engine's pool groups only batches that make the same tensor
// and recycles a buffer only after a batch that fully succeeded. Bit-identical cache contents
// through the whole pipeline (several models per batch): extraction/cache-bit-identity.test.ts.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { preprocessBatch } from '../../../../src-shared/data/preprocess';
import { inputAdapters } from '../input-adapters';
import type { InputSchema } from '../input-adapter';
import type { ImageBatch, SharedInput } from './image-batch';
import { imageBatcher } from './image-batch';
import { SharedInputPool, fillFromShared } from './shared-input';

const newShared = (length: number): SharedInput => ({ tensor: new Float32Array(new SharedArrayBuffer(4 * length)), state: new Int32Array(new SharedArrayBuffer(4)) });
const schema = (channels: number): InputSchema => ({ kind: 'image', inputs: [{ name: 'x', type: 'float32', shape: ['N', channels, 2, 2] }] });
const spec = { layout: 'NCHW' as const, scale: 255, mean: [0.5], std: [0.25] };
const geometry = { height: 2, width: 2, channels: 1 };

describe('fillFromShared', () => {
  it('computes once: the first task publishes, the next copies the same values', () => {
    const shared = newShared(4);
    let computed = 0;
    const first = new Float32Array(4);
    fillFromShared(shared, first, () => {
      computed++;
      first.set([1, 2, 3, 4]);
    });
    const second = new Float32Array(4);
    fillFromShared(shared, second, () => {
      computed++;
      second.fill(-1);
    });
    expect(computed).toBe(1);
    expect(Array.from(second)).toEqual([1, 2, 3, 4]);
    expect(Array.from(shared.tensor)).toEqual([1, 2, 3, 4]);
  });

  it('computes itself when the publisher failed, timed out, or the sizes differ', () => {
    const shared = newShared(2);
    expect(() => fillFromShared(shared, new Float32Array(2), () => {
      throw new Error('bad pixels');
    })).toThrow('bad pixels');
    const out = new Float32Array(2);
    fillFromShared(shared, out, () => out.set([5, 6]));
    expect(Array.from(out)).toEqual([5, 6]);
    // A publisher that never finishes (its worker died mid-copy): wait, then compute.
    const stuck = newShared(2);
    Atomics.store(stuck.state, 0, 1);
    const mine = new Float32Array(2);
    fillFromShared(stuck, mine, () => mine.set([7, 8]), 20);
    expect(Array.from(mine)).toEqual([7, 8]);
    // A buffer of another length is never copied from.
    const other = newShared(3);
    const sized = new Float32Array(2);
    fillFromShared(other, sized, () => sized.set([9, 9]));
    expect(Atomics.load(other.state, 0)).toBe(0);
  });

  it('wakes a task waiting on a publisher in another thread', async () => {
    const shared = newShared(3);
    Atomics.store(shared.state, 0, 1); // the other thread is filling
    const publisher = new Worker(
      `const { workerData } = require('node:worker_threads');
       const { tensor, state } = workerData;
       setTimeout(() => { tensor.set([0.5, 1.5, 2.5]); Atomics.store(state, 0, 2); Atomics.notify(state, 0); }, 100);`,
      { eval: true, workerData: shared },
    );
    const out = new Float32Array(3);
    let computed = false;
    fillFromShared(shared, out, () => (computed = true), 10_000);
    expect(computed).toBe(false);
    expect(Array.from(out)).toEqual([0.5, 1.5, 2.5]);
    await publisher.terminate();
  });
});

describe('SharedInputPool', () => {
  const batch = (pixels: Uint8Array, channels: number): ImageBatch => imageBatcher(schema(channels), geometry, spec)(pixels, 2);

  it('shares one buffer among the batches that make the same tensor, and none for a lone one', () => {
    const pixels = Uint8Array.from([0, 64, 128, 255, 1, 2, 3, 4]);
    const pool = new SharedInputPool();
    const [a, b, rgb, lone] = [batch(pixels, 1), batch(pixels, 1), batch(pixels, 3), batch(pixels, 3)];
    const other = { ...batch(Uint8Array.from(pixels), 1) }; // equal values, another array: not grouped with the first
    pool.attach([a, b, rgb, other]);
    expect(a.shared).toBeDefined();
    expect(b.shared).toBe(a.shared);
    expect(a.shared!.tensor.length).toBe(2 * 4 * 1);
    expect(rgb.shared).toBeUndefined();
    expect(other.shared).toBeUndefined();
    pool.attach([rgb, lone]);
    expect(rgb.shared!.tensor.length).toBe(2 * 4 * 3);
    expect(lone.shared).toBe(rgb.shared);
  });

  it('gives every task of a batch the tensor preprocessBatch makes, computing it once', () => {
    const pixels = Uint8Array.from([0, 64, 128, 255, 1, 2, 3, 4]);
    const batches = [batch(pixels, 1), batch(pixels, 1), batch(pixels, 1)];
    new SharedInputPool().attach(batches);
    const expected = Array.from(preprocessBatch(pixels, 2, geometry, 1, spec));
    for (const b of batches) {
      const feeds = inputAdapters.toFeeds(schema(1), b, (n) => new Float32Array(n));
      expect(Array.from(feeds.x.data)).toEqual(expected);
    }
    expect(Atomics.load(batches[0].shared!.state, 0)).toBe(2);
  });

  it('recycles a buffer (reset to empty) only after a batch that fully succeeded', () => {
    const pixels = new Uint8Array(8);
    const pool = new SharedInputPool();
    const first = [batch(pixels, 1), batch(pixels, 1)];
    const release = pool.attach(first);
    const shared = first[0].shared!;
    Atomics.store(shared.state, 0, 2);
    release(true);
    expect(Atomics.load(shared.state, 0)).toBe(0);
    const second = [batch(pixels, 1), batch(pixels, 1)];
    const releaseSecond = pool.attach(second);
    expect(second[0].shared).toBe(shared);
    releaseSecond(false); // a task failed or was aborted: it may still be reading; never handed out again
    const third = [batch(pixels, 1), batch(pixels, 1)];
    pool.attach(third);
    expect(third[0].shared).not.toBe(shared);
  });
});
