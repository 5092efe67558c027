// The ArrayBuffers behind a value's typed arrays, once each: what postMessage can move instead of copy.
export function transferables(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown) => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
    } else if (v && typeof v === 'object') for (const x of Object.values(v)) visit(x);
  };
  visit(value);
  return [...out];
}
