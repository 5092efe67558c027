// The archive-wide budget over a .plbundle's deflated entries: bytes inflating or held open at once
// (entries wait their turn, are refused when open entries leave no room) and distinct bytes
// inflated in all, against hostile archives built here (limits scaled down to a few MiB).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { crc32 } from '../../../src-shared/formats/crc32';
import { buildZip, zeroDeflateStream } from '../../../tools/abuse/bombs';
import { tempDir } from '../../../tools/fixtures/formats/make-test-bundle';
import { openArchiveStore } from '../bundle/bundle-archive';
import { ArchiveInflateBudget, MAX_ARCHIVE_INFLATED_BYTES, MAX_ARCHIVE_OPEN_INFLATED_BYTES } from './archive-budget';
import { forgetFailures } from './failure-memo';

const MiB = 1024 * 1024;

/** `bytes` of seeded noise (packs about 1:1, far from the bomb ratio). */
function noise(bytes: number, seed: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** An archive with bundle.json and deflated entries `names` of 1 MiB each (plus extra records). */
function archiveOf(names: string[], extra: { name: string; data: Uint8Array; declared: number }[] = []): { file: string; contents: Uint8Array[] } {
  const manifest = new TextEncoder().encode('{"name":"budget"}');
  const contents = names.map((_, k) => noise(MiB, k + 1));
  const blobs = [{ data: manifest, method: 0 as const }, ...contents.map((c) => ({ data: new Uint8Array(deflateRawSync(c)), method: 8 as const })), ...extra.map((x) => ({ data: x.data, method: 8 as const }))];
  const records = [
    { name: 'bundle.json', blob: 0 },
    ...names.map((name, k) => ({ name, blob: k + 1, uncompressedSize: MiB, crc: crc32(contents[k]) >>> 0 })),
    ...extra.map((x, k) => ({ name: x.name, blob: names.length + 1 + k, uncompressedSize: x.declared, crc: 0 })),
  ];
  const file = path.join(tempDir('prunelens-archive-budget-'), 'budget.plbundle');
  writeFileSync(file, buildZip(blobs, records));
  return { file, contents };
}

beforeEach(() => forgetFailures());

describe('archive-wide budget for deflated entries', () => {
  it('defaults: room for two entries at the per-entry cap at once, eight in all', () => {
    expect(MAX_ARCHIVE_OPEN_INFLATED_BYTES).toBe(512 * MiB);
    expect(MAX_ARCHIVE_INFLATED_BYTES).toBe(2048 * MiB);
  });

  it('refuses an entry when entries held open leave no room, and admits it once one is closed', async () => {
    const { file, contents } = archiveOf(['data/a.npy', 'data/b.npy', 'data/c.npy']);
    const store = await openArchiveStore(file, { budget: { maxOpenBytes: 2.5 * MiB, maxTotalBytes: 100 * MiB } });
    const a = await store.open('data/a.npy', 'Images file');
    const b = await store.open('data/b.npy', 'Images file');
    expect(await b.read(5, 3)).toEqual(contents[1].subarray(5, 8));
    await expect(store.open('data/c.npy', 'Images file')).rejects.toMatchObject({
      code: 'bad-data',
      message: /budget\.plbundle:data\/c\.npy: entries of this archive held open take 2097152 bytes; its 1048576 bytes would pass the archive's 2621440-byte budget for inflated entries \(store large arrays uncompressed/,
    });
    // The refusal depends on what is open, not on the file: it is not remembered.
    await a.close();
    const c = await store.open('data/c.npy', 'Images file');
    expect(await c.read(0, 4)).toEqual(contents[2].subarray(0, 4));
    await Promise.all([b.close(), c.close()]);
    await store.close();
  });

  it('makes concurrent reads wait their turn instead of inflating past the budget together', async () => {
    const names = ['m/a.onnx', 'm/b.onnx', 'm/c.onnx', 'm/d.onnx', 'm/e.onnx'];
    const { file, contents } = archiveOf(names);
    const store = await openArchiveStore(file, { budget: { maxOpenBytes: 2 * MiB, maxTotalBytes: 100 * MiB } });
    const all = await Promise.all(names.map((name) => store.readFile(name, 'Model')));
    all.forEach((bytes, k) => expect(Buffer.from(bytes).equals(Buffer.from(contents[k]))).toBe(true));
    await store.close();
  });

  it('limits the distinct bytes one archive inflates in all (re-reading an entry does not count again)', async () => {
    const { file } = archiveOf(['m/a.onnx', 'm/b.onnx', 'm/c.onnx', 'm/d.onnx']);
    const store = await openArchiveStore(file, { budget: { maxOpenBytes: 100 * MiB, maxTotalBytes: 3 * MiB } });
    for (const name of ['m/a.onnx', 'm/b.onnx', 'm/c.onnx', 'm/a.onnx', 'm/c.onnx']) await store.readFile(name, 'Model');
    await expect(store.readFile('m/d.onnx', 'Model')).rejects.toMatchObject({
      code: 'bad-data',
      message: /budget\.plbundle:m\/d\.onnx: inflating its 1048576 bytes would bring this archive's inflated entries to 4194304 bytes, over the archive's 3145728-byte budget/,
    });
    await store.close();
  });

  it('releases the reservation of an entry that fails while inflating (a lying size stopped at its declared bytes)', async () => {
    const { file } = archiveOf(['m/a.onnx', 'm/b.onnx'], [{ name: 'm/bomb.onnx', data: zeroDeflateStream(64 * MiB), declared: 2 * MiB }]);
    const store = await openArchiveStore(file, { budget: { maxOpenBytes: 2 * MiB, maxTotalBytes: 100 * MiB } });
    await expect(store.open('m/bomb.onnx', 'Model')).rejects.toMatchObject({ code: 'bad-data', message: /decompresses to more than the declared 2097152 bytes/ });
    const a = await store.open('m/a.onnx', 'Model');
    const b = await store.open('m/b.onnx', 'Model');
    await Promise.all([a.close(), b.close()]);
    await store.close();
  }, 30_000);
});

describe('ArchiveInflateBudget', () => {
  it('queues a reservation while others inflate, refuses one that held entries block, counts each entry once', async () => {
    const budget = new ArchiveInflateBudget('x.plbundle', { maxOpenBytes: 10, maxTotalBytes: 20 });
    const first = await budget.acquire('a', 6);
    let second: Awaited<ReturnType<typeof budget.acquire>> | null = null;
    const pending = budget.acquire('b', 6).then((lease) => (second = lease));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(second).toBeNull();
    expect(budget.reservedBytes).toBe(6);
    first.release();
    await pending;
    expect(budget.reservedBytes).toBe(6);
    second!.hold();
    await expect(budget.acquire('c', 5)).rejects.toMatchObject({ code: 'bad-data', message: /held open take 6 bytes/ });
    second!.release();
    second!.release(); // idempotent
    expect(budget.reservedBytes).toBe(0);
    (await budget.acquire('a', 6)).release(); // 'a' again: still 12 in all
    await expect(budget.acquire('d', 9)).rejects.toMatchObject({ message: /to 21 bytes, over the archive's 20-byte budget/ });
  });
});
