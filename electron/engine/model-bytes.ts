// A model's bytes as inference and analysis need them: the .onnx file from the bundle store, with
// any external-data tensors (files beside it in the bundle folder or archive) read through the
// same store — so the bundle's confinement (no `..`, no absolute path, no symlink out) applies —
// and inlined into one self-contained model.
import { PruneLensError } from '../../src-shared/api/errors';
import { decodeOnnxModel } from '../../src-shared/onnx/decode-model';
import { inlineExternalData } from '../../src-shared/onnx/external-data';
import type { BundleStore } from './bundle-archive-store';

/** The model at bundle path `modelPath`, external data inlined (the file's bytes when it has none). */
export async function readModelBytes(store: BundleStore, modelPath: string, what: string): Promise<Uint8Array> {
  return inlineFromStore(store, modelPath, await store.readFile(modelPath, what));
}

/** `bytes` (the model at `modelPath` in `store`) with its external data read from the store and inlined. */
export async function inlineFromStore(store: BundleStore, modelPath: string, bytes: Uint8Array): Promise<Uint8Array> {
  // Cheap pre-check: external data always names its file under the key "location".
  if (!containsAscii(bytes, 'location')) return bytes;
  const label = store.label(modelPath);
  return inlineExternalData(bytes, decodeOnnxModel(bytes, label), modelPath, label, async (relative, offset, length, tensor) => {
    let file;
    try {
      file = await store.open(relative, `External data of tensor '${tensor}' (${label})`);
    } catch (error) {
      if (error instanceof PruneLensError && error.code === 'forbidden') {
        throw new PruneLensError('forbidden', `${label}: tensor '${tensor}' keeps its data in '${relative}', which leads outside the bundle; external data must be a file beside the model inside the bundle.`, { file: label, tensor });
      }
      throw error;
    }
    try {
      const size = length ?? file.size - offset;
      if (offset + size > file.size || size < 0) {
        throw new PruneLensError('bad-onnx', `${label}: tensor '${tensor}' needs bytes ${offset}–${offset + size} of '${relative}', which has ${file.size}.`, { file: label, tensor });
      }
      return await file.read(offset, size);
    } finally {
      await file.close();
    }
  });
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (let i = bytes.indexOf(first); i !== -1 && i <= bytes.length - text.length; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}
