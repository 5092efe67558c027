// A brush, a click or a search never selects a sample the filter hides.
import { describe, expect, it } from 'vitest';
import { filterSamples } from './filter';
import { inFilteredList, localClassOf, searchOutcome, visibleOnly } from './visible-selection';

// 10 samples, labels 0/1 alternating; the class filter keeps class 1 (odd samples).
const labels = Int32Array.from({ length: 10 }, (_, i) => i % 2);
const { indices, mask } = filterSamples({ count: 10, categories: null, labels, categoryFilter: [], classFilter: 1, ranges: [] });

describe('selections under a filter', () => {
  it('a brush keeps only the samples the filter shows', () => {
    expect(visibleOnly([0, 1, 2, 3, 8, 9], mask)).toEqual([1, 3, 9]);
    expect(visibleOnly([4, 6], mask)).toEqual([]);
    expect(visibleOnly([4, 6], null)).toEqual([4, 6]);
  });

  it('finds a sample in the sorted filtered list', () => {
    expect([...indices]).toEqual([1, 3, 5, 7, 9]);
    expect(inFilteredList(indices, 7)).toBe(true);
    expect(inFilteredList(indices, 6)).toBe(false);
    expect(inFilteredList(indices, 10)).toBe(false);
    expect(inFilteredList(new Int32Array(), 0)).toBe(false);
  });

  it('a search focuses a sample only when the filter shows it', () => {
    expect(searchOutcome('#5', ['cat', 'dog'], indices, 10)).toEqual({ kind: 'focus', index: 5 });
    expect(searchOutcome(' 7 ', ['cat', 'dog'], indices, 10)).toEqual({ kind: 'focus', index: 7 });
    const hidden = searchOutcome('4', ['cat', 'dog'], indices, 10);
    expect(hidden.kind).toBe('message');
    expect(hidden.kind === 'message' && hidden.message).toMatch(/#4 is hidden by the filters/);
    expect(searchOutcome('12', ['cat', 'dog'], indices, 10)).toMatchObject({ kind: 'message', message: expect.stringMatching(/No sample #12/) });
    expect(searchOutcome('Dog', ['cat', 'dog'], indices, 10)).toEqual({ kind: 'class', classIndex: 1 });
    expect(searchOutcome('zebra', ['cat', 'dog'], indices, 10).kind).toBe('message');
    expect(searchOutcome('4', ['cat', 'dog'], null, null)).toEqual({ kind: 'focus', index: 4 }); // filter not known yet
  });

  it('the local-geometry class follows the global class filter', () => {
    expect(localClassOf(3, 0)).toBe(3);
    expect(localClassOf(null, 2)).toBe(2);
  });
});
