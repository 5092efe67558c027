// Runs unpack tasks (unpack-worker.ts) in up to two worker threads, so inflating an untrusted
// archive entry or gzip file, or parsing an untrusted ONNX model, never blocks the engine's event
// loop (every client, static files).
// A task that overruns its time budget is stopped inside the worker; should the worker not answer
// even then, it is terminated. Idle workers are unref'd so they never keep a process alive.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PruneLensError } from '../../../src-shared/base/errors';
import type { ExternalDataTask, ExternalListOutput, ModelSummaryOutput, ModelSummaryTask, UnpackReply, UnpackTask, WorkerTask } from './unpack-protocol';

/** Workers inflating at once (others queue). */
export const UNPACK_WORKERS = 2;
/** Time budget per entry or file: inflation stops with `bad-data` after this long. */
export const UNPACK_TIME_BUDGET_MS = 20_000;
/** Extra time before a worker that ignores its budget is terminated. */
const TERMINATE_GRACE_MS = 5_000;
const IDLE_EXIT_MS = 30_000;

/** Time budget for decoding and analysing one ONNX model. */
export const MODEL_PARSE_TIME_BUDGET_MS = 30_000;

export type UnpackRequest = Omit<UnpackTask, 'id' | 'timeBudgetMs'> & { timeBudgetMs?: number };
export type ModelSummaryRequest = Omit<ModelSummaryTask, 'id' | 'kind' | 'timeBudgetMs'> & { timeBudgetMs?: number };
type ExternalRequest<K extends ExternalDataTask['kind']> = Omit<Extract<ExternalDataTask, { kind: K }>, 'id' | 'kind' | 'timeBudgetMs'> & { timeBudgetMs?: number };
/** Tasks that parse a model: stopped by terminating the worker at the time budget (no grace). */
const isParse = (task: WorkerTask) => task.kind === 'model-summary' || task.kind === 'external-list' || task.kind === 'external-inline';

interface Job {
  task: WorkerTask;
  resolve(output: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

function workerEntry(): URL {
  const bundled = new URL('./unpack-worker.mjs', import.meta.url);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL('./unpack-worker-source.mjs', import.meta.url);
}

const slots = new Set<Slot>();
const queue: Job[] = [];
let nextId = 1;

function finish(slot: Slot, settle: (job: Job) => void): void {
  const job = slot.job;
  if (slot.timer) clearTimeout(slot.timer);
  slot.job = null;
  slot.timer = null;
  if (job) settle(job);
  if (slots.has(slot)) {
    slot.worker.unref();
    slot.timer = setTimeout(() => retire(slot), IDLE_EXIT_MS);
    slot.timer.unref();
  }
  pump();
}

function retire(slot: Slot): void {
  slots.delete(slot);
  void slot.worker.terminate();
}

function spawn(): Slot {
  const slot: Slot = { worker: new Worker(workerEntry()), job: null, timer: null };
  slot.worker.on('message', (reply: UnpackReply) => {
    if (reply.id !== slot.job?.task.id) return;
    finish(slot, (job) => (reply.ok ? job.resolve(reply.output) : job.reject(PruneLensError.fromPayload(reply.error))));
  });
  const died = (why: string) => {
    slots.delete(slot);
    finish(slot, (job) => job.reject(new PruneLensError('internal', `${job.task.fileLabel}: the unpack worker ${why}.`, { file: job.task.fileLabel })));
  };
  slot.worker.on('error', (error) => died(`failed (${error.message})`));
  slot.worker.on('exit', () => died('stopped'));
  slots.add(slot);
  return slot;
}

function pump(): void {
  while (queue.length > 0) {
    let slot = [...slots].find((s) => s.job === null);
    if (!slot && slots.size < UNPACK_WORKERS) slot = spawn();
    if (!slot) return;
    const job = queue.shift()!;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      slots.delete(slot);
      void slot.worker.terminate();
      const what = isParse(job.task) ? 'parsing the model' : 'decompression';
      finish(slot, (j) => j.reject(new PruneLensError('bad-data', `${j.task.fileLabel}: ${what} took longer than its ${j.task.timeBudgetMs / 1000}-second budget.`, { file: j.task.fileLabel })));
    }, isParse(job.task) ? job.task.timeBudgetMs : job.task.timeBudgetMs + TERMINATE_GRACE_MS);
    const buffers = [job.task.input, ...(job.task.kind === 'external-inline' ? job.task.chunks : [])];
    const owned = buffers.filter((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer).map((b) => b.buffer as ArrayBuffer);
    slot.worker.postMessage(job.task, [...new Set(owned)]);
  }
}

/**
 * Inflates (or CRC-checks) untrusted bytes in a worker thread. `input` is transferred when it owns
 * its buffer: the caller must not use it afterwards.
 */
export function unpackOffThread(request: UnpackRequest): Promise<Uint8Array> {
  return runOffThread({ ...request, id: nextId++, timeBudgetMs: request.timeBudgetMs ?? UNPACK_TIME_BUDGET_MS }) as Promise<Uint8Array>;
}

/**
 * Decodes and analyses untrusted ONNX bytes in a worker thread (a model past its time budget is
 * refused with `bad-data` and its worker stopped). `input` is transferred as for unpackOffThread.
 */
export function summarizeModelOffThread(request: ModelSummaryRequest): Promise<ModelSummaryOutput> {
  return runOffThread({ ...request, kind: 'model-summary', id: nextId++, timeBudgetMs: request.timeBudgetMs ?? MODEL_PARSE_TIME_BUDGET_MS }) as Promise<ModelSummaryOutput>;
}

/**
 * Where a model's external tensors keep their bytes (refs null when it has none), decoded in a
 * worker thread; `input` is transferred and comes back as `output.input`.
 */
export function listExternalDataOffThread(request: ExternalRequest<'external-list'>): Promise<ExternalListOutput> {
  return runOffThread({ ...request, kind: 'external-list', id: nextId++, timeBudgetMs: request.timeBudgetMs ?? MODEL_PARSE_TIME_BUDGET_MS }) as Promise<ExternalListOutput>;
}

/** The model with `chunks` (its listed external tensors' bytes) inlined, re-encoded in a worker thread; every buffer is transferred. */
export function inlineExternalDataOffThread(request: ExternalRequest<'external-inline'>): Promise<Uint8Array> {
  return runOffThread({ ...request, kind: 'external-inline', id: nextId++, timeBudgetMs: request.timeBudgetMs ?? MODEL_PARSE_TIME_BUDGET_MS }) as Promise<Uint8Array>;
}

function runOffThread(task: WorkerTask): Promise<unknown> {
  return new Promise((resolve, reject) => {
    queue.push({ task, resolve, reject });
    pump();
  });
}

/** Terminates idle workers now (engine restart and dispose: their memory goes back at once); busy ones finish first. */
export async function stopIdleUnpackWorkers(): Promise<void> {
  await Promise.all([...slots].filter((slot) => slot.job === null).map(async (slot) => {
    if (slot.timer) clearTimeout(slot.timer);
    slots.delete(slot);
    await slot.worker.terminate();
  }));
}
