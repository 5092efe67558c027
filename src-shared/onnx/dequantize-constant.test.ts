// Constants behind DequantizeLinear / QuantizeLinear, checked against values worked out by hand:
// per tensor, per channel (negative axis too), blocked, int4/uint4 nibbles, round half to even.
import { describe, expect, it } from 'vitest';
import type { onnx } from 'onnx-proto';
import { constantFloat32, indexGraph, isConstant } from './graph-index';
import type { GraphIndex } from './graph-index';
import { quantizationOf } from './dequantize-constant';
import { tensorToFloat32 } from './tensor-data';

const INT8 = 3;
const UINT8 = 2;
const FLOAT = 1;
const INT4 = 22;
const UINT4 = 21;

const tensor = (name: string, dataType: number, dims: number[], raw: Uint8Array): onnx.ITensorProto => ({ name, dataType, dims, rawData: raw });
const f32 = (name: string, dims: number[], values: number[]) => tensor(name, FLOAT, dims, new Uint8Array(new Float32Array(values).buffer));
const i8 = (name: string, dims: number[], values: number[]) => tensor(name, INT8, dims, new Uint8Array(new Int8Array(values).buffer));
const u8 = (name: string, dims: number[], values: number[]) => tensor(name, UINT8, dims, new Uint8Array(values));

function graphOf(initializer: onnx.ITensorProto[], node: onnx.INodeProto[]): GraphIndex {
  return indexGraph({ graph: { node, initializer, input: [], output: [{ name: 'y' }] } } as unknown as onnx.ModelProto);
}
const dq = (inputs: string[], attrs: Record<string, number> = {}): onnx.INodeProto => ({
  opType: 'DequantizeLinear', input: inputs, output: ['y'], attribute: Object.entries(attrs).map(([name, i]) => ({ name, type: 2, i })),
});

describe('constants through DequantizeLinear', () => {
  it('per tensor with a zero point: (x − z)·s', () => {
    const index = graphOf([i8('x', [4], [-128, -1, 3, 127]), f32('s', [], [0.5]), i8('z', [], [3])], [dq(['x', 's', 'z'])]);
    expect(isConstant(index, 'y')).toBe(true);
    expect(Array.from(constantFloat32(index, 'y')!.data)).toEqual([-65.5, -2, 0, 62]);
  });

  it('per channel on axis 0 and on axis −1', () => {
    const init = [i8('x', [2, 3], [1, 2, 3, 4, 5, 6]), f32('s', [2], [1, 10]), u8('z', [2], [0, 1])];
    expect(Array.from(constantFloat32(graphOf([...init.slice(0, 1), f32('s', [2], [1, 10]), i8('z', [2], [0, 1])], [dq(['x', 's', 'z'], { axis: 0 })]), 'y')!.data)).toEqual([1, 2, 3, 30, 40, 50]);
    const lastAxis = graphOf([init[0], f32('s', [3], [1, 2, 3])], [dq(['x', 's'], { axis: -1 })]);
    expect(Array.from(constantFloat32(lastAxis, 'y')!.data)).toEqual([1, 4, 9, 4, 10, 18]);
    expect(quantizationOf(lastAxis.producers.get('y')!, (n) => lastAxis.initializers.get(n)?.dataType ?? null, (n) => (lastAxis.initializers.get(n)?.dims ?? []).map(Number))).toMatchObject({ bits: 8, signed: true, scheme: 'per-channel', axis: 1 });
  });

  it('blocked (opset 21): one scale per block of 2 along axis 1', () => {
    const index = graphOf([i8('x', [2, 4], [1, 1, 1, 1, 2, 2, 2, 2]), f32('s', [2, 2], [1, 2, 3, 4])], [dq(['x', 's'], { axis: 1, block_size: 2 })]);
    expect(Array.from(constantFloat32(index, 'y')!.data)).toEqual([1, 1, 2, 2, 6, 6, 8, 8]);
  });

  it('refuses a scale that fits no axis', () => {
    const index = graphOf([i8('x', [2, 3], [1, 2, 3, 4, 5, 6]), f32('s', [4], [1, 1, 1, 1])], [dq(['x', 's'], { axis: 0 })]);
    expect(() => constantFloat32(index, 'y')).toThrow(/scale shape \[4\] does not fit input \[2, 3\] on axis 0/);
  });

  it('int4 and uint4: two per byte, low nibble first', () => {
    // bytes 0x8F, 0x21, 0x07: nibbles F,8 | 1,2 | 7 (pad 0)
    const packed = new Uint8Array([0x8f, 0x21, 0x07]);
    expect(Array.from(tensorToFloat32(tensor('a', INT4, [5], packed)).data)).toEqual([-1, -8, 1, 2, 7]);
    expect(Array.from(tensorToFloat32(tensor('a', UINT4, [5], packed)).data)).toEqual([15, 8, 1, 2, 7]);
    expect(() => tensorToFloat32(tensor('a', INT4, [8], packed))).toThrow(/int4 data has 3 bytes, shape \[8\] needs 4/);
    const index = graphOf([tensor('x', INT4, [5], packed), f32('s', [], [0.25])], [dq(['x', 's'])]);
    expect(Array.from(constantFloat32(index, 'y')!.data)).toEqual([-0.25, -2, 0.25, 0.5, 1.75]);
  });

  it('QuantizeLinear of a float constant (fake quant): round half to even, saturate to the zero point type', () => {
    const q: onnx.INodeProto = { opType: 'QuantizeLinear', input: ['w', 's', 'z'], output: ['wq'] };
    const index = graphOf([f32('w', [6], [0.5, 1.5, 2.5, -0.5, -2.5, 500]), f32('s', [], [1]), i8('z', [], [0])], [q, dq(['wq', 's', 'z'])]);
    expect(isConstant(index, 'y')).toBe(true);
    expect(Array.from(constantFloat32(index, 'y')!.data)).toEqual([0, 2, 2, 0, -2, 127]);
  });

  it('is not a constant when the quantised input is computed', () => {
    const index = graphOf([f32('s', [], [1])], [{ opType: 'Relu', input: ['a'], output: ['x'] }, dq(['x', 's'])]);
    expect(isConstant(index, 'y')).toBe(false);
    expect(constantFloat32(index, 'y')).toBeNull();
  });
});
