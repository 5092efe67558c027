// Digital family: contrast, saturate, pixelate, JPEG (elastic is in elastic.ts).
import { editHsv } from './color';
import { fromUnit, toUnit, type CorruptionImage } from './image';
import { jpegRoundTrip } from './jpeg';
import * as P from './params';
import { pilBoxResize } from './resample';

/** (x − mean)·c + mean, with the mean of each channel over the image. */
export function contrast(image: CorruptionImage, severity: number): Uint8Array {
  const factor = P.contrastFactor[severity - 1];
  const { channels } = image;
  const x = toUnit(image).data;
  const pixels = x.length / channels;
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let i = c; i < x.length; i += channels) sum += x[i];
    const mean = sum / pixels;
    for (let i = c; i < x.length; i += channels) x[i] = (x[i] - mean) * factor + mean;
  }
  return fromUnit(x);
}

/**
 * HSV saturation·a + b (skimage round trip, truncated to uint8 as the reference does).
 * Grey images are treated as the reference treats a grey image replicated to RGB: saturation 0
 * and hue 0 (red), so the offsets of severities 4 and 5 tint it red; the RGB result is converted
 * back to grey with Pillow's `convert('L')` integer luma (R·19595 + G·38470 + B·7471 + 2¹⁵) >> 16.
 * At severities 1–3 that is the identity; at 4 and 5 it darkens by 5–10 levels (v·(1 − 0.701·b)).
 */
export function saturate(image: CorruptionImage, severity: number): Uint8Array {
  const [gain, offset] = P.saturate[severity - 1];
  const rgb = image.channels === 3 ? image : { ...image, channels: 3 as const, data: replicate(image.data) };
  const x = toUnit(rgb).data;
  editHsv(x, (hsv) => {
    hsv[1] = Math.min(1, Math.max(0, hsv[1] * gain + offset));
  });
  const out = fromUnit(x);
  return image.channels === 3 ? out : pillowLuma(out);
}

function replicate(grey: Uint8Array): Uint8Array {
  const out = new Uint8Array(grey.length * 3);
  for (let i = 0; i < grey.length; i++) out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = grey[i];
  return out;
}

/** Pillow's RGB → L: (R·19595 + G·38470 + B·7471 + 0x8000) >> 16, exact in integers. */
function pillowLuma(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgb.length / 3);
  for (let p = 0; p < out.length; p++) {
    out[p] = (rgb[3 * p] * 19595 + rgb[3 * p + 1] * 38470 + rgb[3 * p + 2] * 7471 + 0x8000) >>> 16;
  }
  return out;
}

/** Pillow BOX resize down to ⌊size·c⌋ and back up. */
export function pixelate(image: CorruptionImage, severity: number): Uint8Array {
  const c = P.pixelateFactor[severity - 1];
  const { data, width, height, channels } = image;
  const w = Math.max(1, Math.trunc(width * c));
  const h = Math.max(1, Math.trunc(height * c));
  const small = pilBoxResize(data, width, height, channels, w, h);
  return pilBoxResize(small, w, h, channels, width, height);
}

/** JPEG at the severity's quality, as Pillow saves and reloads it (see jpeg.ts). */
export function jpegCompression(image: CorruptionImage, severity: number): Uint8Array {
  return jpegRoundTrip(image.data, image.width, image.height, image.channels, P.jpegQuality[severity - 1]);
}
