// Long-running work as jobs: an id, progress events (done/total, rate, ETA; throttled), cancel.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { ApiEvent } from '../../../src-shared/api/contract';
import { toErrorPayload } from '../../../src-shared/base/errors';

export interface JobContext {
  signal: AbortSignal;
  progress(done: number, total: number): void;
}

interface Job {
  id: string;
  label: string;
  controller: AbortController;
  done: Promise<void>;
}

export class JobRunner {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly emit: (event: ApiEvent) => void,
    private readonly progressIntervalMs = 200,
  ) {}

  start(label: string, work: (context: JobContext) => Promise<void>): { id: string; done: Promise<void> } {
    const id = randomUUID();
    const controller = new AbortController();
    setMaxListeners(0, controller.signal); // every queued worker task listens for cancellation
    const started = performance.now();
    let lastEmit = 0;
    const progress = (done: number, total: number) => {
      const now = performance.now();
      if (done < total && now - lastEmit < this.progressIntervalMs) return;
      lastEmit = now;
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      this.emit({ type: 'job-progress', jobId: id, label, done, total, ratePerSecond: rate, etaSeconds: rate > 0 ? (total - done) / rate : null });
    };
    const done = (async () => {
      try {
        await work({ signal: controller.signal, progress });
        this.emit({ type: 'job-finished', jobId: id, label, status: controller.signal.aborted ? 'cancelled' : 'done' });
      } catch (error) {
        const payload = toErrorPayload(error);
        const cancelled = controller.signal.aborted || payload.code === 'cancelled';
        this.emit({ type: 'job-finished', jobId: id, label, status: cancelled ? 'cancelled' : 'failed', message: cancelled ? undefined : payload.message });
        if (!cancelled) throw error;
      } finally {
        this.jobs.delete(id);
      }
    })();
    done.catch(() => undefined); // reported through the event; callers may still await it
    this.jobs.set(id, { id, label, controller, done });
    return { id, done };
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  async cancelAll(): Promise<void> {
    const running = [...this.jobs.values()];
    for (const job of running) job.controller.abort();
    await Promise.all(running.map((job) => job.done.catch(() => undefined)));
  }
}
