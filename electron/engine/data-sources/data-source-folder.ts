// Image-folder sources: <folder>/<class>/<image>.png|jpg. The file list is read up front (labels
// from subfolder names); images are decoded per batch, and must all have the first image's size.
import { PruneLensError } from '../../../src-shared/base/errors';
import { decodeImage, toChannels } from '../../../src-shared/formats/image-decode';
import type { BundleStore } from '../bundle/bundle-archive-store';
import { checkBatchRange } from './data-source-base';
import type { ImageSource } from './data-source-base';
import type { DataSourceReader } from './data-source-reader';
import type { CleanProposal, ScanFolder } from './scan-folder';

const IMAGE_EXTENSIONS = /\.(png|jpe?g)$/i;
const MAX_IMAGE_FILE_BYTES = 64 * 1024 * 1024;

export interface FolderListing {
  classes: string[];
  files: string[];
  labels: Int32Array;
}

/** Class subfolders and their image files. Classes follow `classNames` when every subfolder is one of them, else sorted order. */
export async function listImageFolder(store: BundleStore, relative: string, classNames: string[] = []): Promise<FolderListing> {
  const label = store.label(relative);
  const subfolders = (await store.list(relative)).filter((e) => e.kind === 'dir').map((e) => e.name);
  if (subfolders.length === 0) throw new PruneLensError('bad-data', `${label}: an image folder needs one subfolder per class (found none).`, { file: label });
  const named = subfolders.every((s) => classNames.includes(s));
  const classes = named ? classNames : subfolders;
  const files: string[] = [];
  const labels: number[] = [];
  for (const sub of subfolders) {
    const images = (await store.list(`${relative}/${sub}`)).filter((e) => e.kind === 'file' && IMAGE_EXTENSIONS.test(e.name));
    for (const image of images) {
      files.push(`${relative}/${sub}/${image.name}`);
      labels.push(classes.indexOf(sub));
    }
  }
  if (files.length === 0) throw new PruneLensError('bad-data', `${label}: no .png or .jpg files in its class subfolders.`, { file: label });
  return { classes, files, labels: Int32Array.from(labels) };
}

export async function openImageFolderSource(store: BundleStore, relative: string, classNames: string[] = []): Promise<ImageSource> {
  const { files, labels } = await listImageFolder(store, relative, classNames);
  const decode = async (file: string) => decodeImage(await store.readFile(file, 'Image', MAX_IMAGE_FILE_BYTES), store.label(file));
  const first = await decode(files[0]);
  const channels: 1 | 3 = first.channels <= 2 ? 1 : 3;
  const { width, height } = first;
  const source: ImageSource = {
    count: files.length,
    height,
    width,
    channels,
    layout: 'NHWC',
    sourceLayout: 'NHWC',
    dtype: 'uint8',
    labels,
    async readBatch(start, count) {
      checkBatchRange(source, start, count);
      const size = height * width * channels;
      const out = new Uint8Array(count * size);
      for (let i = 0; i < count; i++) {
        const file = files[start + i];
        const image = await decode(file);
        if (image.width !== width || image.height !== height) {
          throw new PruneLensError('bad-data', `${store.label(file)}: is ${image.width}×${image.height}, but ${files[0]} is ${width}×${height} (all images must have one size).`, { file: store.label(file) });
        }
        out.set(toChannels(image, channels), i * size);
      }
      return out;
    },
    async close() {},
    description: `${relative}/ (image folder, ${files.length} images ${width}×${height}×${channels})`,
  };
  return source;
}

/** For `init`: a folder with at least two subfolders holding images. Weaker than a labelled array pair (0.5), which wins beside it. */
async function proposeImageFolder(store: BundleStore, { dir, subdirs }: ScanFolder): Promise<CleanProposal | null> {
  const join = (name: string) => (dir ? `${dir}/${name}` : name);
  let classDirs = 0;
  for (const sub of subdirs) {
    const inner = await store.list(join(sub));
    if (inner.some((e) => e.kind === 'file' && IMAGE_EXTENSIONS.test(e.name))) classDirs++;
  }
  if (classDirs < 2) return null;
  const classNames = (await store.list(dir)).filter((e) => e.kind === 'dir').map((e) => e.name);
  return { spec: { images: dir || '.', format: 'image-folder' }, confidence: 0.5, classNames };
}

/** The image-folder input kind: chosen for a folder, for format 'image-folder', or when neither labels nor format is given. */
export const imageFolderReader: DataSourceReader = {
  kind: 'image-folder',
  async match({ isDir, spec }) {
    return isDir || spec.format === 'image-folder' || (spec.labels === undefined && spec.format === undefined) ? 1 : false;
  },
  async open({ store, spec, isDir }, ctx) {
    if (!isDir) throw new PruneLensError('bad-data', `${store.label(spec.images)}: an image folder must be a folder with one subfolder per class.`, { file: store.label(spec.images) });
    return openImageFolderSource(store, spec.images, ctx.classNames);
  },
  scan: { looksLike: 'a folder of class subfolders', folder: proposeImageFolder },
};
