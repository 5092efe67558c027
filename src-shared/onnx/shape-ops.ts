// Forward shape rules for the common CNN / MLP operators. A rule returns the output shapes
// (and, for the small integer tensors that feed Reshape, their values), or null when it
// cannot tell — the caller then marks the result 'partial'.
import { attrInt, attrInts, attrString } from './graph-index';
import type { OnnxNode } from './graph-index';
import { broadcast, extraShapeRules } from './shape-ops-extra';

/** A dimension: a number, or a symbol (the batch axis 'N', an unknown '?'). */
export type Dim = number | string;

export interface ShapeContext {
  shape(name: string): Dim[] | undefined;
  /** Known values of small integer tensors (Shape outputs, int constants). */
  value(name: string): Dim[] | undefined;
  opset: number;
}

export interface RuleResult {
  shapes: (Dim[] | undefined)[];
  values?: (Dim[] | undefined)[];
}

type Rule = (node: OnnxNode, ctx: ShapeContext, inputs: (Dim[] | undefined)[]) => RuleResult | null;

export function dimProduct(dims: Dim[]): Dim {
  let n = 1;
  const symbols: string[] = [];
  for (const d of dims) {
    if (typeof d === 'number') n *= d;
    else symbols.push(d);
  }
  if (symbols.length === 0) return n;
  if (n === 0) return 0;
  return n === 1 && symbols.length === 1 ? symbols[0] : [...symbols, ...(n === 1 ? [] : [String(n)])].join('*');
}

/** prod(total) / prod(part) with symbols cancelled; '?' when it does not divide. */
function divideDims(total: Dim[], part: Dim[]): Dim {
  const symbols = total.filter((d): d is string => typeof d === 'string');
  let n = 1;
  for (const d of total) if (typeof d === 'number') n *= d;
  let m = 1;
  for (const d of part) {
    if (typeof d === 'number') m *= d;
    else {
      const at = symbols.indexOf(d);
      if (at < 0 || d === '?') return '?';
      symbols.splice(at, 1);
    }
  }
  if (m <= 0 || n % m !== 0) return '?';
  if (symbols.length === 0) return n / m;
  return symbols.length === 1 && n === m ? symbols[0] : '?';
}

const normAxis = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);

