// Shard claims: one holder at a time, stale claims (dead process on this host, or not touched for
// the ttl) are taken over, live ones are respected, and a holder only ever removes its own claim.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShardClaims } from './shard-claims';

const claimFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'prunelens-claims-')), 'v1', 'ab', 'key', 'shard-00000.claim');
const write = (file: string, info: object) => writeFileSync(file, JSON.stringify({ time: new Date().toISOString(), nonce: 'n-other', ...info }));

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

describe('shard claims', () => {
  it('lets exactly one of several racing writers hold a claim, and frees it on release', async () => {
    const file = claimFile();
    // One writer per host (so none can tell whether another's process is alive: only the ttl counts).
    const writers = Array.from({ length: 6 }, (_, i) => new ShardClaims({ pid: 100_000 + i, host: `node-${i}`, ttlMs: 60_000 }));
    const results = await Promise.all(writers.map((w) => w.tryClaim(file)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = writers[results.indexOf(true)];
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: winner.pid, host: winner.host });
    const loser = writers[results.indexOf(false)];
    await loser.release(file); // not its claim: nothing happens
    expect(existsSync(file)).toBe(true);
    await winner.release(file);
    expect(existsSync(file)).toBe(false);
    expect(await loser.tryClaim(file)).toBe(true);
    await loser.releaseAll();
  });

  it('respects a live claim from another host and from a live process on this host', async () => {
    const file = claimFile();
    const me = new ShardClaims({ host: 'node-a', ttlMs: 60_000 });
    await me.tryClaim(path.join(path.dirname(file), 'other.claim')); // creates the folder
    write(file, { pid: 1, host: 'node-b' });
    expect(await me.tryClaim(file)).toBe(false);
    write(file, { pid: process.ppid, host: 'node-a' }); // our parent: alive
    expect(await me.tryClaim(file)).toBe(false);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.ppid);
    await me.releaseAll();
  });

  it('takes over a claim of a dead process on this host, and one not touched for the ttl', async () => {
    const file = claimFile();
    const me = new ShardClaims({ host: 'node-a', ttlMs: 60_000 });
    await me.tryClaim(path.join(path.dirname(file), 'other.claim'));
    write(file, { pid: await deadPid(), host: 'node-a' });
    expect(await me.tryClaim(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, host: 'node-a' });
    await me.release(file);

    write(file, { pid: 1, host: 'node-b' });
    const old = new Date(Date.now() - 61_000);
    utimesSync(file, old, old);
    expect(await me.tryClaim(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).host).toBe('node-a');
    await me.releaseAll();
  });

  it('keeps a claim alive by touching it, and drops a claim that was taken over', async () => {
    const file = claimFile();
    const me = new ShardClaims({ host: 'node-a', ttlMs: 60_000 });
    expect(await me.tryClaim(file)).toBe(true);
    const old = new Date(Date.now() - 30_000);
    utimesSync(file, old, old);
    await me.heartbeat();
    const other = new ShardClaims({ host: 'node-b', ttlMs: 60_000 });
    expect(await other.tryClaim(file)).toBe(false); // touched: not stale
    write(file, { pid: 7, host: 'node-b' }); // as if taken over after a stall
    await me.heartbeat();
    expect(me.heldCount()).toBe(0);
    await me.release(file); // no longer ours: left alone
    expect(JSON.parse(readFileSync(file, 'utf8')).host).toBe('node-b');
  });
});
