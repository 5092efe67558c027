// Claims on cache shards for several writers on one (shared-filesystem) cache: a writer creates
// `<shard>.claim` with O_EXCL before computing the shard and removes it after writing it, so two
// processes (on any nodes) do not compute the same shard. A claim carries pid, host, time and a
// nonce; its holder touches it every ttl/4. A claim is stale (and may be taken over) when it was
// not touched for `ttl`, or when it is from this host and its process is gone. Shards themselves
// are still written atomically, so even a lost race wastes one shard of work, never an entry.
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm, stat, unlink, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface ClaimInfo {
  pid: number;
  host: string;
  time: string;
  nonce: string;
}

export interface ShardClaimsOptions {
  /** A claim not touched for this long is stale (default: PRUNELENS_CLAIM_TTL_S or 120 s). */
  ttlMs?: number;
  host?: string;
  pid?: number;
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

export function defaultClaimTtlMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.PRUNELENS_CLAIM_TTL_S);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 120_000;
}

/** Whether process `pid` exists on this host (EPERM: it exists, owned by someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function claimNonce(text: string): string | null {
  try {
    return (JSON.parse(text) as ClaimInfo).nonce ?? null;
  } catch {
    return null;
  }
}

async function readClaim(file: string): Promise<{ info: ClaimInfo | null; mtimeMs: number } | null> {
  try {
    const [text, stats] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    let info: ClaimInfo | null = null;
    try {
      info = JSON.parse(text) as ClaimInfo;
    } catch {
      // Half-written by a writer killed between create and write: stale once the ttl has passed.
    }
    return { info, mtimeMs: stats.mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

export class ShardClaims {
  readonly ttlMs: number;
  readonly host: string;
  readonly pid: number;
  /** Claim file → our nonce in it. */
  private readonly held = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(options: ShardClaimsOptions = {}) {
    this.ttlMs = options.ttlMs ?? defaultClaimTtlMs();
    this.host = options.host ?? os.hostname();
    this.pid = options.pid ?? process.pid;
  }

  isStale(info: ClaimInfo | null, mtimeMs: number, now = Date.now()): boolean {
    if (now - mtimeMs > this.ttlMs) return true;
    return info !== null && info.host === this.host && info.pid !== this.pid && !processAlive(info.pid);
  }

  /** Claims `file`: true when this process now holds it, false when another live writer does. */
  async tryClaim(file: string): Promise<boolean> {
    if (this.held.has(file)) return true;
    for (let attempt = 0; attempt < 5; attempt++) {
      const nonce = randomBytes(8).toString('hex');
      try {
        // The folder is made only when missing (one file-system call less per claim).
        const handle = await open(file, 'wx').catch(async (error: unknown) => {
          if (errorCode(error) !== 'ENOENT') throw error;
          await mkdir(path.dirname(file), { recursive: true });
          return open(file, 'wx');
        });
        try {
          await handle.writeFile(JSON.stringify({ pid: this.pid, host: this.host, time: new Date().toISOString(), nonce } satisfies ClaimInfo));
        } finally {
          await handle.close();
        }
        this.held.set(file, nonce);
        this.startHeartbeat();
        return true;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const current = await readClaim(file);
      if (!current) continue; // released meanwhile: try again
      if (!this.isStale(current.info, current.mtimeMs)) return false;
      if (!(await this.takeOver(file, current.info))) return false;
    }
    return false;
  }

  /**
   * Moves a stale claim aside (rename is atomic: of several takers exactly one gets it). If what
   * was moved is not the stale claim seen (a fresh one replaced it meanwhile), it is put back.
   */
  private async takeOver(file: string, seen: ClaimInfo | null): Promise<boolean> {
    const aside = `${file}.stale-${this.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await rename(file, aside);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return true; // someone else moved it: race for the create
      throw error;
    }
    const moved = await readClaim(aside);
    const same = moved !== null && (moved.info?.nonce ?? null) === (seen?.nonce ?? null);
    if (!same) {
      try {
        await link(aside, file); // fails when yet another claim exists: then that one stands
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
    }
    await rm(aside, { force: true });
    return same;
  }

  /** Removes our claim (only if it is still ours). */
  async release(file: string): Promise<void> {
    const nonce = this.held.get(file);
    if (nonce === undefined) return;
    this.held.delete(file);
    if (this.held.size === 0) this.stopHeartbeat();
    // Only the nonce matters here (no stat); unlink, not rm: a claim is a plain file.
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return '';
      throw error;
    });
    if (claimNonce(text) !== nonce) return;
    try {
      await unlink(file);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  }

  async releaseAll(): Promise<void> {
    await Promise.all([...this.held.keys()].map((file) => this.release(file)));
    this.stopHeartbeat();
  }

  heldCount(): number {
    return this.held.size;
  }

  /** Touches every held claim; one that was taken over (or removed) is no longer ours. */
  async heartbeat(): Promise<void> {
    const now = new Date();
    await Promise.all(
      [...this.held].map(async ([file, nonce]) => {
        const current = await readClaim(file).catch(() => null);
        if (current?.info?.nonce !== nonce) {
          this.held.delete(file);
          return;
        }
        await utimes(file, now, now).catch(() => undefined);
      }),
    );
  }

  private startHeartbeat(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.heartbeat(), Math.max(250, this.ttlMs / 4));
    this.timer.unref();
  }

  private stopHeartbeat(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
