import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OnnxModel } from './decode-model';
import { indexGraph } from './graph-index';
import { computeModelStats } from './layer-stats';
import { inferShapes } from './shape-inference';

// Reference shapes from PyTorch: tools/fixtures/onnx/make_shape_cases.py
const cases = JSON.parse(readFileSync(new URL('../../tools/fixtures/onnx/shape_cases.json', import.meta.url), 'utf8')) as {
  op: string; x: number[]; w?: number[]; attrs: Record<string, number | number[]>; out: number[]; macs?: number;
}[];

function singleNodeModel(c: (typeof cases)[number]): OnnxModel {
  const attribute = Object.entries(c.attrs).map(([name, v]) => (Array.isArray(v) ? { name, ints: v, type: 7 } : { name, i: v, type: 2 }));
  const initializer = c.w ? [{ name: 'w', dims: c.w, dataType: 1, rawData: new Uint8Array(4 * c.w.reduce((a, b) => a * b, 1)) }] : [];
  const dims = c.x.map((d, i) => (i === 0 ? { dimParam: 'N' } : { dimValue: d }));
  return {
    graph: {
      node: [{ opType: c.op, input: c.w ? ['x', 'w'] : ['x'], output: ['y'], attribute }],
      input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: dims } } } }],
      output: [{ name: 'y' }],
      initializer,
    },
  } as unknown as OnnxModel;
}

describe('shape propagation vs PyTorch', () => {
  it.each(cases.map((c, i) => [`${i}: ${c.op} ${JSON.stringify(c.attrs)} on ${c.x.join('×')}`, c] as const))('%s', (_name, c) => {
    const index = indexGraph(singleNodeModel(c));
    const shapes = inferShapes(index);
    expect(shapes.shapes.get('y')).toEqual(['N', ...c.out.slice(1)]);
    if (c.macs !== undefined) expect(computeModelStats(index, shapes).macs).toBe(c.macs);
  });

  it('resolves Reshape through Shape → Gather → Unsqueeze → Concat with a symbolic batch', () => {
    const model = {
      graph: {
        node: [
          { opType: 'Shape', input: ['x'], output: ['s'] },
          { opType: 'Gather', input: ['s', 'zero'], output: ['n'], attribute: [{ name: 'axis', i: 0, type: 2 }] },
          { opType: 'Unsqueeze', input: ['n', 'axes'], output: ['n1'] },
          { opType: 'Concat', input: ['n1', 'minus1'], output: ['target'], attribute: [{ name: 'axis', i: 0, type: 2 }] },
          { opType: 'Reshape', input: ['x', 'target'], output: ['flat'] },
        ],
        input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'batch' }, { dimValue: 4 }, { dimValue: 3 }, { dimValue: 3 }] } } } }],
        output: [{ name: 'flat' }],
        initializer: [
          { name: 'zero', dims: [], dataType: 7, int64Data: [0] },
          { name: 'axes', dims: [1], dataType: 7, int64Data: [0] },
          { name: 'minus1', dims: [1], dataType: 7, int64Data: [-1] },
        ],
      },
    } as unknown as OnnxModel;
    const shapes = inferShapes(indexGraph(model));
    expect(shapes.shapes.get('flat')).toEqual(['batch', 36]);
    expect(shapes.unresolvedNodes).toEqual([]);
  });

  it('marks unknown operators as partial instead of guessing', () => {
    const model = {
      graph: {
        node: [{ opType: 'Resize', input: ['x'], output: ['y'] }, { opType: 'Relu', input: ['y'], output: ['z'] }],
        input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: 3 }] } } } }],
        output: [{ name: 'z' }],
      },
    } as unknown as OnnxModel;
    const index = indexGraph(model);
    const shapes = inferShapes(index);
    expect(shapes.unsupportedOps).toEqual(['Resize']);
    expect(shapes.unresolvedNodes.length).toBe(2);
    expect(computeModelStats(index, shapes).macsPartial).toBe(true);
  });
});
