import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { decodeImage, toChannels } from './image-decode';
import { decodePng } from './png';

const dir = new URL('../../tools/fixtures/formats/', import.meta.url);
const file = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8'));

describe('PNG decoding', () => {
  const images = Object.entries(expected.png.images) as [string, { channels: number; data: number[]; width?: number; height?: number }][];
  it.each(images)('%s matches the pixels it was written from', (name, ref) => {
    const image = decodePng(file(`${name}.png`), name);
    expect(image.width).toBe(ref.width ?? expected.png.width);
    expect(image.height).toBe(ref.height ?? expected.png.height);
    expect(image.channels).toBe(ref.channels);
    expect(Array.from(image.data)).toEqual(ref.data);
  });

  it('rejects interlaced PNGs with a clear message', () => {
    expect(() => decodePng(file('interlaced.png'), 'interlaced.png')).toThrow(/interlaced\.png: interlaced \(Adam7\) PNGs are not supported/);
  });

  it('detects corruption through the chunk CRC', () => {
    const bytes = file('rgb8.png');
    bytes[45] ^= 0xff; // inside the IDAT data
    expect(() => decodePng(bytes, 'bad.png')).toThrow(/CRC mismatch in chunk 'IDAT'/);
  });

  it('refuses images whose header declares too many pixels', () => {
    const bytes = file('gray8.png');
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    view.setUint32(16, 60000, false);
    view.setUint32(20, 60000, false);
    // recompute the IHDR CRC so that the size check, not the CRC, is what fails
    view.setUint32(29, crc32(bytes.subarray(12, 29)), false);
    expect(() => decodePng(bytes, 'huge.png')).toThrow(/exceeds the .*-pixel limit/);
  });
});

describe('JPEG decoding and channel conversion', () => {
  it('decodes a JPEG close to libjpeg', () => {
    const image = decodeImage(file('smooth.jpg'), 'smooth.jpg');
    expect([image.width, image.height, image.channels]).toEqual([expected.jpeg.width, expected.jpeg.height, 3]);
    let total = 0;
    let max = 0;
    image.data.forEach((v, i) => {
      total += Math.abs(v - expected.jpeg.data[i]);
      max = Math.max(max, Math.abs(v - expected.jpeg.data[i]));
    });
    expect(total / image.data.length).toBeLessThan(1); // IDCT rounding differs between decoders
    expect(max).toBeLessThanOrEqual(4);
  });

  it('converts gray ↔ RGB and drops alpha', () => {
    const rgba = { width: 1, height: 2, channels: 4 as const, data: new Uint8Array([10, 20, 30, 255, 200, 100, 0, 0]) };
    expect(Array.from(toChannels(rgba, 3))).toEqual([10, 20, 30, 200, 100, 0]);
    expect(Array.from(toChannels(rgba, 1))).toEqual([Math.round(0.299 * 10 + 0.587 * 20 + 0.114 * 30), Math.round(0.299 * 200 + 0.587 * 100)]);
    expect(Array.from(toChannels({ width: 1, height: 1, channels: 1, data: new Uint8Array([7]) }, 3))).toEqual([7, 7, 7]);
  });

  it('rejects files that are neither', () => {
    expect(() => decodeImage(new Uint8Array([1, 2, 3, 4]), 'x.bmp')).toThrow(/x\.bmp: not a PNG or JPEG file/);
  });
});
