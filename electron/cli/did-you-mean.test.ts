import { describe, expect, it } from 'vitest';
import { closestOption, editDistance } from './did-you-mean';

describe('did you mean', () => {
  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('limt', 'limit')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the nearest option, a prefix, or nothing', () => {
    const options = ['limit', 'models', 'corruptions', 'severities', 'ep', 'cache', 'out'];
    expect(closestOption('--limt', options)).toBe('limit');
    expect(closestOption('--lmit=5', options)).toBe('limit');
    expect(closestOption('--severity', options)).toBe('severities');
    expect(closestOption('--corrupt', options)).toBe('corruptions');
    expect(closestOption('--model', options)).toBe('models');
    expect(closestOption('--bogus', options)).toBeNull();
    expect(closestOption('-x', options)).toBeNull();
  });
});
