// Sample images as `data:image/png` URIs for the self-contained report: nearest-neighbour
// upscaled (small test images stay crisp in print), encoded with pngjs.
import { PNG } from 'pngjs';

export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  /** 1 (gray), 3 (RGB) or 4 (RGBA), interleaved (HWC). */
  channels: number;
}

/** Integer scale that brings the longer side to at least `target` pixels. */
export function upscaleFactor(width: number, height: number, target = 112): number {
  return Math.max(1, Math.ceil(target / Math.max(width, height)));
}

export function encodePng(image: RawImage, scale = 1): Uint8Array {
  const { data, width, height, channels } = image;
  if (![1, 3, 4].includes(channels)) throw new Error(`encodePng: ${channels} channels (expected 1, 3 or 4).`);
  if (data.length < width * height * channels) throw new Error(`encodePng: ${data.length} bytes for a ${width}×${height}×${channels} image.`);
  const png = new PNG({ width: width * scale, height: height * scale });
  for (let y = 0; y < height * scale; y++) {
    for (let x = 0; x < width * scale; x++) {
      const src = (Math.floor(y / scale) * width + Math.floor(x / scale)) * channels;
      const dst = (y * width * scale + x) * 4;
      png.data[dst] = data[src];
      png.data[dst + 1] = data[src + (channels >= 3 ? 1 : 0)];
      png.data[dst + 2] = data[src + (channels >= 3 ? 2 : 0)];
      png.data[dst + 3] = channels === 4 ? data[src + 3] : 255;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

export function pngDataUri(image: RawImage, scale = upscaleFactor(image.width, image.height)): string {
  return `data:image/png;base64,${Buffer.from(encodePng(image, scale)).toString('base64')}`;
}
