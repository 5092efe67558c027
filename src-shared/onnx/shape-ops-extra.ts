// Shape rules for what transformer exports and quantised graphs add to the CNN set: Expand,
// Slice, Split, ConstantOfShape, Range, Tile, Q/DQ, and value propagation through the small
// integer arithmetic (Equal/Where/Mul/Add/…) that PyTorch emits to compute Reshape and Expand
// targets. Symbols (the batch axis 'N') travel through; what cannot be told is '?'.
import { attrInt, attrInts, attribute } from './graph-index';
import type { OnnxNode } from './graph-index';
import { tensorToFloat64 } from './tensor-data';

type Dim = number | string;
interface Context {
  shape(name: string): Dim[] | undefined;
  value(name: string): Dim[] | undefined;
  opset: number;
}
type Rule = (node: OnnxNode, ctx: Context, inputs: (Dim[] | undefined)[]) => { shapes: (Dim[] | undefined)[]; values?: (Dim[] | undefined)[] } | null;

const normAxis = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);
const numbers = (v: Dim[] | undefined): number[] | null => (v && v.every((d) => typeof d === 'number') ? (v as number[]) : null);
const valueOf = (ctx: Context, node: OnnxNode, i: number) => (node.input?.[i] ? ctx.value(node.input[i]) : undefined);

/** NumPy broadcasting of two shapes; a symbolic dim wins over 1, a number over a symbol. */
export function broadcast(a: Dim[], b: Dim[]): Dim[] {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    out.push(x === 1 ? y : y === 1 ? x : typeof x === 'number' ? x : y);
  }
  return out;
}

/** Elementwise op on small 1-D values (broadcast); symbols survive identities, else '?'. */
function elementwise(op: string, values: Dim[][]): Dim[] | undefined {
  const length = Math.max(...values.map((v) => v.length));
  if (values.some((v) => v.length !== length && v.length !== 1)) return undefined;
  const at = (v: Dim[], i: number) => (v.length === 1 ? v[0] : v[i]);
  return Array.from({ length }, (_, i) => {
    const [a, b, c] = values.map((v) => at(v, i));
    if (op === 'Where') return a === 1 ? b : a === 0 ? c : '?';
    if (typeof a === 'number' && typeof b === 'number') {
      switch (op) {
        case 'Add': return a + b;
        case 'Sub': return a - b;
        case 'Mul': return a * b;
        case 'Div': return b === 0 ? '?' : Math.trunc(a / b);
        case 'Equal': return a === b ? 1 : 0;
        case 'Max': return Math.max(a, b);
        case 'Min': return Math.min(a, b);
      }
      return '?';
    }
    if (op === 'Equal') return a === b ? 1 : (typeof a === 'number' && a < 0) || (typeof b === 'number' && b < 0) ? 0 : '?'; // a symbolic size is never negative
    if ((op === 'Mul' || op === 'Div') && b === 1) return a;
    if (op === 'Mul' && a === 1) return b;
    if ((op === 'Add' || op === 'Sub') && b === 0) return a;
    return '?';
  });
}

const withValues = (op: string): Rule => (node, ctx, inputs) => {
  if (!inputs.every(Boolean) || inputs.length === 0) return null;
  const shape = inputs.reduce<Dim[]>((a, b) => broadcast(a, b!), inputs[0]!);
  const values = (node.input ?? []).map((n) => ctx.value(n));
  const value = shape.length <= 1 && values.every(Boolean) ? elementwise(op, values as Dim[][]) : undefined;
  return { shapes: [shape], values: [value] };
};

/** Start/end/step of one sliced axis as Python slicing clamps them. */
function sliceLength(size: number, start: number, end: number, step: number): number {
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  const s = start < 0 ? start + size : start;
  const e = end < 0 ? end + size : end;
  const [lo, hi] = step > 0 ? [clamp(s, 0, size), clamp(e, 0, size)] : [clamp(s, -1, size - 1), clamp(e, -1, size - 1)];
  return Math.max(0, Math.ceil((hi - lo) / step));
}

