// Binary frames for the WebSocket transport: typed arrays travel as raw bytes, never as JSON
// number arrays. Layout: [u32 header length][header JSON, UTF-8][pad to 8][buffer 0][pad]…
// Each typed array in the message is replaced in the JSON by {"$ta": index, "t": type}.
const typedArrayTypes = {
  Float32Array, Float64Array, Int8Array, Int16Array, Int32Array, Uint8Array, Uint16Array, Uint32Array, Uint8ClampedArray,
} as const;
type TypedArrayName = keyof typeof typedArrayTypes;
type AnyTypedArray = InstanceType<(typeof typedArrayTypes)[TypedArrayName]>;

const align8 = (n: number) => (n + 7) & ~7;

function typedArrayName(value: unknown): TypedArrayName | null {
  if (!ArrayBuffer.isView(value)) return null;
  const name = value.constructor.name as TypedArrayName;
  return name in typedArrayTypes ? name : null;
}

export function encodeFrame(message: unknown): Uint8Array<ArrayBuffer> {
  const buffers: AnyTypedArray[] = [];
  const json = JSON.stringify(message, (_key, value) => {
    const name = typedArrayName(value);
    if (!name) return value;
    buffers.push(value as AnyTypedArray);
    return { $ta: buffers.length - 1, t: name };
  });
  const header = new TextEncoder().encode(json);
  let size = align8(4 + header.length);
  const offsets = buffers.map((buffer) => {
    const at = size;
    size = align8(size + buffer.byteLength);
    return at;
  });
  const frame = new Uint8Array(size);
  new DataView(frame.buffer).setUint32(0, header.length, true);
  frame.set(header, 4);
  buffers.forEach((buffer, i) => frame.set(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), offsets[i]));
  // The trailer lists byte lengths so the decoder needs no knowledge of element sizes.
  return appendTrailer(frame, buffers.map((b) => b.byteLength));
}

function appendTrailer(frame: Uint8Array, lengths: number[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(frame.length + 4 * lengths.length + 4);
  out.set(frame);
  const view = new DataView(out.buffer);
  lengths.forEach((length, i) => view.setUint32(frame.length + 4 * i, length, true));
  view.setUint32(out.length - 4, lengths.length, true);
  return out;
}

export function decodeFrame(bytes: Uint8Array): unknown {
  if (bytes.length < 8) throw new Error('Frame too short.');
  // Copy once into an aligned buffer so typed-array views are valid for every element size.
  const frame = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const count = view.getUint32(frame.length - 4, true);
  const trailerStart = frame.length - 4 - 4 * count;
  const headerLength = view.getUint32(0, true);
  if (count > 1e6 || trailerStart < 4 + headerLength) throw new Error('Malformed frame.');
  const lengths = Array.from({ length: count }, (_, i) => view.getUint32(trailerStart + 4 * i, true));
  const json = new TextDecoder().decode(frame.subarray(4, 4 + headerLength));
  let at = align8(4 + headerLength);
  const arrays = lengths.map((length) => {
    const start = at;
    at = align8(at + length);
    if (start + length > trailerStart) throw new Error('Malformed frame: buffer out of range.');
    return { start, length };
  });
  return JSON.parse(json, (_key, value) => {
    if (value && typeof value === 'object' && typeof value.$ta === 'number' && typeof value.t === 'string') {
      const Type = typedArrayTypes[value.t as TypedArrayName];
      const slot = arrays[value.$ta];
      if (!Type || !slot) throw new Error('Malformed frame: bad typed array reference.');
      return new Type((frame.buffer as ArrayBuffer).slice(frame.byteOffset + slot.start, frame.byteOffset + slot.start + slot.length));
    }
    return value;
  });
}
