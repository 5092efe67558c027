// `prunelens inspect <model.onnx> [--json]`: the model card.
import { PruneLensError } from '../../../src-shared/api/errors';
import { readModelCard } from '../../engine/model-files';
import type { CliCommand } from '../command';
import { formatModelCard } from '../format-model-card';

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'Print an ONNX model\'s card: inputs, outputs, operators, parameters.',
  usage: '<model.onnx> [--json]',
  help: `
Options:
  --json   print the card as JSON (for scripts)

Example:
  prunelens inspect assets/demo/models/dense.onnx`,
  options: { json: { type: 'boolean' } },
  async run({ positionals, values, stdout }) {
    const [file] = positionals;
    if (!file) throw new PruneLensError('bad-request', 'missing <model.onnx>.');
    const card = await readModelCard(file);
    stdout.write(values.json ? JSON.stringify(card, null, 2) + '\n' : formatModelCard(file, card) + '\n');
  },
};
