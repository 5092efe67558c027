import { describe, expect, it } from 'vitest';
import { syntheticMetrics, syntheticModels, syntheticSets } from '../../test-support/synthetic-data';
import { trajectoryRows } from './sample-model';

describe('sample drill-down model', () => {
  it('builds one row per severity with a column per model, null where not loaded', () => {
    const sets = syntheticSets(['fog'], [1, 2, 3]);
    const path = sets.map((s) => ({ id: s.id, severity: s.severity }));
    const cache = new Map(sets.flatMap((s) => syntheticModels.slice(0, 2).map((m) => [`${m.id}|${s.id}`, syntheticMetrics(m, s, 50)] as const)));
    cache.delete('mag-50|fog-s2');
    const rows = trajectoryRows(['dense', 'mag-50'], path, 7, 'confidence', (m, s) => cache.get(`${m}|${s}`) ?? null);
    expect(rows.map((r) => r.set)).toEqual(['clean', 'fog-s1', 'fog-s2', 'fog-s3']);
    expect(rows[0].dense).toBeCloseTo(cache.get('dense|clean')!.confidence[7], 6);
    expect(rows[2]['mag-50']).toBeNull();
    expect(rows[3]['mag-50']).toBeCloseTo(cache.get('mag-50|fog-s3')!.confidence[7], 6);
    expect(trajectoryRows(['dense'], path, 999, 'length', () => cache.get('dense|clean')!)[0].dense).toBeNull();
  });
});
