// The pool's RPC is typed by task kind: `run` resolves with that kind's reply (no casts at the
// call sites), takes its options by name, and runs 'interactive' tasks before queued 'normal' ones.
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { PreparedModel } from '../extraction/prepared-model';
import { inferTask } from '../extraction/infer-task';
import { imageBatcher, imageDims } from '../inputs/image/image-batch';
import { WorkerPool } from './worker-pool';
import type { CorruptReply, InferReply, ProjectReply, ReplyOf, TaskInput } from './worker-protocol';

const pool = new WorkerPool({ size: 1 });
afterAll(() => pool.close());

function corruptTask(count: number, seed: number): TaskInput<'corrupt'> & { kind: 'corrupt' } {
  const size = 32 * 32 * 3;
  const images = Uint8Array.from({ length: count * size }, (_, i) => (i * 37 + seed) % 256);
  return { kind: 'corrupt', images, count, height: 32, width: 32, channels: 3, corruption: 'glass_blur', severity: 5, seeds: Uint32Array.from({ length: count }, (_, i) => seed + i) };
}

describe('typed worker RPC', () => {
  it('types each reply by its task kind', () => {
    expectTypeOf<ReplyOf<'infer'>>().toEqualTypeOf<InferReply>();
    expectTypeOf<ReplyOf<'corrupt'>>().toEqualTypeOf<CorruptReply>();
    expectTypeOf<ReplyOf<'project'>>().toEqualTypeOf<ProjectReply>();
    expectTypeOf<ReturnType<typeof pool.run<'corrupt'>>>().resolves.toEqualTypeOf<CorruptReply>();
    expectTypeOf(pool.run<'project'>).returns.resolves.toEqualTypeOf<ProjectReply>();
    // A priority is a name, not a number.
    expectTypeOf(pool.run<'corrupt'>).parameter(1).exclude<undefined>().toHaveProperty('priority').toEqualTypeOf<'interactive' | 'normal' | undefined>();
  });

  it('runs an interactive task before normal ones queued earlier; same class in order', async () => {
    const order: string[] = [];
    const track = (name: string, task: ReturnType<typeof corruptTask>, priority?: 'interactive' | 'normal') =>
      pool.run(task, { transfer: [task.images.buffer as ArrayBuffer], priority }).then((reply) => {
        order.push(name);
        return reply;
      });
    // The first occupies the only worker; the rest queue behind it.
    const all = [track('busy', corruptTask(48, 1)), track('normal-1', corruptTask(1, 2)), track('normal-2', corruptTask(1, 3), 'normal'), track('interactive', corruptTask(1, 4), 'interactive')];
    const replies = await Promise.all(all);
    expect(order).toEqual(['busy', 'interactive', 'normal-1', 'normal-2']);
    expect(replies.map((r) => [r.kind, r.images.length])).toEqual([['corrupt', 48 * 3072], ['corrupt', 3072], ['corrupt', 3072], ['corrupt', 3072]]);
  });

  it('builds one infer task: the model\'s input schema and one batch in its adapter\'s form', () => {
    const input = { kind: 'image', inputs: [{ name: 'x', type: 'float32', shape: [4, 3, 7, 6] }], fixedBatch: 4 } as const;
    const model = { hash: 'h', head: { featureTensor: 'feat' }, runBytes: new Uint8Array(3), input, logitsOutput: 'lo', featureOutput: 'fo' } as unknown as PreparedModel;
    const batch = imageBatcher(model.input, { height: 7, width: 6, channels: 1 }, { layout: 'NCHW', scale: 255, mean: [0], std: [1] })(new Uint8Array(5 * 42), 5);
    expect(batch.channels).toBe(3); // gray images for an RGB input: replicated
    const task = inferTask(model, 'cpu', batch);
    expect(task).toEqual({ kind: 'infer', modelKey: 'hfeat', modelBytes: model.runBytes, executionProvider: 'cpu', inputs: input, batch, logitsName: 'lo', featuresName: 'fo' });
    expect(imageDims(5, { height: 7, width: 6 }, 3, 'NCHW')).toEqual([5, 3, 7, 6]);
    expect(imageDims(5, { height: 7, width: 6 }, 3, 'NHWC')).toEqual([5, 7, 6, 3]);
  });
});
