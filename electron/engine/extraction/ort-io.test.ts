// The shared tensor codec: float16 encoding matches NumPy's rounding, outputs decode per type,
// and integer/string tensors are refused naming the tensor.
import { execFileSync } from 'node:child_process';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { floatToHalf, halfToFloat } from '../../../src-shared/formats/half';
import { pythonHasModule, requireTool } from '../../../tools/testing/require-tool';
import { decodeOutput, inputTensor, runtimeFloatType } from './ort-io';

const python = '/usr/bin/python3';

describe('ort-io', () => {
  it('floatToHalf rounds exactly as NumPy astype(float16) (ties to even, subnormals, overflow)', (context) => {
    requireTool(context, `NumPy for ${python}`, pythonHasModule(python, 'numpy'), 'apt-get install python3-numpy');
    const values: number[] = [65504, 65519.99, 65520, 1e-8, 2 ** -24, 2 ** -25, 3 * 2 ** -26, 2 ** -25 + 2 ** -40, Infinity, -Infinity, 1 + 2 ** -11, 1 + 3 * 2 ** -11, -2.5e-5];
    let s = 1;
    for (let i = 0; i < 5000; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const u = s / 2 ** 32;
      values.push(Math.fround((u - 0.5) * 2 ** ((Math.floor(u * 1e6) % 44) - 30)));
    }
    const script = 'import sys, warnings, numpy as np\nwarnings.simplefilter("ignore")\na = np.array(sys.stdin.read().split(), dtype=np.float64).astype(np.float32)\nprint(" ".join(str(int(v)) for v in a.astype(np.float16).view(np.uint16)))';
    const numpy = execFileSync(python, ['-c', script], { input: values.map((v) => v.toPrecision(17)).join(' ') }).toString().trim().split(' ').map(Number);
    expect(numpy).toHaveLength(values.length);
    const mismatches = values.map((v, i) => [v, floatToHalf(v), numpy[i]]).filter(([, a, b]) => a !== b);
    expect(mismatches).toEqual([]);
  });

  it('every finite half survives float → half → float', () => {
    for (let h = 0; h < 65536; h++) if (!Number.isNaN(halfToFloat(h))) expect(floatToHalf(halfToFloat(h))).toBe(h);
    expect(Number.isNaN(halfToFloat(floatToHalf(NaN)))).toBe(true);
  });

  it('feeds inputs in the declared type and decodes float outputs to fresh float32 arrays', () => {
    const data = new Float32Array([1.5, -2, 0.1]);
    const half = inputTensor(data, 'float16', [3]);
    expect(half.type).toBe('float16');
    expect(Array.from(decodeOutput(half, 'x'))).toEqual([1.5, -2, halfToFloat(floatToHalf(0.1))]);
    expect(Array.from(decodeOutput(inputTensor(data, 'float64', [3]), 'x'))).toEqual(Array.from(data));
    const f32 = new ort.Tensor('float32', data, [3]);
    const out = decodeOutput(f32, 'x');
    expect(out).not.toBe(data);
    expect(Array.from(out)).toEqual(Array.from(data));
  });

  it('refuses integer outputs and inputs loudly, naming the tensor and its type', () => {
    expect(() => decodeOutput(new ort.Tensor('int64', new BigInt64Array([1n, 2n]), [2]), 'argmax_out', 'm.onnx')).toThrow(/m\.onnx: output 'argmax_out' is int64, not a float tensor/);
    expect(() => decodeOutput(new ort.Tensor('int32', new Int32Array([1]), [1]), 'y')).toThrow(/'y' is int32/);
    expect(() => runtimeFloatType(7, 'ids', 'input', 'm.onnx')).toThrow(/m\.onnx: input 'ids' is int64/);
    expect(() => runtimeFloatType(2, 'img', 'input')).toThrow(/input 'img' is uint8/);
    expect(runtimeFloatType(10, 'x', 'input')).toBe('float16');
    expect(runtimeFloatType(undefined, 'x', 'output')).toBe('float32');
  });
});
