// Worker thread: onnxruntime-node sessions (run() blocks its thread, so it never runs on the
// engine's event loop), corruption batches and projections (which a cancel message stops).
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { PruneLensError, toErrorPayload } from '../../../src-shared/base/errors';
import { applyCorruption } from '../../../src-shared/corruptions/index';
import type { CorruptionName } from '../../../src-shared/bundle/manifest';
import { createRng } from '../../../src-shared/base/rng';
import { inputAdapters } from '../inputs/input-adapters';
import { runProjectTask } from './project-task';
import { runBatch } from './run-batch';
import type { CorruptReply, CorruptTask, InferReply, InferTask, ProjectReply, ProjectTask, WorkerMessage, WorkerTask } from './worker-protocol';

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
    // Failures reach the user as errors with onnxruntime's full message; no native log lines on stderr.
    logSeverityLevel: 4,
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

/**
 * Feed buffers (e.g. preprocessed images), by length, reused from batch to batch: a fresh 1 MB
 * tensor per batch cost page faults and zeroing (profiled: a fifth of the worker's time on
 * MNIST-size models). A buffer is taken for one run and put back once onnxruntime has finished with it.
 */
const spareInputs = new Map<number, Float32Array<ArrayBuffer>>();

async function infer(task: InferTask): Promise<InferReply> {
  const { session, provider, warning } = await sessionFor(task);
  const taken: Float32Array<ArrayBuffer>[] = [];
  const alloc = (length: number) => {
    const buffer = spareInputs.get(length) ?? new Float32Array(length);
    spareInputs.delete(length);
    taken.push(buffer);
    return buffer;
  };
  try {
    const feeds = inputAdapters.toFeeds(task.inputs, task.batch, alloc);
    return reply(task, await runBatch(session, { ...task, fixedBatch: task.inputs.fixedBatch }, feeds), provider, warning);
  } finally {
    for (const buffer of taken) spareInputs.set(buffer.length, buffer);
  }
}

function reply(task: InferTask, out: { logits: Float32Array; features: Float32Array }, executionProvider: string, warning?: string): InferReply {
  return { kind: 'infer', taskId: task.taskId, logits: out.logits, features: out.features, executionProvider, warning };
}

function corrupt(task: CorruptTask): CorruptReply {
  const size = task.height * task.width * task.channels;
  const out = new Uint8Array(task.images.length);
  for (let i = 0; i < task.count; i++) {
    const image = { data: task.images.subarray(i * size, (i + 1) * size), width: task.width, height: task.height, channels: task.channels };
    out.set(applyCorruption(image, task.corruption as CorruptionName, task.severity, createRng(task.seeds[i]), { frostPhotos: task.frostPhotos }), i * size);
  }
  return { kind: 'corrupt', taskId: task.taskId, images: out };
}

/** Projections in flight, by task id: a cancel message aborts one. */
const cancellable = new Map<number, AbortController>();

async function project(task: ProjectTask): Promise<ProjectReply> {
  const controller = new AbortController();
  cancellable.set(task.taskId, controller);
  try {
    return await runProjectTask(task, controller.signal);
  } finally {
    cancellable.delete(task.taskId);
  }
}

// Each kind answers its own reply kind (the pool's `run<K>` resolves with `ReplyOf<K>`).
async function handle(task: WorkerTask): Promise<void> {
  try {
    const reply = task.kind === 'infer' ? await infer(task) : task.kind === 'corrupt' ? corrupt(task) : await project(task);
    const transfer = reply.kind === 'infer' ? [reply.logits.buffer, reply.features.buffer] : reply.kind === 'corrupt' ? [reply.images.buffer] : [reply.coords.buffer, ...(reply.placed ? [reply.placed.buffer] : [])];
    parentPort!.postMessage(reply, transfer as ArrayBuffer[]);
  } catch (error) {
    parentPort!.postMessage({ taskId: task.taskId, error: toErrorPayload(error) });
  }
}

const running = new Set<Promise<void>>();

/**
 * Orderly exit: finish the task in flight, release every session, then end the thread. Never
 * terminate a worker with an onnxruntime call in flight: its completion would reach a torn-down
 * environment and abort the whole process natively ('Napi::Error', exit 134).
 */
async function shutdown(): Promise<void> {
  await Promise.allSettled([...running]);
  const open = [...sessions.values()];
  sessions.clear();
  await Promise.allSettled(open.map((entry) => entry.session.release()));
  process.exit(0);
}

parentPort!.on('message', (message: WorkerMessage) => {
  if (message.kind === 'shutdown') {
    void shutdown();
    return;
  }
  if (message.kind === 'cancel') {
    cancellable.get(message.taskId)?.abort();
    return;
  }
  const done = handle(message).finally(() => running.delete(done));
  running.add(done);
});
