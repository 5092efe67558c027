// A remembered data-file hash is reused only for the very same unchanged files: same-size
// rewrites with the old mtime put back, other files, and damaged memo files all hash again.
import { mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoizedFileHash } from './file-hash-memo';

describe('file hash memo', () => {
  it('hits for unchanged files and misses for any change', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'prunelens-hashmemo-'));
    const cache = path.join(dir, 'cache');
    const a = path.join(dir, 'a.npy');
    const b = path.join(dir, 'b.npy');
    writeFileSync(a, 'aaaa');
    writeFileSync(b, 'bbbb');
    const T = 1_700_000_000; // whole seconds: utimes then restores the exact same mtime
    utimesSync(a, T, T);
    let calls = 0;
    const hashOf = (files: string[], value: string) => memoizedFileHash(cache, files, async () => (calls++, value));
    expect(await hashOf([a, b], '0'.repeat(32))).toBe('0'.repeat(32));
    expect(await hashOf([a, b], '1'.repeat(32))).toBe('0'.repeat(32)); // remembered
    expect(calls).toBe(1);
    expect(await hashOf([a], '2'.repeat(32))).toBe('2'.repeat(32)); // another file list
    expect(calls).toBe(2);

    // Same size, old mtime put back: ctime still moved, so the hash is computed again.
    const before = statSync(a, { bigint: true });
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(a, 'AAAA');
    utimesSync(a, T, T);
    const after = statSync(a, { bigint: true });
    expect([after.mtimeNs, after.size, after.ino]).toEqual([before.mtimeNs, before.size, before.ino]);
    expect(await hashOf([a, b], '3'.repeat(32))).toBe('3'.repeat(32));
    expect(calls).toBe(3);

    // A damaged memo file is ignored.
    const memoDir = path.join(cache, 'file-hashes-v1');
    for (const sub of readdirSync(memoDir)) for (const f of readdirSync(path.join(memoDir, sub))) writeFileSync(path.join(memoDir, sub, f), '{"signature": [], "ha');
    expect(await hashOf([a, b], '4'.repeat(32))).toBe('4'.repeat(32));
    expect(calls).toBe(4);

    // A missing file is never answered from memory.
    await expect(memoizedFileHash(cache, [path.join(dir, 'gone.npy')], async () => { throw new Error('no such file'); })).rejects.toThrow('no such file');
  });
});
