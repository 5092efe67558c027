import { describe, expect, it } from 'vitest';
import { diverging, viridis } from '../../state/color-scales';
import { syntheticEvaluation, syntheticModels, syntheticSets } from '../../test-support/synthetic-data';
import { buildColumns, cellColor, cellValue, completion, formatCell, nonFiniteNote, sortModels } from './evaluation-model';

const sets = syntheticSets(['fog', 'gaussian_noise', 'saturate'], [1, 3, 5]);
const table = syntheticEvaluation(syntheticModels, sets, 400, ['mag-90|fog-s5']);

describe('evaluation table model', () => {
  it('columns: clean, benchmark corruptions, then extra; severities only when expanded', () => {
    expect(buildColumns(sets, []).map((c) => c.id)).toEqual(['clean', 'fog', 'gaussian_noise', 'saturate']);
    const expanded = buildColumns(sets, ['fog']);
    expect(expanded.map((c) => c.id)).toEqual(['clean', 'fog', 'fog-s1', 'fog-s3', 'fog-s5', 'gaussian_noise', 'saturate']);
    expect(expanded[1].setIndices.map((j) => sets[j].severity)).toEqual([1, 3, 5]);
  });

  it('accuracy averages the available severities; Δ subtracts dense; CE uses the engine value for benchmark corruptions', () => {
    const columns = buildColumns(sets, ['fog']);
    const fog = columns[1];
    const acc = (m: number, id: string) => table.accuracy[m * sets.length + sets.findIndex((s) => s.id === id)];
    // mag-90 (row 2) is missing fog-s5: the mean is over s1 and s3.
    expect(cellValue(table, 2, fog, 'accuracy')).toBeCloseTo((acc(2, 'fog-s1') + acc(2, 'fog-s3')) / 2, 6);
    expect(cellValue(table, 1, fog, 'delta')).toBeCloseTo((acc(1, 'fog-s1') + acc(1, 'fog-s3') + acc(1, 'fog-s5')) / 3 - (acc(0, 'fog-s1') + acc(0, 'fog-s3') + acc(0, 'fog-s5')) / 3, 6);
    expect(cellValue(table, 1, fog, 'ce')).toBeCloseTo(table.ce[1 * table.ceCorruptions.length + table.ceCorruptions.indexOf('fog')], 6);
    const s3 = columns.find((c) => c.id === 'fog-s3')!;
    expect(cellValue(table, 1, s3, 'ce')).toBeCloseTo((1 - acc(1, 'fog-s3')) / (1 - acc(0, 'fog-s3')), 6);
    expect(cellValue(table, 2, columns.find((c) => c.id === 'fog-s5')!, 'accuracy')).toBeNaN();
    expect(cellValue(table, 0, fog, 'delta')).toBe(0);
    expect(cellValue(table, 0, s3, 'ce')).toBeCloseTo(1, 6);
  });

  it('colours on fixed scales: viridis 0–100 % for accuracy, ±20 points for Δ (clamped), 0–200 % around 100 for CE', () => {
    expect(cellColor('accuracy', 0.8)).toEqual(viridis(0.8));
    expect(cellColor('accuracy', 1)).toEqual([0.993, 0.906, 0.144]); // the top of the scale, whatever the data
    expect(cellColor('delta', -0.1)).toEqual(diverging(-0.5));
    expect(cellColor('delta', -0.2)).toEqual(diverging(-1));
    expect(cellColor('delta', -0.6)).toEqual(cellColor('delta', -0.2)); // clamped, not rescaled
    expect(cellColor('delta', 0.05)).toEqual(diverging(0.25));
    expect(cellColor('ce', 1)).toEqual(diverging(0));
    expect(cellColor('ce', 2)![0]).toBeGreaterThan(cellColor('ce', 2)![2]); // worse than dense: red
    expect(cellColor('ce', 0.5)![2]).toBeGreaterThan(cellColor('ce', 0.5)![0]); // better: blue
    expect(cellColor('ce', 5)).toEqual(cellColor('ce', 2));
    expect(cellColor('accuracy', NaN)).toBeNull();
    expect(formatCell('delta', -0.0512)).toBe('−5.1');
    expect(formatCell('ce', 1.0531)).toBe('105'); // CE in % of the dense error, like mCE
    expect(formatCell('accuracy', NaN)).toBe('…');
  });

  it('sorts by any column, missing values last in both directions', () => {
    const columns = buildColumns(sets, ['fog']);
    const byClean = sortModels(table, columns, 'accuracy', { key: 'clean', dir: -1 });
    const clean = byClean.map((m) => cellValue(table, m, columns[0], 'accuracy'));
    expect(clean).toEqual([...clean].sort((a, b) => b - a));
    for (const dir of [1, -1] as const) {
      const order = sortModels(table, columns, 'accuracy', { key: 'fog-s5', dir });
      expect(order[order.length - 1]).toBe(2);
    }
    expect(sortModels(table, columns, 'accuracy', { key: 'sparsity', dir: 1 })).toEqual([0, 1, 2, 3]);
    expect(sortModels(table, columns, 'accuracy', { key: 'method', dir: 1 }).map((m) => table.models[m].method)).toEqual(['Dense', 'Lottery ticket', 'Magnitude', 'Magnitude']);
    expect(sortModels(table, columns, 'accuracy', { key: 'model', dir: -1 })).toEqual([3, 2, 1, 0]);
    const byMce = sortModels(table, columns, 'ce', { key: 'mce', dir: 1 }).map((m) => table.mCE[m]);
    expect(byMce).toEqual([...byMce].sort((a, b) => a - b));
  });

  it('counts computed cells', () => {
    expect(completion(table)).toEqual({ done: table.accuracy.length - 1, total: table.accuracy.length });
  });

  it('flags cells with NaN/Inf outputs, summed over the column’s severities', () => {
    const flagged = { ...table, nonFiniteLogits: new Int32Array(table.accuracy.length), nonFiniteFeatures: new Int32Array(table.accuracy.length) };
    const at = (m: number, id: string) => m * sets.length + sets.findIndex((s) => s.id === id);
    flagged.nonFiniteLogits[at(1, 'fog-s1')] = 3;
    flagged.nonFiniteLogits[at(1, 'fog-s5')] = 2;
    flagged.nonFiniteFeatures[at(1, 'fog-s5')] = 4;
    const columns = buildColumns(sets, ['fog']);
    expect(nonFiniteNote(flagged, 1, columns[1])).toBe('⚠ 5 samples with NaN/Inf logits (counted wrong), 4 with NaN/Inf features');
    expect(nonFiniteNote(flagged, 1, columns.find((c) => c.id === 'fog-s1')!)).toBe('⚠ 3 samples with NaN/Inf logits (counted wrong)');
    expect(nonFiniteNote(flagged, 0, columns[1])).toBeNull();
    expect(nonFiniteNote(flagged, 1, columns[0])).toBeNull();
  });
});