function windowed(node: OnnxNode, x: Dim[], kernel: number[], outChannels: Dim, ceilMode: boolean): Dim[] | null {
  const spatial = x.length - 2;
  if (spatial < 1 || kernel.length !== spatial) return null;
  const strides = attrInts(node, 'strides') ?? kernel.map(() => 1);
  const dilations = attrInts(node, 'dilations') ?? kernel.map(() => 1);
  const pads = attrInts(node, 'pads') ?? kernel.map(() => 0).concat(kernel.map(() => 0));
  const autoPad = attrString(node, 'auto_pad', 'NOTSET');
  const out: Dim[] = [x[0], outChannels];
  for (let i = 0; i < spatial; i++) {
    const size = x[i + 2];
    if (typeof size !== 'number') { out.push('?'); continue; }
    const s = strides[i], ek = (kernel[i] - 1) * dilations[i] + 1;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') out.push(Math.ceil(size / s));
    else if (autoPad === 'VALID') out.push(Math.floor((size - ek) / s) + 1);
    else {
      const span = size + pads[i] + pads[i + spatial] - ek;
      let o = (ceilMode ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
      if (ceilMode && (o - 1) * s >= size + pads[i]) o--; // last window must start inside the input
      out.push(o);
    }
  }
  return out.some((d) => typeof d === 'number' && d <= 0) ? null : out;
}

const same: Rule = (_n, _c, [x]) => (x ? { shapes: [x, x] } : null); // Dropout's mask has the same shape
const binary: Rule = (_n, _c, inputs) => (inputs.every(Boolean) && inputs.length > 0 ? { shapes: [inputs.reduce<Dim[]>((a, b) => broadcast(a, b!), inputs[0]!)] } : null);

function constInts(ctx: ShapeContext, node: OnnxNode, attr: string, inputIndex: number): number[] | null {
  const fromAttr = attrInts(node, attr);
  if (fromAttr) return fromAttr;
  const name = node.input?.[inputIndex];
  const v = name ? ctx.value(name) : undefined;
  return v && v.every((d) => typeof d === 'number') ? (v as number[]) : null;
}

const rules: Record<string, Rule> = {
  Conv: (node, _c, [x, w]) => {
    if (!x || !w || w.length < 3) return null;
    const kernel = attrInts(node, 'kernel_shape') ?? (w.slice(2).every((d) => typeof d === 'number') ? (w.slice(2) as number[]) : null);
    const shape = kernel && windowed(node, x, kernel, w[0], false);
    return shape ? { shapes: [shape] } : null;
  },
  ConvTranspose: (node, _c, [x, w]) => {
    if (!x || !w || w.length < 3 || x.length !== w.length) return null;
    const spatial = x.length - 2;
    const kernel = (attrInts(node, 'kernel_shape') ?? w.slice(2)) as number[];
    const strides = attrInts(node, 'strides') ?? kernel.map(() => 1);
    const dilations = attrInts(node, 'dilations') ?? kernel.map(() => 1);
    const pads = attrInts(node, 'pads') ?? new Array(2 * spatial).fill(0);
    const extra = attrInts(node, 'output_padding') ?? kernel.map(() => 0);
    const explicit = attrInts(node, 'output_shape');
    const channels = typeof w[1] === 'number' ? w[1] * attrInt(node, 'group', 1) : '?';
    const out: Dim[] = [x[0], channels];
    for (let i = 0; i < spatial; i++) {
      const size = x[i + 2];
      if (explicit) out.push(explicit[explicit.length - spatial + i]);
      else out.push(typeof size === 'number' ? strides[i] * (size - 1) + extra[i] + (kernel[i] - 1) * dilations[i] + 1 - pads[i] - pads[i + spatial] : '?');
    }
    return { shapes: [out] };
  },
  MaxPool: (node, _c, [x]) => {
    const kernel = attrInts(node, 'kernel_shape');
    const shape = x && kernel && windowed(node, x, kernel, x[1], attrInt(node, 'ceil_mode', 0) === 1);
    return shape ? { shapes: [shape, shape] } : null;
  },
  GlobalAveragePool: (_n, _c, [x]) => (x && x.length > 2 ? { shapes: [[x[0], x[1], ...x.slice(2).map(() => 1)]] } : null),
  Flatten: (node, _c, [x]) => {
    if (!x) return null;
    const axis = normAxis(attrInt(node, 'axis', 1), x.length);
    return { shapes: [[dimProduct(x.slice(0, axis)), dimProduct(x.slice(axis))]] };
  },
  Reshape: (node, ctx, [x, target]) => {
    const spec = ctx.value(node.input?.[1] ?? '');
    if (!x || !spec || !target) return null;
    const allowZero = attrInt(node, 'allowzero', 0) === 1;
    const out = spec.map((d, i) => (d === 0 && !allowZero ? x[i] : d));
    const unknown = out.indexOf(-1);
    if (unknown >= 0) out[unknown] = divideDims(x, out.filter((_, i) => i !== unknown));
    return { shapes: [out], values: [ctx.value(node.input?.[0] ?? '')] };
  },
  Gemm: (node, _c, [a, b]) => {
    if (!a || !b || a.length !== 2 || b.length !== 2) return null;
    const m = attrInt(node, 'transA', 0) ? a[1] : a[0];
    const n = attrInt(node, 'transB', 0) ? b[0] : b[1];
    return { shapes: [[m, n]] };
  },
  MatMul: (_n, _c, [a, b]) => {
    if (!a || !b || a.length === 0 || b.length === 0) return null;
    const a2 = a.length === 1 ? [1, a[0]] : a;
    const b2 = b.length === 1 ? [b[0], 1] : b;
    const batch = broadcast(a2.slice(0, -2), b2.slice(0, -2));
    const out = [...batch, ...(a.length === 1 ? [] : [a2[a2.length - 2]]), ...(b.length === 1 ? [] : [b2[b2.length - 1]])];
    return { shapes: [out] };
  },
  Transpose: (node, _c, [x]) => {
    if (!x) return null;
    const perm = attrInts(node, 'perm') ?? x.map((_, i) => x.length - 1 - i);
    return { shapes: [perm.map((p) => x[p])] };
  },
  Squeeze: (node, ctx, [x]) => {
    if (!x) return null;
    const axes = constInts(ctx, node, 'axes', 1);
    const drop = new Set((axes ?? x.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0)).map((a) => normAxis(a, x.length)));
    const v = ctx.value(node.input?.[0] ?? '');
    return { shapes: [x.filter((_, i) => !drop.has(i))], values: [v] };
  },
  Unsqueeze: (node, ctx, [x]) => {
    const axes = constInts(ctx, node, 'axes', 1);
    if (!x || !axes) return null;
    const rank = x.length + axes.length;
    const set = new Set(axes.map((a) => normAxis(a, rank)));
    const out: Dim[] = [];
    for (let i = 0, j = 0; i < rank; i++) out.push(set.has(i) ? 1 : x[j++]);
    return { shapes: [out], values: [ctx.value(node.input?.[0] ?? '')] };
  },
  Concat: (node, ctx, inputs) => {
    if (!inputs.every(Boolean) || inputs.length === 0) return null;
    const first = inputs[0]!;
    const axis = normAxis(attrInt(node, 'axis', 0), first.length);
    const out = [...first];
    const along = inputs.map((s) => s![axis]);
    out[axis] = along.every((d) => typeof d === 'number') ? (along as number[]).reduce((a, b) => a + b, 0) : '?';
    const values = (node.input ?? []).map((n) => ctx.value(n));
    return { shapes: [out], values: [values.every(Boolean) && first.length === 1 ? values.flatMap((v) => v!) : undefined] };
  },
  Shape: (node, _c, [x]) => {
    if (!x) return null;
    const start = normAxis(attrInt(node, 'start', 0), x.length);
    const endAttr = attrInt(node, 'end', x.length);
    const value = x.slice(start, normAxis(endAttr, x.length));
    return { shapes: [[value.length]], values: [value] };
  },
  Gather: (node, ctx, [x, indices]) => {
    if (!x || !indices) return null;
    const axis = normAxis(attrInt(node, 'axis', 0), x.length);
    const data = ctx.value(node.input?.[0] ?? '');
    const idx = ctx.value(node.input?.[1] ?? '');
    const value = data && idx && axis === 0 && idx.every((i) => typeof i === 'number') ? (idx as number[]).map((i) => data[normAxis(i, data.length)]) : undefined;
    return { shapes: [[...x.slice(0, axis), ...indices, ...x.slice(axis + 1)]], values: [value] };
  },
  Cast: (node, ctx, [x]) => (x ? { shapes: [x], values: [ctx.value(node.input?.[0] ?? '')] } : null),
  Pad: (node, ctx, [x]) => {
    const pads = constInts(ctx, node, 'pads', 1);
    if (!x || !pads || pads.length !== 2 * x.length) return null;
    return { shapes: [x.map((d, i) => (typeof d === 'number' ? d + pads[i] + pads[i + x.length] : d))] };
  },
  ReduceMean: (node, ctx, [x]) => {
    if (!x) return null;
    const axes = constInts(ctx, node, 'axes', 1);
    const keep = attrInt(node, 'keepdims', 1) === 1;
    const set = new Set((axes ?? x.map((_, i) => i)).map((a) => normAxis(a, x.length)));
    return { shapes: [keep ? x.map((d, i) => (set.has(i) ? 1 : d)) : x.filter((_, i) => !set.has(i))] };
  },
};
rules.AveragePool = rules.MaxPool;
rules.LpPool = rules.MaxPool;
rules.GlobalMaxPool = rules.GlobalAveragePool;
rules.GlobalLpPool = rules.GlobalAveragePool;
for (const op of ['ReduceMax', 'ReduceMin', 'ReduceSum', 'ReduceProd', 'ReduceL2']) rules[op] = rules.ReduceMean;
for (const op of [
  'Relu', 'LeakyRelu', 'PRelu', 'Sigmoid', 'Tanh', 'Clip', 'Elu', 'Selu', 'Celu', 'HardSigmoid', 'HardSwish', 'Softplus', 'Softsign',
  'Gelu', 'Erf', 'Exp', 'Log', 'Sqrt', 'Neg', 'Abs', 'Identity', 'Dropout', 'BatchNormalization', 'InstanceNormalization',
  'LayerNormalization', 'Softmax', 'LogSoftmax', 'Mish', 'Floor', 'Ceil', 'Round', 'Reciprocal', 'LRN', 'Not', 'Sign', 'ThresholdedRelu',
]) rules[op] = same;
for (const op of ['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Sum', 'Mean', 'Equal', 'Less', 'Greater', 'And', 'Or', 'Where']) rules[op] = binary;
Object.assign(rules, extraShapeRules);
// Integer / QOperator forms: the same shapes as the float op, read from their data inputs.
rules.ConvInteger = rules.Conv;
rules.MatMulInteger = rules.MatMul;
rules.QLinearConv = (node, ctx, inputs) => rules.Conv(node, ctx, [inputs[0], inputs[3]]);
rules.QLinearMatMul = (node, ctx, inputs) => rules.MatMul(node, ctx, [inputs[0], inputs[3]]);

export function shapeRule(opType: string): Rule | undefined {
  return Object.prototype.hasOwnProperty.call(rules, opType) ? rules[opType] : undefined;
}
