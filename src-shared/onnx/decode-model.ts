// ONNX ModelProto decoding with the maintained onnx-proto schema (never by hand).
import onnxProto from 'onnx-proto';
import type { onnx } from 'onnx-proto';
import { PruneLensError } from '../base/errors';

export type OnnxModel = onnx.ModelProto;
/**
 * The schema's runtime classes. onnx-proto is CommonJS (`module.exports = $root`), which Node's
 * ESM loader exposes only as a default export; for types, `import type { onnx } from 'onnx-proto'`.
 */
export const onnxSchema: typeof onnx = onnxProto.onnx;

/** protobufjs gives int64 fields as numbers or Long objects depending on the platform. */
export function int64ToNumber(value: number | { toNumber(): number } | null | undefined): number {
  if (value == null) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

export function decodeOnnxModel(bytes: Uint8Array, fileLabel = 'model'): OnnxModel {
  if (bytes.length === 0) throw new PruneLensError('bad-onnx', `${fileLabel} is empty.`, { file: fileLabel });
  let model: OnnxModel;
  try {
    model = onnxSchema.ModelProto.decode(bytes);
  } catch (error) {
    throw new PruneLensError('bad-onnx', `${fileLabel} is not an ONNX model: ${(error as Error).message}.`, { file: fileLabel });
  }
  if (!model.graph || (model.graph.node?.length ?? 0) === 0) {
    throw new PruneLensError('bad-onnx', `${fileLabel} is not an ONNX model: it has no graph nodes.`, { file: fileLabel });
  }
  return model;
}
