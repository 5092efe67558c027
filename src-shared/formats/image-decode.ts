// Decodes one PNG or JPEG file (sniffed by content, not name) into HWC uint8 pixels, and
// converts between channel counts so a folder of mixed gray/RGB/RGBA files becomes one array.
import jpeg from 'jpeg-js';
import { PruneLensError } from '../base/errors';
import { decodePng, isPng, MAX_IMAGE_PIXELS } from './png';
import type { DecodedImage } from './png';

export type { DecodedImage } from './png';

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function decodeImage(bytes: Uint8Array, fileLabel = 'image'): DecodedImage {
  if (isPng(bytes)) return decodePng(bytes, fileLabel);
  if (isJpeg(bytes)) return decodeJpeg(bytes, fileLabel);
  throw new PruneLensError('bad-data', `${fileLabel}: not a PNG or JPEG file.`, { file: fileLabel, offset: 0 });
}

function decodeJpeg(bytes: Uint8Array, fileLabel: string): DecodedImage {
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 512 });
  } catch (error) {
    throw new PruneLensError('bad-data', `${fileLabel}: corrupt or unsupported JPEG (${(error as Error)?.message ?? String(error)}).`, { file: fileLabel });
  }
  const { width, height, data } = decoded;
  if (!(width > 0 && height > 0) || data.length !== width * height * 3) {
    throw new PruneLensError('bad-data', `${fileLabel}: JPEG decoded to ${data?.length ?? 0} bytes for ${width}×${height}.`, { file: fileLabel });
  }
  return { width, height, channels: 3, data };
}

/** Converts to 1 (gray, ITU-R 601 luma) or 3 (RGB) channels; alpha is dropped. */
export function toChannels(image: DecodedImage, channels: 1 | 3): Uint8Array {
  const { data, width, height } = image;
  const n = width * height;
  const from = image.channels;
  if (from === channels) return data;
  const out = new Uint8Array(n * channels);
  for (let i = 0; i < n; i++) {
    const at = i * from;
    if (channels === 3) {
      if (from <= 2) out.fill(data[at], i * 3, i * 3 + 3);
      else out.set(data.subarray(at, at + 3), i * 3);
    } else {
      out[i] = from <= 2 ? data[at] : Math.round(0.299 * data[at] + 0.587 * data[at + 1] + 0.114 * data[at + 2]);
    }
  }
  return out;
}
