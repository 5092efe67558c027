import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame } from './wire-codec';

describe('wire codec (binary WebSocket frames)', () => {
  it('round-trips nested typed arrays as raw bytes, not JSON numbers', () => {
    const features = new Float32Array([1.5, -2.25, Math.PI, Number.NaN]);
    const labels = new Uint8Array([3, 1, 4]);
    const message = { kind: 'result', id: 7, value: { features, nested: [{ labels }], text: 'ok', empty: new Int32Array(0) } };
    const frame = encodeFrame(message);
    const json = new TextDecoder().decode(frame.subarray(4, 4 + new DataView(frame.buffer).getUint32(0, true)));
    expect(json).not.toContain('1.5');
    expect(json).toContain('"$ta":0');
    const decoded = decodeFrame(frame) as typeof message;
    expect(decoded.value.features).toBeInstanceOf(Float32Array);
    expect(Array.from(decoded.value.features.subarray(0, 3))).toEqual(Array.from(features.subarray(0, 3)));
    expect(Number.isNaN(decoded.value.features[3])).toBe(true);
    expect(decoded.value.nested[0].labels).toEqual(labels);
    expect(decoded.value.empty).toBeInstanceOf(Int32Array);
    expect(decoded.value.text).toBe('ok');
  });

  it('keeps typed arrays that are views into a larger buffer exact', () => {
    const big = new Float64Array([0, 1, 2, 3, 4, 5]);
    const view = big.subarray(2, 5);
    const decoded = decodeFrame(encodeFrame({ view })) as { view: Float64Array };
    expect(Array.from(decoded.view)).toEqual([2, 3, 4]);
  });

  it('decodes a frame received at an unaligned offset', () => {
    const frame = encodeFrame({ a: new Float32Array([1, 2]) });
    const padded = new Uint8Array(frame.length + 1);
    padded.set(frame, 1);
    expect((decodeFrame(padded.subarray(1)) as { a: Float32Array }).a).toEqual(new Float32Array([1, 2]));
  });

  it('rejects truncated and corrupted frames with an error, never garbage', () => {
    const frame = encodeFrame({ a: new Float32Array(16) });
    expect(() => decodeFrame(frame.subarray(0, 5))).toThrow(/too short|Malformed/);
    const corrupted = frame.slice();
    new DataView(corrupted.buffer).setUint32(corrupted.length - 4, 999, true);
    expect(() => decodeFrame(corrupted)).toThrow(/Malformed/);
  });
});
