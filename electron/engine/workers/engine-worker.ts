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
import { runBatch } from './run-batch';
import type { CorruptTask, InferTask, WorkerMessage, WorkerReply, WorkerTask } from './worker-protocol';

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

async function infer(task: InferTask): Promise<WorkerReply> {
  const { session, provider, warning } = await sessionFor(task);
  const input = task.input ?? (task.pixels ? preprocessBatch(task.pixels.data, task.pixels.count, task.pixels.geometry, task.pixels.channels, task.pixels.spec) : null);
  if (!input) throw new PruneLensError('internal', 'Inference task without input.');
  const inputType = task.inputType ?? 'float32';
  const { logits, features } = await runBatch(session, { ...task, inputType }, input);
  return { kind: 'infer', taskId: task.taskId, logits, features, executionProvider: provider, warning };
}

function corrupt(task: CorruptTask): WorkerReply {
  const size = task.height * task.width * task.channels;
  const out = new Uint8Array(task.images.length);
  for (let i = 0; i < task.count; i++) {
    const image = { data: task.images.subarray(i * size, (i + 1) * size), width: task.width, height: task.height, channels: task.channels };
    out.set(applyCorruption(image, task.corruption as CorruptionName, task.severity, createRng(task.seeds[i]), { frostPhotos: task.frostPhotos }), i * size);
  }
  return { kind: 'corrupt', taskId: task.taskId, images: out };
}

async function handle(task: WorkerTask): Promise<void> {
  try {
    const reply = task.kind === 'infer' ? await infer(task) : task.kind === 'corrupt' ? corrupt(task) : await runProjectTask(task);
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
  const done = handle(message).finally(() => running.delete(done));
  running.add(done);
});
