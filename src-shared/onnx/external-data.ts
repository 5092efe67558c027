// ONNX external data: tensors whose bytes live in a separate file named by a path relative to the
// model (data_location = EXTERNAL, external_data {location, offset, length}). The bytes are read
// through a caller-supplied reader (the bundle store) and inlined as raw_data, so that graph
// analysis and the onnxruntime session both see one self-contained model. A location that could
// leave the model's folder tree (absolute, drive letter, `..` above the bundle) is refused.
import type { onnx } from 'onnx-proto';
import { PruneLensError } from '../api/errors';
import { onnxSchema } from './decode-model';
import type { OnnxModel } from './decode-model';

/** Reads `length` bytes at `offset` of a bundle-relative file (length null: to the end). */
export type ExternalReader = (relative: string, offset: number, length: number | null, tensor: string) => Promise<Uint8Array>;

/** ONNX protobufs are limited to 2 GiB; the inlined model must fit. */
const MAX_INLINED_BYTES = 2 * 1024 ** 3 - 1;

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
 * Reads every external tensor of `model` (decoded from the bundle file `modelPath`) into raw_data
 * and returns the re-encoded, self-contained model; the input bytes unchanged when it has none.
 */
export async function inlineExternalData(bytes: Uint8Array, model: OnnxModel, modelPath: string, modelLabel: string, read: ExternalReader): Promise<Uint8Array> {
  const tensors = externalTensors(model);
  if (tensors.length === 0) return bytes;
  let total = bytes.length;
  for (const tensor of tensors) {
    const name = tensor.name ?? '';
    const location = entry(tensor, 'location');
    if (location === undefined) throw new PruneLensError('bad-onnx', `${modelLabel}: tensor '${name}' is marked external but names no location.`, { file: modelLabel, tensor: name });
    const relative = resolveExternalPath(modelPath, location, modelLabel, name);
    const offset = integerField(tensor, 'offset', 0, modelLabel)!;
    const length = integerField(tensor, 'length', null, modelLabel);
    const data = await read(relative, offset, length, name);
    total += data.length;
    if (total > MAX_INLINED_BYTES) throw new PruneLensError('bad-onnx', `${modelLabel}: the model with its external data is over 2 GiB, more than one ONNX file can hold.`, { file: modelLabel });
    tensor.rawData = data;
    tensor.dataLocation = 0;
    tensor.externalData = [];
  }
  return onnxSchema.ModelProto.encode(model).finish();
}
