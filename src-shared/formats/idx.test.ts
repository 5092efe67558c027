import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { idxLabels, idxRows, openIdx, parseIdxHeader, writeIdxU8 } from './idx';

const dir = new URL('../../tools/fixtures/formats/', import.meta.url);
const file = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8'));

describe('IDX', () => {
  it('reads raw and gzip images identically, by rows', () => {
    const raw = openIdx(file('images-idx3-ubyte'));
    const gz = openIdx(file('images-idx3-ubyte.gz'));
    expect(raw.header.shape).toEqual([6, 7, 5]);
    expect(gz.header).toEqual(raw.header);
    expect(Array.from(idxRows(gz, 1, 2))).toEqual(expected.npy.gray.slice(35, 105));
  });

  it('reads labels (ubyte, gzip; big-endian int16) and big-endian floats', () => {
    expect(Array.from(idxLabels(openIdx(file('labels-idx1-ubyte.gz'))))).toEqual(expected.npy.labels);
    expect(Array.from(idxLabels(openIdx(file('labels-idx1-short'))))).toEqual(expected.idx.shorts);
    const floats = idxRows(openIdx(file('floats-idx2-float')), 0, 2);
    expect(Array.from(floats)).toEqual(expected.idx.floats);
  });

  it('checks declared dimensions against the bytes present', () => {
    const bytes = writeIdxU8(new Uint8Array(6), [2, 3]);
    expect(parseIdxHeader(bytes).shape).toEqual([2, 3]);
    const forged = bytes.slice();
    new DataView(forged.buffer).setUint32(4, 0xffffffff, false);
    expect(() => parseIdxHeader(forged, 'forged')).toThrow(/forged: header declares shape \(4294967295, 3\)/);
    expect(() => parseIdxHeader(new Uint8Array([0, 0, 0x42, 1]), 'x')).toThrow(/unknown IDX element type 0x42/);
  });

  it('caps gzip output', () => {
    expect(() => openIdx(file('images-idx3-ubyte.gz'), 'capped', 100)).toThrow(/more than the 100-byte limit/);
  });
});
