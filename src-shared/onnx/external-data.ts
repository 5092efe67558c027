// ONNX external data: tensors whose bytes live in a separate file named by a path relative to the
// model (data_location = EXTERNAL, external_data {location, offset, length}). listExternalData
// says where each tensor's bytes are, the caller reads them (through the bundle store) and
// applyExternalData inlines them as raw_data, so that graph analysis and the onnxruntime session
// both see one self-contained model (the engine runs both steps in its unpack worker). A location that could
// leave the model's folder tree (absolute, drive letter, `..` above the bundle) is refused.
import type { onnx } from 'onnx-proto';
import { PruneLensError } from '../base/errors';
import { onnxSchema } from './decode-model';
import type { OnnxModel } from './decode-model';

/** One external tensor's bytes: a bundle-relative file, an offset and a length (null: to the end of the file). */
export interface ExternalRef {
  tensor: string;
  relative: string;
  offset: number;
  length: number | null;
}

/** ONNX protobufs are limited to 2 GiB; the inlined model must fit. */
export const MAX_INLINED_BYTES = 2 * 1024 ** 3 - 1;

/** Every TensorProto in the graph that stores its data externally (initializers, sparse values, Constant values). */
export function externalTensors(model: OnnxModel): onnx.ITensorProto[] {
  const graph = model.graph;
  if (!graph) return [];
  const all: onnx.ITensorProto[] = [...(graph.initializer ?? [])];
  for (const s of graph.sparseInitializer ?? []) if (s.values) all.push(s.values);
  for (const node of graph.node ?? []) for (const a of node.attribute ?? []) if (a.t) all.push(a.t);
  return all.filter((t) => t.dataLocation === 1);
}

/**
 * The bundle-relative path of `location` for a model at `modelPath` (both '/'-separated, relative
 * to the bundle root); refused when absolute or when it climbs above the bundle root.
 */
export function resolveExternalPath(modelPath: string, location: string, modelLabel: string, tensor: string): string {
  const refuse = (why: string) =>
    new PruneLensError('forbidden', `${modelLabel}: tensor '${tensor}' keeps its data in '${location}', ${why}; external data must be a file beside the model inside the bundle.`, { file: modelLabel, tensor });
  const normalised = location.replace(/\\/g, '/');
  if (!normalised || normalised.startsWith('/') || /^[a-zA-Z]:/.test(normalised) || normalised.includes('\0')) throw refuse('an absolute path');
  const parts = modelPath.replace(/\\/g, '/').split('/').slice(0, -1).filter((p) => p && p !== '.');
  for (const part of normalised.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) throw refuse('which leads outside the bundle');
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  if (parts.length === 0) throw refuse('which is not a file');
  return parts.join('/');
}

function entry(tensor: onnx.ITensorProto, key: string): string | undefined {
  return (tensor.externalData ?? []).find((e) => e.key === key)?.value ?? undefined;
}

/** Non-negative integer from an external_data field ('' or absent: `fallback`). */
function integerField(tensor: onnx.ITensorProto, key: string, fallback: number | null, modelLabel: string): number | null {
  const text = entry(tensor, key);
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new PruneLensError('bad-onnx', `${modelLabel}: tensor '${tensor.name}' has external_data ${key} '${text}', not a byte count.`, { file: modelLabel, tensor: tensor.name ?? '' });
  return value;
}

/**
 * Where every external tensor of `model` (decoded from the bundle file `modelPath`) keeps its bytes,
 * in the order of externalTensors(); locations leaving the bundle are refused.
 */
export function listExternalData(model: OnnxModel, modelPath: string, modelLabel: string): ExternalRef[] {
  return externalTensors(model).map((tensor) => {
    const name = tensor.name ?? '';
    const location = entry(tensor, 'location');
    if (location === undefined) throw new PruneLensError('bad-onnx', `${modelLabel}: tensor '${name}' is marked external but names no location.`, { file: modelLabel, tensor: name });
    return { tensor: name, relative: resolveExternalPath(modelPath, location, modelLabel, name), offset: integerField(tensor, 'offset', 0, modelLabel)!, length: integerField(tensor, 'length', null, modelLabel) };
  });
}

/**
 * `model` with `chunks` (the bytes of listExternalData's tensors, in its order) inlined as raw_data,
 * re-encoded into one self-contained model.
 */
export function applyExternalData(model: OnnxModel, chunks: readonly Uint8Array[], modelLabel: string): Uint8Array {
  const tensors = externalTensors(model);
  if (tensors.length !== chunks.length) throw new PruneLensError('internal', `${modelLabel}: ${chunks.length} external data chunks for ${tensors.length} tensors.`, { file: modelLabel });
  let total = 0;
  tensors.forEach((tensor, i) => {
    total += chunks[i].length;
    if (total > MAX_INLINED_BYTES) throw new PruneLensError('bad-onnx', `${modelLabel}: the model with its external data is over 2 GiB, more than one ONNX file can hold.`, { file: modelLabel });
    tensor.rawData = chunks[i];
    tensor.dataLocation = 0;
    tensor.externalData = [];
  });
  return onnxSchema.ModelProto.encode(model).finish();
}
