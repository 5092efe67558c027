// An archive-wide budget over a .plbundle's deflated entries, on top of the per-entry cap: the
// bytes being inflated plus those held by open entries may not pass MAX_ARCHIVE_OPEN_INFLATED_BYTES
// (an entry waits while others inflate, and is refused when entries held open leave no room), and
// the distinct entries one open archive inflates may not pass MAX_ARCHIVE_INFLATED_BYTES in all.
// A reservation is the entry's declared size, and the unpack worker stops an entry at its declared
// size while inflating, so the bytes in memory never exceed what was reserved.
import { PruneLensError } from '../../../src-shared/base/errors';

/** Bytes of one archive's deflated entries being inflated or held open at once. */
export const MAX_ARCHIVE_OPEN_INFLATED_BYTES = 512 * 1024 ** 2;
/** Bytes of distinct deflated entries one open archive may inflate in all (re-reading an entry does not count again). */
export const MAX_ARCHIVE_INFLATED_BYTES = 2 * 1024 ** 3;

export interface ArchiveBudgetLimits {
  maxOpenBytes: number;
  maxTotalBytes: number;
}

/** One reservation: `hold()` keeps its bytes counted after inflating (an open entry) until `release()`. */
export interface InflateLease {
  hold(): void;
  release(): void;
}

export class ArchiveInflateBudget {
  private inFlight = 0;
  private held = 0;
  private total = 0;
  private readonly inflated = new Set<string>();
  private waiters: Array<() => void> = [];

  constructor(
    private readonly label: string,
    private readonly limits: ArchiveBudgetLimits = { maxOpenBytes: MAX_ARCHIVE_OPEN_INFLATED_BYTES, maxTotalBytes: MAX_ARCHIVE_INFLATED_BYTES },
  ) {}

  /** Reserves `bytes` for inflating entry `name`: waits while other entries inflate; throws `bad-data` when over a budget. */
  async acquire(name: string, bytes: number): Promise<InflateLease> {
    const { maxOpenBytes, maxTotalBytes } = this.limits;
    const hint = 'store large arrays uncompressed, e.g. `zip -0`: they are then read by byte ranges';
    if (!this.inflated.has(name) && this.total + bytes > maxTotalBytes) {
      throw new PruneLensError('bad-data', `${this.label}:${name}: inflating its ${bytes} bytes would bring this archive's inflated entries to ${this.total + bytes} bytes, over the archive's ${maxTotalBytes}-byte budget (${hint}).`, { file: `${this.label}:${name}` });
    }
    for (;;) {
      if (this.held + bytes > maxOpenBytes) {
        throw new PruneLensError('bad-data', `${this.label}:${name}: entries of this archive held open take ${this.held} bytes; its ${bytes} bytes would pass the archive's ${maxOpenBytes}-byte budget for inflated entries (${hint}).`, { file: `${this.label}:${name}` });
      }
      if (this.held + this.inFlight + bytes <= maxOpenBytes) break;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (!this.inflated.has(name)) {
      this.inflated.add(name);
      this.total += bytes;
    }
    this.inFlight += bytes;
    let state: 'inflating' | 'held' | 'released' = 'inflating';
    return {
      hold: () => {
        if (state !== 'inflating') return;
        state = 'held';
        this.inFlight -= bytes;
        this.held += bytes;
      },
      release: () => {
        if (state === 'released') return;
        if (state === 'held') this.held -= bytes;
        else this.inFlight -= bytes;
        state = 'released';
        this.wake();
      },
    };
  }

  /** Bytes reserved now (inflating plus held open), for tests and diagnostics. */
  get reservedBytes(): number {
    return this.inFlight + this.held;
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }
}
