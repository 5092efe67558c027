// Decompression bombs against the real archive store and IDX reader: refused by layout or budget,
// inflated only in the unpack worker (the event loop stays responsive), and remembered per file.
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { crc32 } from '../../../src-shared/formats/crc32';
import { buildZip, gzipAround, maxEventLoopDelay, zeroDeflateStream } from '../../../tools/abuse/bombs';
import { tempDir } from '../../../tools/fixtures/formats/make-test-bundle';
import { openArchiveStore } from '../bundle/bundle-archive';
import { folderStore } from '../bundle/bundle-archive-store';
import { readIdxLabels } from '../data-sources/data-source-idx';
import { forgetFailures } from './failure-memo';
import { unpackOffThread } from './unpack-pool';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const gigabyteOfZeros = zeroDeflateStream(GiB);
const manifest = new TextEncoder().encode('{"name":"bomb"}');

function writeArchive(bytes: Uint8Array): string {
  const file = path.join(tempDir(), 'bomb.plbundle');
  writeFileSync(file, bytes);
  return file;
}

beforeEach(() => forgetFailures());

describe('decompression bombs', () => {
  it('packs 1 GiB of zeros into about 1 MB (the attack the issue describes)', () => {
    expect(gigabyteOfZeros.length).toBeLessThan(1.2 * MiB);
  });

  it('refuses many entries over one deflate stream (overlap) before inflating anything', async () => {
    const archive = writeArchive(
      buildZip(
        [{ data: manifest, method: 0 }, { data: gigabyteOfZeros, method: 8 }],
        [{ name: 'bundle.json', blob: 0 }, ...['a', 'b', 'c', 'd'].map((id) => ({ name: `models/${id}.onnx`, blob: 1, uncompressedSize: GiB - 1 }))],
      ),
    );
    const started = performance.now();
    await expect(openArchiveStore(archive)).rejects.toMatchObject({ code: 'bad-data', message: /entries 'models\/a\.onnx' and 'models\/b\.onnx' overlap/ });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses many separate, honestly sized bombs by the archive\'s budget for tightly packed entries', async () => {
    const sixtyFour = zeroDeflateStream(64 * MiB);
    const blobs = [{ data: manifest, method: 0 as const }, ...Array.from({ length: 8 }, () => ({ data: sixtyFour, method: 8 as const }))];
    const records = [{ name: 'bundle.json', blob: 0 }, ...Array.from({ length: 8 }, (_, k) => ({ name: `models/m${k}.onnx`, blob: k + 1, uncompressedSize: 64 * MiB }))];
    await expect(openArchiveStore(writeArchive(buildZip(blobs, records)))).rejects.toMatchObject({
      code: 'bad-data',
      message: /8 entries packed more than 50:1 would unpack to 536870912 bytes, over the 268435456-byte budget/,
    });
    // Four of them (256 MiB in all) are within the budget.
    const store = await openArchiveStore(writeArchive(buildZip(blobs.slice(0, 5), records.slice(0, 5))));
    await store.close();
  });

  it('refuses duplicate entry names', async () => {
    const archive = writeArchive(buildZip([{ data: manifest, method: 0 }, { data: manifest, method: 0 }], [{ name: 'bundle.json', blob: 0 }, { name: 'bundle.json', blob: 1 }]));
    await expect(openArchiveStore(archive)).rejects.toMatchObject({ code: 'bad-data', message: /'bundle\.json' appears twice/ });
  });

  it('refuses a declared 1 GiB .npy in a ~1 MB archive by budget, without inflating it', async () => {
    const archive = writeArchive(
      buildZip([{ data: manifest, method: 0 }, { data: gigabyteOfZeros, method: 8 }], [{ name: 'bundle.json', blob: 0 }, { name: 'data/images.npy', blob: 1, uncompressedSize: GiB - 1 }]),
    );
    const started = performance.now();
    await expect(openArchiveStore(archive)).rejects.toMatchObject({ code: 'bad-data', message: /1 entries packed more than 50:1 would unpack to 1073741823 bytes, over the 268435456-byte budget/ });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses a deflated entry declared over 256 MiB when it is read (store it instead)', async () => {
    // 300 MiB declared over a 7 MiB stream: 43:1, under the bomb ratio, so only the per-entry cap applies.
    const archive = writeArchive(
      buildZip([{ data: manifest, method: 0 }, { data: new Uint8Array(7 * MiB), method: 8 }], [{ name: 'bundle.json', blob: 0 }, { name: 'data/images.npy', blob: 1, uncompressedSize: 300 * MiB }]),
    );
    const store = await openArchiveStore(archive);
    await expect(store.open('data/images.npy', 'Images file')).rejects.toMatchObject({ code: 'bad-data', message: /unpacks to 314572800 bytes, over the 268435456-byte limit \(store large arrays uncompressed/ });
    await store.close();
  });

  it('stops a lying entry at its declared size while inflating, off the event loop, and remembers the failure', async () => {
    const declared = 48 * MiB;
    const archive = writeArchive(
      buildZip([{ data: manifest, method: 0 }, { data: gigabyteOfZeros, method: 8 }], [{ name: 'bundle.json', blob: 0 }, { name: 'models/m.onnx', blob: 1, uncompressedSize: declared }]),
    );
    const store = await openArchiveStore(archive);
    const first = await maxEventLoopDelay(() => store.readFile('models/m.onnx', 'Model'));
    expect(first.error).toMatchObject({ code: 'bad-data', message: new RegExp(`m\\.onnx: decompresses to more than the declared ${declared} bytes`) });
    expect(first.maxDelayMs).toBeLessThan(250);
    const started = performance.now();
    const again = await store.readFile('models/m.onnx', 'Model').catch((error: unknown) => error);
    expect(performance.now() - started).toBeLessThan(50);
    expect(again).toMatchObject({ message: (first.error as Error).message, details: { remembered: 1 } });
    await store.close();
  }, 30_000);

  it('stops a gzip IDX bomb at the byte budget off the event loop; the same file is refused at once, a changed one is retried', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'labels-idx1-ubyte.gz');
    writeFileSync(file, gzipAround(zeroDeflateStream(512 * MiB), 512 * MiB));
    const store = folderStore(dir);
    const first = await maxEventLoopDelay(() => readIdxLabels(store, 'labels-idx1-ubyte.gz'));
    expect(first.error).toMatchObject({ code: 'bad-data', message: /labels-idx1-ubyte\.gz: decompresses to more than the 268435456-byte limit/ });
    expect(first.maxDelayMs).toBeLessThan(250);
    const started = performance.now();
    await expect(readIdxLabels(store, 'labels-idx1-ubyte.gz')).rejects.toMatchObject({ details: { remembered: 1 } });
    expect(performance.now() - started).toBeLessThan(50);
    // A changed file (new size and mtime) is a new identity: tried again, with its own verdict.
    writeFileSync(file, gzipAround(zeroDeflateStream(MiB), 5));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const retried = await readIdxLabels(store, 'labels-idx1-ubyte.gz').catch((error: unknown) => error);
    expect(retried).toMatchObject({ code: 'bad-data', message: /gzip (CRC|size)/ });
    expect((retried as { details: Record<string, unknown> }).details.remembered).toBeUndefined();
  }, 30_000);

  it('stops inflating at the time budget', async () => {
    const error = await unpackOffThread({ kind: 'deflate', input: zeroDeflateStream(256 * MiB), maxBytes: 256 * MiB, fileLabel: 'slow.bin', timeBudgetMs: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad-data', message: /slow\.bin: decompression took longer than its time budget/ });
  });

  it('still unpacks honest entries, and checks CRCs in the worker', async () => {
    const data = new TextEncoder().encode('honest bytes '.repeat(1000));
    const crc = crc32(data) >>> 0;
    const inflated = await unpackOffThread({ kind: 'deflate', input: new Uint8Array(deflateRawSync(data)), maxBytes: MiB, expectedBytes: data.length, expectedCrc: crc, fileLabel: 'ok.txt' });
    expect(new TextDecoder().decode(inflated)).toBe('honest bytes '.repeat(1000));
    expect(await unpackOffThread({ kind: 'stored', input: data.slice(), maxBytes: MiB, expectedCrc: crc, fileLabel: 'ok.txt' })).toEqual(data);
    await expect(unpackOffThread({ kind: 'stored', input: data.slice(), maxBytes: MiB, expectedCrc: crc ^ 1, fileLabel: 'bad.txt' })).rejects.toMatchObject({ code: 'bad-data', message: /bad\.txt: CRC mismatch/ });
  });
});
