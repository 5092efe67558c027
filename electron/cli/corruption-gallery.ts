// One image under every corruption × severity, as a PNG contact sheet: a row per corruption
// (labelled), columns clean + severities 1–5, each tile upscaled with nearest neighbour.
import { PNG } from 'pngjs';
import { allCorruptions, applyCorruption, corruptionRng, type CorruptionImage } from '../../src-shared/corruptions/index';
import { drawText, textWidth } from './tiny-font';

export interface GalleryOptions {
  seed: number;
  /** Upscaling factor of each tile (nearest neighbour). */
  zoom: number;
  /** Index of the image in its file (part of every tile's seed, as in `corrupt`). */
  index: number;
}

const GAP = 4;
const TEXT = 2;
const BACKGROUND = 32;

function drawTile(rgba: Uint8Array, stride: number, left: number, top: number, image: CorruptionImage, pixels: Uint8Array, zoom: number): void {
  const { width, height, channels } = image;
  for (let y = 0; y < height * zoom; y++) {
    for (let x = 0; x < width * zoom; x++) {
      const p = (Math.floor(y / zoom) * width + Math.floor(x / zoom)) * channels;
      const o = ((top + y) * stride + left + x) * 4;
      rgba[o] = pixels[p];
      rgba[o + 1] = pixels[channels === 3 ? p + 1 : p];
      rgba[o + 2] = pixels[channels === 3 ? p + 2 : p];
      rgba[o + 3] = 255;
    }
  }
}

export function renderGallery(image: CorruptionImage, options: GalleryOptions): Uint8Array {
  const { zoom, seed, index } = options;
  const tileW = image.width * zoom;
  const tileH = image.height * zoom;
  const labelW = Math.max(...allCorruptions.map((name) => textWidth(name, TEXT))) + 2 * GAP;
  const headerH = 5 * TEXT + 2 * GAP;
  const width = labelW + 6 * (tileW + GAP) + GAP;
  const height = headerH + allCorruptions.length * (tileH + GAP) + GAP;
  const rgba = new Uint8Array(width * height * 4).fill(BACKGROUND);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  const white: [number, number, number] = [235, 235, 235];
  ['clean', '1', '2', '3', '4', '5'].forEach((title, col) => {
    const left = labelW + col * (tileW + GAP) + Math.floor((tileW - textWidth(title, TEXT)) / 2);
    drawText(rgba, width, left, GAP, title, TEXT, white);
  });
  allCorruptions.forEach((name, row) => {
    const top = headerH + row * (tileH + GAP);
    drawText(rgba, width, GAP, top + Math.floor((tileH - 5 * TEXT) / 2), name, TEXT, white);
    drawTile(rgba, width, labelW, top, image, image.data, zoom);
    for (let severity = 1; severity <= 5; severity++) {
      const pixels = applyCorruption(image, name, severity, corruptionRng(seed, name, severity, index));
      drawTile(rgba, width, labelW + severity * (tileW + GAP), top, image, pixels, zoom);
    }
  });
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png);
}
