// A fixed pool of worker threads running engine tasks (inference, corruption). Typed arrays are
// transferred, not copied. A crashed worker fails only its own task and is replaced. A task whose
// signal aborts is dropped while queued; a running projection is told to stop (cancel message).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PruneLensError } from '../../../src-shared/base/errors';
import type { ErrorPayload } from '../../../src-shared/base/errors';
import type { CancelMessage, ReplyOf, ShutdownMessage, TaskInput, TaskKind, TaskOf, WorkerReply, WorkerTask } from './worker-protocol';
import { engineWorkerEntry } from './worker-url';

/** Scheduling classes, taken in this order: work a user waits on (occlusion, projections) before extraction batches. */
export const taskPriorities = { interactive: 0, normal: 1 } as const;
export type TaskPriority = keyof typeof taskPriorities;

export interface RunOptions {
  /** Buffers moved to the worker, not copied (the caller must not use them afterwards). */
  transfer?: ArrayBuffer[];
  /** 'normal' by default; tasks of one class run in the order they came. */
  priority?: TaskPriority;
  /** Aborted: the task is dropped while queued; a running projection is stopped. Rejects with `cancelled`. */
  signal?: AbortSignal;
}

interface QueuedTask {
  task: WorkerTask;
  transfer: ArrayBuffer[];
  rank: number;
  resolve: (value: WorkerReply) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
}

interface Slot {
  worker: Worker;
  exited: boolean;
  busy: QueuedTask | null;
  /** Model keys this worker already holds a session for: their bytes are not sent again. */
  models: Set<string>;
}

export interface WorkerPoolOptions {
  size?: number;
  /** Threads each worker's onnxruntime session may use (pool size × this ≤ cores). */
  intraOpThreads?: number;
  /**
   * Scheduling niceness of the workers (0–19): an engine behind a UI runs them at 10, so background
   * extraction yields the CPU to the UI and to the engine's request handling (and loses nothing on
   * an otherwise idle machine); headless runs keep 0. PRUNELENS_WORKER_NICE overrides both.
   * On Linux it applies per thread; elsewhere to the engine process.
   */
  nice?: number;
}

/** The workers' niceness: PRUNELENS_WORKER_NICE when set, else `preferred`; clamped to 0–19. */
export function workerNice(preferred = 0, env: string | undefined = process.env.PRUNELENS_WORKER_NICE): number {
  const value = env !== undefined && env.trim() !== '' && Number.isFinite(Number(env)) ? Number(env) : preferred;
  return Math.min(19, Math.max(0, Math.round(value)));
}

export class WorkerPool {
  readonly size: number;
  readonly intraOpThreads: number;
  readonly nice: number;
  private readonly slots: Slot[] = [];
  private readonly queue: QueuedTask[] = [];
  private nextTaskId = 1;
  private closed = false;

  constructor(options: WorkerPoolOptions = {}) {
    const cores = availableParallelism();
    this.size = Math.max(1, options.size ?? Math.min(cores, 8));
    this.intraOpThreads = Math.max(1, options.intraOpThreads ?? Math.floor(cores / this.size));
    this.nice = workerNice(options.nice);
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  /** Runs a task and answers its kind's reply. Rejects with `cancelled` if aborted while queued, or while a projection runs. */
  run<K extends TaskKind>(task: TaskInput<K> & { kind: K }, options: RunOptions = {}): Promise<ReplyOf<K>> {
    const { transfer = [], priority = 'normal', signal } = options;
    const rank = taskPriorities[priority];
    if (this.closed) return Promise.reject(new PruneLensError('unavailable', 'The worker pool is closed.'));
    if (signal?.aborted) return Promise.reject(new PruneLensError('cancelled', 'Cancelled.'));
    // The worker answers a task of kind K with a reply of kind K (engine-worker.ts).
    return new Promise<ReplyOf<K>>((resolve, reject) => {
      const onAbort = () => this.abortTask(queued);
      const settle = <T>(fn: (value: T) => void) => (value: T) => {
        signal?.removeEventListener('abort', onAbort);
        fn(value);
      };
      const queued: QueuedTask = { task: { ...task, taskId: this.nextTaskId++ } as TaskOf<K>, transfer, rank, resolve: settle(resolve as (value: WorkerReply) => void), reject: settle(reject), signal };
      signal?.addEventListener('abort', onAbort, { once: true });
      const at = this.queue.findIndex((q) => q.rank > rank);
      this.queue.splice(at === -1 ? this.queue.length : at, 0, queued);
      this.pump();
    });
  }

  /**
   * Rejects queued tasks, lets every worker finish its task in flight and release its onnxruntime
   * sessions, then waits for the threads to end. A worker is only terminated outright if it has
   * not exited after `graceMs` (terminating one mid-run can abort the process natively).
   */
  async close(graceMs = 30_000): Promise<void> {
    this.closed = true;
    for (const queued of this.queue.splice(0)) queued.reject(new PruneLensError('cancelled', 'The engine is shutting down.'));
    await Promise.all(this.slots.map((slot) => this.stop(slot, graceMs)));
  }

  private stop(slot: Slot, graceMs: number): Promise<void> {
    if (slot.exited) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => void slot.worker.terminate().then(() => resolve(), () => resolve()), graceMs);
      slot.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      slot.worker.postMessage({ kind: 'shutdown' } satisfies ShutdownMessage);
    });
  }

  private abortTask(queued: QueuedTask): void {
    const at = this.queue.indexOf(queued);
    if (at >= 0) {
      this.queue.splice(at, 1);
      queued.reject(new PruneLensError('cancelled', 'Cancelled.'));
      return;
    }
    // Running: the worker stops a projection between slices and answers `cancelled` (inference runs to its end).
    const slot = this.slots.find((s) => s.busy === queued);
    if (slot && queued.task.kind === 'project') slot.worker.postMessage({ kind: 'cancel', taskId: queued.task.taskId } satisfies CancelMessage);
  }

  private spawn(): Slot {
    const worker = new Worker(engineWorkerEntry(), { workerData: { intraOpThreads: this.intraOpThreads, nice: this.nice } });
    const slot: Slot = { worker, exited: false, busy: null, models: new Set() };
    worker.on('message', (reply: WorkerReply | { taskId: number; error: ErrorPayload }) => {
      const task = slot.busy;
      slot.busy = null;
      if (task) {
        if ('error' in reply) task.reject(PruneLensError.fromPayload(reply.error));
        else task.resolve(reply);
      }
      this.pump();
    });
    const replace = (reason: string) => {
      const task = slot.busy;
      slot.busy = null;
      task?.reject(new PruneLensError('inference-failed', `A worker stopped (${reason}); its batch will be retried on the next run.`));
      if (this.closed) return;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.spawn();
      this.pump();
    };
    worker.on('error', (error) => replace(error.message));
    worker.on('exit', (code) => {
      slot.exited = true;
      if (!this.closed && code !== 0) replace(`exit code ${code}`);
      // Closing: a task still waiting on this worker will get no reply.
      if (this.closed && slot.busy) {
        slot.busy.reject(new PruneLensError('cancelled', 'The engine is shutting down.'));
        slot.busy = null;
      }
    });
    return slot;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const next = this.queue.shift()!;
      slot.busy = next;
      let task = next.task;
      if (task.kind === 'infer') {
        if (slot.models.has(task.modelKey)) task = { ...task, modelBytes: undefined };
        else slot.models.add(task.modelKey);
      }
      slot.worker.postMessage(task, next.transfer);
    }
  }
}
