import { describe, expect, it } from 'vitest';
import { tipPlacement } from './tip-placement';

describe('tooltip placement', () => {
  it('sits below-right of the cursor in the top-left quarter', () => {
    expect(tipPlacement(100, 50, 800, 600)).toEqual({ left: 112, top: 62 });
  });
  it('flips left and up near the right and bottom edges, staying anchored at the cursor', () => {
    expect(tipPlacement(700, 500, 800, 600)).toEqual({ right: 112, bottom: 112 });
    expect(tipPlacement(790, 20, 800, 600, 8)).toEqual({ right: 18, top: 28 });
  });
});
