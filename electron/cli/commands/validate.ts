// `prunelens validate <bundle> [--json]`: checks a bundle without running it and prints every
// problem — manifest, models (readable, head found, classes), data (readable, counts, shapes).
import { toErrorPayload } from '../../../src-shared/base/errors';
import { manifestProblems } from '../../../src-shared/bundle/manifest';
import { openBundleStore, readManifest, analyzeBundleModel } from '../../engine/bundle/bundle-loader';
import { checkBundleData } from '../../engine/data-sources/data-source-checks';
import { headOutputProblem, modelInputProblem } from '../../engine/extraction/model-input';
import type { Finding } from '../../engine/data-sources/data-source-checks';
import type { CliCommand } from '../command';
import { PruneLensError } from '../../../src-shared/base/errors';

export interface ValidationReport {
  bundle: string;
  ok: boolean;
  findings: Finding[];
  /** One line per model that was read. */
  models: { id: string; head: string | null; sparsity: number | null; nonZeroWeightsVsDense?: number }[];
}

export async function validateBundle(input: string): Promise<ValidationReport> {
  const findings: Finding[] = [];
  const models: ValidationReport['models'] = [];
  const store = await openBundleStore(input);
  try {
    let manifest;
    try {
      manifest = await readManifest(store);
    } catch (error) {
      const payload = toErrorPayload(error);
      if (payload.code === 'bad-manifest') {
        const text = new TextDecoder().decode(await store.readFile('bundle.json', 'bundle.json'));
        for (const p of manifestProblems(JSON.parse(text))) findings.push({ level: 'error', where: p.path, message: p.message });
      } else findings.push({ level: 'error', where: 'bundle.json', message: payload.message });
      return { bundle: store.root, ok: false, findings, models };
    }
    const data = await checkBundleData(store, manifest);
    const weights = new Map<string, { nonZeros: number; total: number }>();
    findings.push(...data.findings);
    if (manifest.input.guessed) {
      findings.push({ level: 'warning', where: 'input.guessed', message: `the input normalisation was guessed (${manifest.input.guessed}), not confirmed: every accuracy depends on it. Set input.scale / mean / std to what the models were trained with, then delete input.guessed.` });
    }
    for (const [i, model] of manifest.models.entries()) {
      const where = `models[${i}] (${model.id})`;
      try {
        const { analysis } = await analyzeBundleModel(store, model);
        const { head, headError, stats } = analysis;
        models.push({ id: model.id, head: head ? `${head.node}: ${head.featureDim}-d '${head.featureTensor}' → ${head.classes} classes` : null, sparsity: stats.weightSparsity });
        if (!head) findings.push({ level: 'error', where, message: headError?.message ?? 'no classifier head.' });
        else {
          if (head.classes !== manifest.classes.length) findings.push({ level: 'error', where, message: `the head has ${head.classes} outputs but bundle.json lists ${manifest.classes.length} classes.` });
          for (const w of head.warnings) findings.push({ level: 'warning', where, message: w });
        }
        // The same input, type and shape rules analyze applies (a fixed batch size is fine; an input beside the image is named).
        const inputProblem = modelInputProblem(analysis.index.inputs, manifest.input.layout, data.clean ?? null);
        if (inputProblem) findings.push({ level: 'error', where, message: inputProblem });
        if (head) {
          const problem = headOutputProblem(analysis);
          if (problem) findings.push({ level: 'error', where, message: problem });
        }
        weights.set(model.id, { nonZeros: stats.weightNonZeros, total: stats.weightParameters });
      } catch (error) {
        findings.push({ level: 'error', where, message: toErrorPayload(error).message });
      }
    }
    // Declared sparsity vs the weights: zeros, or weights removed relative to the parent (bundle.json
    // `parent`, default the dense model). A model larger than its parent (another architecture) has
    // no meaningful "removed" share: it is said so, never given a negative sparsity.
    const denseId = manifest.models.find((m) => m.role === 'dense')?.id ?? '';
    for (const [i, model] of manifest.models.entries()) {
      const parentId = model.parent ?? denseId;
      const w = weights.get(model.id);
      const parent = weights.get(parentId);
      if (!w || !parent?.total || model.role !== 'pruned') continue;
      const measured = 1 - w.nonZeros / parent.total;
      const line = models.find((m) => m.id === model.id);
      if (line && parentId === denseId) line.nonZeroWeightsVsDense = 1 - measured;
      if (model.sparsity === undefined) continue;
      if (measured < 0) {
        findings.push({ level: 'warning', where: `models[${i}].sparsity`, message: `declared ${model.sparsity}, but the model has more non-zero weights than its parent '${parentId}' (${w.nonZeros} vs ${parent.total}); name the model it was pruned from in "parent".` });
      } else if (Math.abs(model.sparsity - measured) > 0.02) {
        findings.push({ level: 'warning', where: `models[${i}].sparsity`, message: `declared ${model.sparsity}, but ${(measured * 100).toFixed(1)}% of the weights of its parent '${parentId}' are zero or removed.` });
      }
    }
    return { bundle: store.root, ok: !findings.some((f) => f.level === 'error'), findings, models };
  } finally {
    await store.close();
  }
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check a bundle without running it: manifest, models, heads, data files.',
  usage: '<bundle> [--json]',
  help: `
<bundle> is a folder with bundle.json, its bundle.json, or a .plbundle archive.
Every problem is printed; the exit code is 1 when there is any (warnings do not count).

Options:
  --json   print the report as JSON

Example:
  prunelens validate assets/demo`,
  options: { json: { type: 'boolean' } },
  async run({ positionals, values, stdout }) {
    const [bundle] = positionals;
    if (!bundle) throw new PruneLensError('bad-request', 'missing <bundle>.');
    const report = await validateBundle(bundle);
    if (values.json) {
      stdout.write(JSON.stringify(report, null, 2) + '\n');
      return report.ok ? 0 : 1;
    }
    const lines = [`${report.bundle}`];
    for (const m of report.models) {
      const kept = m.nonZeroWeightsVsDense !== undefined ? `, ${(m.nonZeroWeightsVsDense * 100).toFixed(1)}% of the dense weights left` : '';
      lines.push(`  model ${m.id}: ${m.head ?? 'no head'}${m.sparsity !== null ? `, ${(m.sparsity * 100).toFixed(1)}% weight sparsity` : ''}${kept}`);
    }
    for (const f of report.findings) lines.push(`  ${f.level === 'error' ? 'error  ' : 'warning'} ${f.where}: ${f.message}`);
    const errors = report.findings.filter((f) => f.level === 'error').length;
    const warnings = report.findings.length - errors;
    lines.push(errors ? `${errors} problem${errors > 1 ? 's' : ''}${warnings ? `, ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}.` : `OK${warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}.`);
    stdout.write(lines.join('\n') + '\n');
    return report.ok ? 0 : 1;
  },
};
