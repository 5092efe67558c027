// The app and the report show the same colour for the same value and mCE in the same unit: the
// report's HTML is rendered and each coloured cell compared with what the app's evaluation table
// and redundancy matrix compute for that value (renderer code, imported here by the test only).
import { describe, expect, it } from 'vitest';
import type { EvaluationTable, SetRef } from '../../../../src-shared/api/result-types';
import { glossary } from '../../../../src-shared/analysis/glossary';
import { css } from '../../../../src-shared/util/color-ramps';
import { formatCe } from '../../../../src-shared/util/format';
import { correlationScale } from '../../../../src-shared/util/value-scales';
import { cellColor, formatCell } from '../../../../renderer/src/views/evaluation-table/evaluation-model';
import { matrixCellColor } from '../../../../renderer/src/views/redundancy/redundancy-model';
import { esc } from './format';
import type { ReportData } from './report-data';
import { evaluationSection } from './report-evaluation';
import { redundancySection } from './report-structure';
import { correlationHeatmap } from './svg-heatmap';

const sets: SetRef[] = [{ id: 'clean', corruption: 'clean', severity: 0, group: 'clean' }, { id: 'fog-s3', corruption: 'fog', severity: 3, group: 'benchmark' }];
// Three models whose accuracies span a narrow range: a rescaling scale would paint them from one end to the other.
const accuracy = [0.92, 0.61, 0.9, 0.55, 0.88, 0.4];
const table: EvaluationTable = {
  bundleDir: '/b', sets, executionProvider: 'cpu',
  models: [{ id: 'dense', role: 'dense', method: 'dense', sparsity: null }, { id: 'mag50', role: 'pruned', method: 'magnitude', sparsity: 0.5 }, { id: 'mag90', role: 'pruned', method: 'magnitude', sparsity: 0.9 }],
  accuracy: Float32Array.from(accuracy), nonFiniteLogits: new Int32Array(6), nonFiniteFeatures: new Int32Array(6),
  robustAccuracy: Float32Array.from([0.61, 0.55, 0.4]), mCE: Float32Array.from([1, 1.1538, 1.5385]), relativeMCE: Float32Array.from([1, 1.0, 1.3939]),
  ce: Float32Array.from([1, 1.1538, 1.5385]), ceCorruptions: ['fog'], extraAccuracy: Float32Array.from([NaN, NaN, NaN]),
};
const data = { evaluation: table, sampleCount: 100, bundle: { models: table.models.map((m) => ({ ...m, card: undefined })) } } as unknown as ReportData;

/** The report's scores table: per model, each cell's text and inline background. */
function scoreRows(html: string): Map<string, { text: string; background: string | null }[]> {
  const body = html.slice(html.indexOf('<table class="scores">'), html.indexOf('</table>', html.indexOf('<table class="scores">')));
  const rows = new Map<string, { text: string; background: string | null }[]>();
  for (const row of body.matchAll(/<tr>(.*?)<\/tr>/g)) {
    const cells = [...row[1].matchAll(/<td([^>]*)>([^<]*)<\/td>/g)].map((c) => ({ text: c[2], background: /background:([^;"]+)/.exec(c[1])?.[1] ?? null }));
    if (cells.length) rows.set(cells[0].text, cells);
  }
  return rows;
}

describe('the app and the report agree', () => {
  const html = evaluationSection(data);
  const rows = scoreRows(html);

  it('colour each accuracy as the app’s evaluation table does, on the fixed 0–100 % scale', () => {
    expect(rows.size).toBe(3);
    table.models.forEach((m, i) => {
      const clean = rows.get(m.id)![4];
      const v = table.accuracy[i * 2];
      expect(clean.text).toBe(formatCell('accuracy', v));
      expect(clean.background).toBe(css(cellColor('accuracy', v)!));
      const robust = rows.get(m.id)![5];
      expect(robust.background).toBe(css(cellColor('accuracy', table.robustAccuracy[i])!));
    });
    // Fixed, not rescaled: the best clean accuracy (92 %) is not painted as the top of the scale.
    expect(rows.get('dense')![4].background).not.toBe(css(cellColor('accuracy', 1)!));
  });

  it('show mCE and relative mCE in % of the dense error, as the app does', () => {
    table.models.forEach((m, i) => {
      // The app's mCE column formats with formatCe (evaluation-grid.tsx); its CE cells are the same unit.
      expect(rows.get(m.id)![6].text).toBe(formatCe(table.mCE[i]));
      expect(rows.get(m.id)![7].text).toBe(formatCe(table.relativeMCE[i]));
      expect(formatCell('ce', table.mCE[i])).toBe(formatCe(table.mCE[i], 0));
    });
    expect(rows.get('mag90')![6].text).toBe('153.8');
    expect(html).toContain('mCE %');
  });

  it('print the legend with its unit and the glossary the app shows on hover', () => {
    expect(html).toContain('data-scale="accuracy"');
    expect(html).toContain('accuracy (%)');
    expect(html).toContain(esc(glossary.mce.definition));
    expect(html).toContain(`title="${esc(glossary.robustAccuracy.definition)}"`);
  });

  it('colour correlations as the app’s redundancy matrix does (+1 red: redundant)', () => {
    const values = [1, 0.3, -0.6, 0.3, 1, 0.9, -0.6, 0.9, 1];
    const svg = correlationHeatmap({ labels: ['a', 'b', 'c'], values, order: [0, 1, 2], title: 'H' });
    const fills = [...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="\d+" height="\d+" fill="([^"]+)" stroke/g)].map((m) => m[1]);
    expect(fills).toHaveLength(9);
    fills.forEach((fill, p) => expect(fill).toBe(css(matrixCellColor(values[p])!)));
    expect(matrixCellColor(1)).toEqual(correlationScale.color(1));
    expect(fills[0]).toBe(css([0.698, 0.094, 0.169]));
  });

  it('notes an empty heat-map row and why, as the app’s redundancy view does', () => {
    // saturate leaves these (greyscale) images alone: every model's fog drop varies, saturate's is 0.
    const t = { ...table, sets: [...sets, { id: 'saturate-s1', corruption: 'saturate', severity: 1, group: 'extra' }] as SetRef[], accuracy: Float32Array.from([0.92, 0.61, 0.92, 0.9, 0.55, 0.9, 0.88, 0.4, 0.88]) };
    const redundancy = {
      corruptions: ['fog', 'gaussian_noise', 'saturate'], order: [0, 1, 2], merges: [], nearDuplicates: [],
      correlation: Float32Array.from([1, 0.8, NaN, 0.8, 1, NaN, NaN, NaN, NaN]), sampleCorrelation: Float32Array.from([1, 0.5, 0.2, 0.5, 1, 0.1, 0.2, 0.1, 1]),
    };
    const html = redundancySection({ ...data, evaluation: t, redundancy, redundancyError: null } as unknown as ReportData);
    const notes = /<ul class="note" data-empty-rows>(.*?)<\/ul>/.exec(html)?.[1] ?? '';
    expect(notes).toContain('Left, <b>saturate</b>: no variation: this corruption leaves every model');
    expect(notes).not.toContain('Right');
    expect(notes).not.toContain('fog');
  });
});
