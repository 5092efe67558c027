// User-supplied frost photographs (e.g. frost1–5 of Hendrycks' reference) for the frost
// corruption instead of the procedural stand-ins: every PNG / JPEG of a folder, in file-name
// order, decoded and shrunk as make_cifar_c.py does. Used by `prunelens corrupt --frost-images`
// and by bundles (`data.corrupted.generate.frost.images`).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PruneLensError } from '../../../src-shared/base/errors';
import { sizeScale } from '../../../src-shared/corruptions/image';
import { frostTexturesFromPhotos, type FrostTexture } from '../../../src-shared/corruptions/index';
import { decodeImage, toChannels } from '../../../src-shared/formats/image-decode';
import type { BundleStore } from '../bundle/bundle-archive-store';

const MAX_PHOTOS = 64;
const MAX_PHOTO_BYTES = 64 * 1024 * 1024;
const isPhoto = (name: string) => /\.(png|jpe?g)$/i.test(name);

export interface FrostPhoto { data: Uint8Array; width: number; height: number; file: string }

/** Decoded RGB photographs; `where` names the setting in messages. */
export function decodeFrostPhotos(files: { file: string; bytes: Uint8Array }[], where: string): FrostPhoto[] {
  if (files.length === 0) throw new PruneLensError('bad-request', `${where}: the folder holds no .png or .jpg files.`);
  if (files.length > MAX_PHOTOS) throw new PruneLensError('bad-request', `${where}: the folder holds ${files.length} images (at most ${MAX_PHOTOS}).`);
  return files.map(({ file, bytes }) => {
    const image = decodeImage(bytes, file);
    return { data: toChannels(image, 3), width: image.width, height: image.height, file };
  });
}

/** `--frost-images DIR` on the local file system. */
export function readFrostPhotos(dir: string, where = '--frost-images'): FrostPhoto[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter(isPhoto).sort();
  } catch (error) {
    throw new PruneLensError('bad-request', `${where}: cannot read folder ${dir} (${(error as Error).message}).`);
  }
  return decodeFrostPhotos(names.map((name) => {
    const file = join(dir, name);
    if (statSync(file).size > MAX_PHOTO_BYTES) throw new PruneLensError('bad-request', `${where}: ${file} is larger than 64 MiB.`);
    return { file, bytes: new Uint8Array(readFileSync(file)) };
  }), `${where} ${dir}`);
}

/** Textures for width×height images; each must still hold one image-sized crop, as the reference needs. */
export function frostTexturesFor(photos: FrostPhoto[], width: number, height: number, where = '--frost-images'): FrostTexture[] {
  const textures = frostTexturesFromPhotos(photos, sizeScale(width, height));
  textures.forEach((t, i) => {
    if (t.width <= width || t.height <= height) {
      throw new PruneLensError('bad-request', `${where}: ${photos[i].file} shrinks to ${t.width}×${t.height}, too small for a ${width}×${height} crop (the reference shrinks photographs to 0.2× per 32 px of image size).`);
    }
  });
  return textures;
}

/**
 * A bundle's frost photograph folder: the textures for its images, and a content key (names and
 * bytes) so cached results of frost sets change when the photographs do.
 */
export async function bundleFrostPhotos(store: BundleStore, dir: string, width: number, height: number): Promise<{ key: string; textures: FrostTexture[] }> {
  const where = 'data.corrupted.generate.frost.images';
  const entries = (await store.list(dir)).filter((e) => e.kind === 'file' && isPhoto(e.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const hash = createHash('sha256');
  const files = [];
  for (const entry of entries.slice(0, MAX_PHOTOS + 1)) {
    const file = `${dir.replace(/[\\/]+$/, '')}/${entry.name}`;
    const bytes = await store.readFile(file, 'Frost photograph', MAX_PHOTO_BYTES);
    hash.update(entry.name).update('\0').update(bytes);
    files.push({ file: store.label(file), bytes });
  }
  const textures = frostTexturesFor(decodeFrostPhotos(files, `${where} (${store.label(dir)})`), width, height, where);
  return { key: hash.digest('hex'), textures };
}
