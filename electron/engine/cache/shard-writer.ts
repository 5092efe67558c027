// The cache's shard writer: one worker thread (shard-writer-thread.ts) that encodes shards (npy,
// float16 features, SHA-256) and writes their files with synchronous calls (shard-files.ts). On
// the engine thread each shard cost 21 promise-based file-system calls, each a libuv round trip
// (profile in BENCHMARKS.md, "Inference pipeline"); here the engine thread only posts the arrays
// (transferred, not copied) and the writes never block it, nor the lanes feeding the workers.
// Requests run in the order they were posted, so a folder fsync covers every write posted before.
// The thread is started on first use, unref'd while idle (it never keeps a process alive) and
// retired after a minute without work.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ShardJob } from './shard-files';

export type WriterRequest =
  | { id: number; kind: 'shard'; job: ShardJob }
  /** One whole file, written atomically (entry.json beside the shards). */
  | { id: number; kind: 'file'; file: string; bytes: Uint8Array }
  /** fsync of folders: makes the renames into them durable. */
  | { id: number; kind: 'sync'; dirs: string[] };

export interface WriterReply {
  id: number;
  /** A failed write: the error's message and errno code (ENOSPC, EACCES, …). */
  error?: { message: string; code?: string };
}

type Request = WriterRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

const IDLE_EXIT_MS = 60_000;

function writerEntry(): URL {
  const bundled = new URL('./shard-writer-thread.mjs', import.meta.url);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL('./shard-writer-thread-source.mjs', import.meta.url);
}

export class ShardWriter {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve(): void; reject(error: Error): void }>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  /** Writes a shard's files. `transfer`: the arrays' buffers move to the writer (the caller must not use them afterwards). */
  writeShard(job: ShardJob, transfer = false): Promise<void> {
    return this.post({ kind: 'shard', job }, transfer ? [job.logits.buffer as ArrayBuffer, job.features.buffer as ArrayBuffer] : []);
  }

  writeFile(file: string, bytes: Uint8Array): Promise<void> {
    return this.post({ kind: 'file', file, bytes });
  }

  /** fsyncs the folders once every write posted before has finished. */
  syncDirectories(dirs: string[]): Promise<void> {
    return dirs.length ? this.post({ kind: 'sync', dirs }) : Promise.resolve();
  }

  /** Stops the thread once idle (tests; a process may also just exit: the thread is unref'd while idle). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker || this.pending.size > 0) return;
    this.retire(worker);
  }

  private post(request: Request, transfer: ArrayBuffer[] = []): Promise<void> {
    const worker = this.worker ?? this.start();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    worker.ref();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as WriterRequest, transfer);
    });
  }

  private start(): Worker {
    const worker = new Worker(writerEntry());
    this.worker = worker;
    worker.on('message', (reply: WriterReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error) waiting?.reject(Object.assign(new Error(reply.error.message), reply.error.code ? { code: reply.error.code } : {}));
      else waiting?.resolve();
      if (this.pending.size === 0 && this.worker === worker) this.idle(worker);
    });
    worker.on('error', (error) => this.failed(worker, error.message));
    worker.on('exit', (code) => this.failed(worker, `exit code ${code}`));
    return worker;
  }

  private idle(worker: Worker): void {
    worker.unref();
    this.idleTimer = setTimeout(() => this.retire(worker), IDLE_EXIT_MS);
    this.idleTimer.unref();
  }

  private retire(worker: Worker): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }

  /** The thread died: what it had not answered fails (the shards are not in the cache; a rerun computes them). */
  private failed(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiting) w.reject(new Error(`The cache's shard writer stopped (${reason}); its shards were not written.`));
  }
}

let shared: ShardWriter | null = null;

/** The process's shard writer (one thread for every cache). */
export function shardWriter(): ShardWriter {
  return (shared ??= new ShardWriter());
}
