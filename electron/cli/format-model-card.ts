// Human-readable model card for the terminal.
import type { ModelSummary } from '../../src-shared/api/types';
import { structureRows } from '../../src-shared/onnx/card-text';

type Card = NonNullable<ModelSummary['card']>;

const shapeText = (shape: (number | string | null)[]) => `[${shape.map((d) => d ?? '?').join(', ')}]`;

export function formatModelCard(file: string, card: Card): string {
  const ops = Object.entries(card.opCounts).sort((a, b) => b[1] - a[1]);
  return [
    `${file}`,
    `  producer    ${card.producer || '(unknown)'}   opset ${card.opset ?? '?'}   ${(card.fileBytes / 1024).toFixed(1)} KiB`,
    `  parameters  ${card.parameterCount.toLocaleString('en-US')}`,
    ...card.inputs.map((t) => `  input       ${t.name} ${t.type} ${shapeText(t.shape)}`),
    ...card.outputs.map((t) => `  output      ${t.name} ${t.type} ${shapeText(t.shape)}`),
    `  operators   ${ops.map(([op, n]) => `${op}×${n}`).join(' ')}`,
  ].join('\n');
}

/** Structure lines: effective MACs, N:M, quantisation, low rank, transformer heads and MLP widths. */
export function formatStructure(card: Card): string[] {
  return structureRows(card, (n) => n.toLocaleString('en-US')).map(([label, text]) => `  ${label.padEnd(11)} ${text}`);
}
