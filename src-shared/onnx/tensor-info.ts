// Names and shapes of graph inputs/outputs, and element counts of initializers.
import type { TensorInfo } from '../api/types';
import type { onnx } from 'onnx-proto';
import { int64ToNumber } from './decode-model';

const elementTypeNames: Record<number, string> = {
  1: 'float', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool',
  10: 'float16', 11: 'double', 12: 'uint32', 13: 'uint64', 16: 'bfloat16',
};

export function elementTypeName(dataType: number | null | undefined): string {
  return elementTypeNames[dataType ?? 0] ?? `type-${dataType ?? 0}`;
}

export function valueInfoToTensorInfo(info: onnx.IValueInfoProto): TensorInfo {
  const tensorType = info.type?.tensorType;
  const dims = tensorType?.shape?.dim ?? [];
  return {
    name: info.name ?? '',
    type: elementTypeName(tensorType?.elemType),
    shape: dims.map((d) => (d.dimParam ? d.dimParam : d.dimValue != null ? int64ToNumber(d.dimValue) : null)),
  };
}

export function tensorElementCount(tensor: onnx.ITensorProto): number {
  return (tensor.dims ?? []).reduce<number>((n, d) => n * int64ToNumber(d), 1);
}
