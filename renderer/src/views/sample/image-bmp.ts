// Sample images as tiny 24-bit BMP files: an <img> shows them (decoded off the UI thread, no canvas
// context per thumbnail), and encoding is a byte copy — no compression work on the UI thread.

/** A bottom-up 24-bit BMP of a grey (1), RGB (3) or RGBA (4, alpha dropped) image in row-major HWC order. */
export function encodeBmp(data: Uint8Array, width: number, height: number, channels: number): Uint8Array<ArrayBuffer> {
  if (data.length < width * height * channels) throw new Error(`Image data has ${data.length} bytes, expected ${width * height * channels}.`);
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const headerBytes = 14 + 40;
  const out = new Uint8Array(headerBytes + rowBytes * height);
  const view = new DataView(out.buffer);
  out[0] = 0x42; // 'B'
  out[1] = 0x4d; // 'M'
  view.setUint32(2, out.length, true);
  view.setUint32(10, headerBytes, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, height, true); // positive: rows stored bottom-up
  view.setUint16(26, 1, true); // planes
  view.setUint16(28, 24, true); // bits per pixel
  view.setUint32(34, rowBytes * height, true);
  for (let y = 0; y < height; y++) {
    const row = headerBytes + (height - 1 - y) * rowBytes;
    for (let x = 0; x < width; x++) {
      const src = (y * width + x) * channels;
      const dst = row + x * 3;
      const [r, g, b] = channels === 1 ? [data[src], data[src], data[src]] : [data[src], data[src + 1], data[src + 2]];
      out[dst] = b;
      out[dst + 1] = g;
      out[dst + 2] = r;
    }
  }
  return out;
}
