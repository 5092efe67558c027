import { zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectOnlyPruneLensErrors, mutatedBytes } from '../../tools/fixtures/formats/fuzz-helpers';
import { findEndOfCentralDirectory, isSafeEntryName, parseCentralDirectory, parseZip64Eocd } from './zip-directory';

/** Parses a whole in-memory archive the way the engine does with byte ranges. */
function entriesOf(bytes: Uint8Array, maxEntryBytes = 1 << 20) {
  const eocd = findEndOfCentralDirectory(bytes, 0, bytes.length, 'test.zip');
  const loc = eocd.kind === 'classic' ? eocd.location : parseZip64Eocd(bytes.subarray(eocd.zip64EocdOffset, eocd.zip64EocdOffset + 56), eocd.zip64EocdOffset, 'test.zip');
  return parseCentralDirectory(bytes.subarray(loc.offset, loc.offset + loc.size), loc, bytes.length, 'test.zip', { maxEntryBytes });
}

const sample = () =>
  zipSync({
    'bundle.json': [new TextEncoder().encode('{"name":"x"}'), { level: 6 }],
    'models/a.onnx': [new Uint8Array(100).fill(3), { level: 0 }],
    'data/x.npy': [new Uint8Array(5000), { level: 9 }],
  });

describe('zip central directory', () => {
  it('lists entries with methods and sizes', () => {
    const entries = entriesOf(sample());
    expect(entries.map((e) => [e.name, e.method, e.uncompressedSize])).toEqual([
      ['bundle.json', 8, 12],
      ['models/a.onnx', 0, 100],
      ['data/x.npy', 8, 5000],
    ]);
  });

  it('refuses unsafe names', () => {
    for (const name of ['../evil', '/abs', 'a/../../b', 'C:/x', '\\\\server\\x']) expect(isSafeEntryName(name)).toBe(false);
    expect(isSafeEntryName('data/x..y.npy')).toBe(true);
    const evil = zipSync({ '../evil.txt': new Uint8Array(1) });
    expect(() => entriesOf(evil)).toThrow(/entry '\.\.\/evil\.txt' has an unsafe path/);
  });

  it('refuses entries over the size cap and implausible compression ratios', () => {
    const big = zipSync({ 'big.bin': [new Uint8Array(2 << 20), { level: 9 }] });
    expect(() => entriesOf(big)).toThrow(/unpacks to 2097152 bytes, over the 1048576-byte limit/);
    const bomb = zipSync({ 'x.bin': [new Uint8Array(1000), { level: 9 }] });
    // forge the declared uncompressed size in the central directory (offset 24 of the entry)
    const view = new DataView(bomb.buffer);
    const cd = view.getUint32(bomb.length - 6, true);
    view.setUint32(cd + 24, 900_000_000, true);
    expect(() => entriesOf(bomb, 2 ** 31)).toThrow(/entry 'x\.bin' declares a \d+:1 compression ratio \(zip bomb\?\)/);
  });

  it('is not a zip', () => {
    expect(() => entriesOf(new Uint8Array(100))).toThrow(/not a zip archive/);
  });

  it('survives mutation and truncation', () => {
    expectOnlyPruneLensErrors(mutatedBytes(sample()), entriesOf);
    expectOnlyPruneLensErrors(fc.uint8Array({ maxLength: 300 }), entriesOf);
  });
});
