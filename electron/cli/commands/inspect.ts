// `prunelens inspect <model.onnx> [--json] [--verify]`: the model card and the classifier head.
import { PruneLensError } from '../../../src-shared/base/errors';
import { layerPatternText } from '../../../src-shared/onnx/card-text';
import { analysisToCard } from '../../../src-shared/onnx/model-analysis';
import type { ModelCard } from '../../../src-shared/onnx/model-analysis';
import { addHeadOutputs } from '../../../src-shared/onnx/surgery';
import { verifyHead } from '../../engine/extraction/head-verify';
import type { HeadCheck } from '../../engine/extraction/head-verify';
import { analyzeModelFile } from '../../engine/bundle/model-files';
import type { CliCommand } from '../command';
import { formatModelCard, formatStructure } from '../format-model-card';

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

function formatDetails(card: ModelCard, check: HeadCheck | null): string[] {
  const lines: string[] = [];
  if (card.nonZeroParameters !== undefined) {
    lines.push(`  non-zeros   ${card.nonZeroParameters.toLocaleString('en-US')} of ${card.parameterCount.toLocaleString('en-US')} parameters; weight sparsity ${percent(card.weightSparsity ?? 0)}`);
  }
  if (card.macs) lines.push(`  MACs        ${card.macs.total.toLocaleString('en-US')} per input${card.macs.partial ? ` (partial: no shapes for ${card.macs.unsupportedOps.join(', ') || 'some nodes'})` : ''}`);
  lines.push(...formatStructure(card));
  if (card.head) {
    const h = card.head;
    lines.push(`  head        ${h.node} (${h.form}): features '${h.featureTensor}' (${h.featureDim}-d) → logits '${h.logitsTensor}' (${h.classes} classes)`);
    for (const w of h.warnings) lines.push(`  warning     ${w}`);
  } else if (card.headError) lines.push(`  head        none: ${card.headError.message}`);
  if (check) lines.push(`  verified    W·f + b vs logits on ${check.batch} random inputs: max |error| ${check.maxAbsError.toExponential(2)} (${check.ok ? 'ok' : 'MISMATCH'})`);
  if (card.layers?.length) {
    const rows = [['name', 'op', 'out×in', 'parameters', 'sparsity', 'MACs', 'pattern'], ...card.layers.map((l) => [
      l.name, l.op, `${l.outChannels}×${l.inChannels}`, l.parameters.toLocaleString('en-US'), percent(l.sparsity), l.macs?.toLocaleString('en-US') ?? '?', layerPatternText(l),
    ])];
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    rows.forEach((r, i) => lines.push(`  ${i === 0 ? 'layers    ' : '          '}  ${r.map((cell, c) => (c >= 2 && c < 6 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd()}`));
  }
  return lines;
}

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'Print an ONNX model\'s card: inputs, outputs, operators, parameters, sparsity, MACs, classifier head.',
  usage: '<model.onnx> [--json] [--verify] [--feature-tensor NAME] [--logits-tensor NAME]',
  help: `
Options:
  --json                 print the card as JSON (for scripts)
  --verify               run the model once on random inputs (onnxruntime) and check that
                         W·f + b from the detected head reproduces the logits
  --feature-tensor NAME  use NAME as the penultimate tensor (as "featureTensor" in bundle.json)
  --logits-tensor NAME   use NAME as the logits (as "logitsTensor" in bundle.json)

Example:
  prunelens inspect assets/demo/models/dense.onnx --verify`,
  options: { json: { type: 'boolean' }, verify: { type: 'boolean' }, 'feature-tensor': { type: 'string' }, 'logits-tensor': { type: 'string' } },
  async run({ positionals, values, stdout }) {
    const [file] = positionals;
    if (!file) throw new PruneLensError('bad-request', 'missing <model.onnx>.');
    const overrides = {
      ...(values['feature-tensor'] ? { featureTensor: values['feature-tensor'] as string } : {}),
      ...(values['logits-tensor'] ? { logitsTensor: values['logits-tensor'] as string } : {}),
    };
    const { analysis, bytes } = await analyzeModelFile(file, overrides);
    const card = analysisToCard(analysis, bytes.length);
    let check: HeadCheck | null = null;
    if (values.verify) {
      if (!analysis.head) throw analysis.headError!;
      check = await verifyHead(addHeadOutputs(analysis.model, analysis.index, analysis.head).bytes, analysis.index, analysis.head, { fileLabel: file });
    }
    if (values.json) stdout.write(JSON.stringify(check ? { ...card, verification: check } : card, null, 2) + '\n');
    else stdout.write([formatModelCard(file, card), ...formatDetails(card, check)].join('\n') + '\n');
    return check && !check.ok ? 1 : 0;
  },
};
