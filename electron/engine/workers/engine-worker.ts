// Worker thread: onnxruntime-node sessions (run() blocks its thread, so it never runs on the
// engine's event loop) and corruption batches.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { PruneLensError, toErrorPayload } from '../../../src-shared/api/errors';
import { applyCorruption } from '../../../src-shared/corruptions/index';
import { preprocessBatch } from '../../../src-shared/data/preprocess';
import type { CorruptionName } from '../../../src-shared/bundle/manifest';
import { createRng } from '../../../src-shared/util/rng';
import { runProjectTask } from './project-task';
import type { CorruptTask, InferTask, WorkerReply, WorkerTask } from './worker-protocol';

const { intraOpThreads = 1, nice = 0 } = (workerData ?? {}) as { intraOpThreads?: number; nice?: number };
// Before any onnxruntime thread exists (they inherit it): pid 0 is this thread on Linux.
if (nice > 0) {
  try {
    setPriority(0, nice);
  } catch {
    // Not permitted here: run at normal priority.
  }
}
const sessions = new Map<string, { session: ort.InferenceSession; provider: string; warning?: string }>();

async function sessionFor(task: InferTask) {
  const cached = sessions.get(task.modelKey);
  if (cached) return cached;
  if (!task.modelBytes) throw new PruneLensError('internal', `Worker has no bytes for model ${task.modelKey}.`);
  const options = (provider: string): ort.InferenceSession.SessionOptions => ({
    executionProviders: [provider],
    intraOpNumThreads: intraOpThreads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  let entry;
  try {
    entry = { session: await ort.InferenceSession.create(task.modelBytes, options(task.executionProvider)), provider: task.executionProvider };
  } catch (error) {
    if (task.executionProvider === 'cpu') throw new PruneLensError('inference-failed', `onnxruntime could not load the model: ${(error as Error).message}`);
    const warning = `Execution provider '${task.executionProvider}' failed (${(error as Error).message.split('\n')[0]}); fell back to CPU.`;
    entry = { session: await ort.InferenceSession.create(task.modelBytes, options('cpu')), provider: 'cpu', warning };
  }
  sessions.set(task.modelKey, entry);
  return entry;
}

async function infer(task: InferTask): Promise<WorkerReply> {
  const { session, provider, warning } = await sessionFor(task);
  const input = task.input ?? (task.pixels ? preprocessBatch(task.pixels.data, task.pixels.count, task.pixels.geometry, task.pixels.channels, task.pixels.spec) : null);
  if (!input) throw new PruneLensError('internal', 'Inference task without input.');
  const feeds = { [task.inputName]: new ort.Tensor('float32', input, task.inputDims) };
  let outputs;
  try {
    outputs = await session.run(feeds, [task.logitsName, task.featuresName]);
  } catch (error) {
    throw new PruneLensError('inference-failed', `Inference failed: ${(error as Error).message.split('\n')[0]}`);
  }
  const logits = outputs[task.logitsName].data as Float32Array;
  const features = outputs[task.featuresName].data as Float32Array;
  // Copy out of onnxruntime's buffers so they can be transferred.
  return { kind: 'infer', taskId: task.taskId, logits: new Float32Array(logits), features: new Float32Array(features), executionProvider: provider, warning };
}

function corrupt(task: CorruptTask): WorkerReply {
  const size = task.height * task.width * task.channels;
  const out = new Uint8Array(task.images.length);
  for (let i = 0; i < task.count; i++) {
    const image = { data: task.images.subarray(i * size, (i + 1) * size), width: task.width, height: task.height, channels: task.channels };
    out.set(applyCorruption(image, task.corruption as CorruptionName, task.severity, createRng(task.seeds[i])), i * size);
  }
  return { kind: 'corrupt', taskId: task.taskId, images: out };
}

parentPort!.on('message', async (task: WorkerTask) => {
  try {
    const reply = task.kind === 'infer' ? await infer(task) : task.kind === 'corrupt' ? corrupt(task) : await runProjectTask(task);
    const transfer = reply.kind === 'infer' ? [reply.logits.buffer, reply.features.buffer] : reply.kind === 'corrupt' ? [reply.images.buffer] : [reply.coords.buffer, ...(reply.placed ? [reply.placed.buffer] : [])];
    parentPort!.postMessage(reply, transfer as ArrayBuffer[]);
  } catch (error) {
    parentPort!.postMessage({ taskId: task.taskId, error: toErrorPayload(error) });
  }
});