const rules: Record<string, Rule> = {
  Expand: (node, ctx, [x, target]) => {
    if (!x || !target) return null;
    const spec = valueOf(ctx, node, 1);
    const shape = spec ?? (typeof target[0] === 'number' ? new Array<Dim>(target[0]).fill('?') : null);
    return shape ? { shapes: [broadcast(x, shape)], values: [x.length <= 1 ? ctx.value(node.input?.[0] ?? '') : undefined] } : null;
  },
  Slice: (node, ctx, [x]) => {
    if (!x) return null;
    const old = ctx.opset < 10;
    const starts = old ? attrInts(node, 'starts') : numbers(valueOf(ctx, node, 1));
    const ends = old ? attrInts(node, 'ends') : numbers(valueOf(ctx, node, 2));
    if (!starts || !ends) return { shapes: [x.map(() => '?')] };
    const axes = (old ? attrInts(node, 'axes') : numbers(valueOf(ctx, node, 3))) ?? starts.map((_, i) => i);
    const steps = (old ? null : numbers(valueOf(ctx, node, 4))) ?? starts.map(() => 1);
    const out = [...x];
    const ranges = new Map<number, [number, number, number]>();
    axes.forEach((a, i) => {
      const axis = normAxis(a, x.length);
      const size = x[axis];
      if (steps[i] === 0) return;
      ranges.set(axis, [starts[i], ends[i], steps[i]]);
      out[axis] = typeof size === 'number' ? sliceLength(size, starts[i], ends[i], steps[i]) : '?';
    });
    const v = ctx.value(node.input?.[0] ?? '');
    const r = ranges.get(0);
    let value: Dim[] | undefined;
    if (v && x.length === 1 && r && r[2] === 1) {
      const s = r[0] < 0 ? Math.max(0, r[0] + v.length) : Math.min(r[0], v.length);
      const e = r[1] < 0 ? Math.max(0, r[1] + v.length) : Math.min(r[1], v.length);
      value = v.slice(s, e);
    }
    return { shapes: [out], values: [value] };
  },
  Split: (node, ctx, [x]) => {
    if (!x) return null;
    const axis = normAxis(attrInt(node, 'axis', 0), x.length);
    const outputs = (node.output ?? []).length;
    const size = x[axis];
    let parts = attrInts(node, 'split') ?? numbers(valueOf(ctx, node, 1));
    if (!parts && typeof size === 'number') {
      const each = Math.ceil(size / outputs);
      parts = Array.from({ length: outputs }, (_, i) => Math.max(0, Math.min(each, size - i * each)));
    }
    return { shapes: Array.from({ length: outputs }, (_, i) => x.map((d, k) => (k === axis ? (parts?.[i] ?? '?') : d))) };
  },
  ConstantOfShape: (node, ctx, [shape]) => {
    const spec = valueOf(ctx, node, 0);
    if (!spec && !(shape && typeof shape[0] === 'number')) return null;
    const dims = spec ?? new Array<Dim>(shape![0] as number).fill('?');
    const t = attribute(node, 'value')?.t;
    const fill = t ? tensorToFloat64(t, 'ConstantOfShape value').data[0] ?? 0 : 0;
    const count = dims.every((d) => typeof d === 'number') ? (dims as number[]).reduce((a, b) => a * b, 1) : Infinity;
    return { shapes: [dims], values: [dims.length === 1 && count <= 64 ? new Array<Dim>(count).fill(fill) : undefined] };
  },
  Range: (node, ctx) => {
    const [start, limit, delta] = [0, 1, 2].map((i) => numbers(valueOf(ctx, node, i))?.[0]);
    if (start === undefined || limit === undefined || !delta) return { shapes: [['?']] };
    const n = Math.max(0, Math.ceil((limit - start) / delta));
    return { shapes: [[n]], values: [n <= 64 ? Array.from({ length: n }, (_, i) => start + i * delta) : undefined] };
  },
  Tile: (node, ctx, [x]) => {
    const repeats = numbers(valueOf(ctx, node, 1));
    if (!x) return null;
    return { shapes: [x.map((d, i) => (repeats && typeof d === 'number' ? d * repeats[i] : repeats?.[i] === 1 ? d : '?'))] };
  },
  QuantizeLinear: (_n, _c, [x]) => (x ? { shapes: [x] } : null),
  DequantizeLinear: (_n, _c, [x]) => (x ? { shapes: [x] } : null),
  DynamicQuantizeLinear: (_n, _c, [x]) => (x ? { shapes: [x, [], []] } : null),
  Trilu: (_n, _c, [x]) => (x ? { shapes: [x] } : null),
};
for (const op of ['Add', 'Sub', 'Mul', 'Div', 'Equal', 'Where', 'Max', 'Min']) rules[op] = withValues(op);

/** Extra rules by op type, consulted by shape-ops after its own CNN / MLP set. */
export const extraShapeRules: Readonly<Record<string, Rule>> = rules;
