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

/** HSV saturation·a + b. Grey images have no saturation to change: the identity. */
export function saturate(image: CorruptionImage, severity: number): Uint8Array {
  if (image.channels === 1) return image.data.slice();
  const [gain, offset] = P.saturate[severity - 1];
  const x = toUnit(image).data;
  editHsv(x, (hsv) => {
    hsv[1] = Math.min(1, Math.max(0, hsv[1] * gain + offset));
  });
  return fromUnit(x);
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
