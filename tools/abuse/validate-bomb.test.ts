// `prunelens validate` applies the serve limits: the 1 GB .npy in a ~1.3 MB .plbundle is
// refused by budget (not called "OK"), and validating it never blocks the event loop.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { validateCommand } from '../../electron/cli/commands/validate';
import { makeTestBundle, tempDir } from '../fixtures/formats/make-test-bundle';
import { buildZip, maxEventLoopDelay, zeroDeflateStream } from './bombs';
import type { ZipBlob, ZipRecord } from './bombs';

const GiB = 1024 ** 3;

/** The test bundle as a .plbundle (stored entries), with data/images.npy swapped for a 1 GiB-declared deflate bomb. */
function bombArchive(): string {
  const { dir } = makeTestBundle(tempDir(), { n: 6 });
  const blobs: ZipBlob[] = [];
  const records: ZipRecord[] = [];
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(dir, relative)).sort()) {
      const r = relative ? `${relative}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else if (r === 'data/images.npy') {
        blobs.push({ data: zeroDeflateStream(GiB), method: 8 });
        records.push({ name: r, blob: blobs.length - 1, uncompressedSize: GiB - 1 });
      } else {
        blobs.push({ data: new Uint8Array(readFileSync(path.join(dir, r))), method: 0 });
        records.push({ name: r, blob: blobs.length - 1 });
      }
    }
  };
  walk('');
  const archive = path.join(tempDir(), 'npy-bomb.plbundle');
  writeFileSync(archive, buildZip(blobs, records));
  return archive;
}

describe('validate on a decompression bomb', () => {
  it('refuses the 1 GiB .npy by budget instead of calling the bundle OK', async () => {
    const archive = bombArchive();
    expect(statSync(archive).size).toBeLessThan(1.5 * 1024 ** 2);
    let text = '';
    const stdout = new Writable({ write: (chunk, _encoding, done) => ((text += chunk.toString()), done()) });
    const run = await maxEventLoopDelay(() => validateCommand.run({ positionals: [archive], values: { json: false }, stdout, stderr: stdout, signal: new AbortController().signal }));
    // The archive is refused as a whole (the CLI prints this one line and exits 1).
    expect(run.error).toMatchObject({ code: 'bad-data', message: /npy-bomb\.plbundle: 1 entries packed more than 50:1 would unpack to 1073741823 bytes/ });
    expect(text).not.toMatch(/\bOK\b/);
    expect(run.maxDelayMs).toBeLessThan(250);
  }, 60_000);
});
