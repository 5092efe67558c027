import { describe, expect, it } from 'vitest';
import { fitMenu } from './menu-fit';

describe('drop-down fitting', () => {
  it('leaves a menu that fits alone', () => {
    expect(fitMenu({ left: 900, top: 100, width: 420, height: 300 }, 1600, 1000)).toEqual({ shiftX: 0, maxHeight: null });
  });
  it('moves a menu back from the right and left edges', () => {
    expect(fitMenu({ left: 700, top: 100, width: 420, height: 300 }, 1024, 700).shiftX).toBe(1024 - 8 - 1120);
    expect(fitMenu({ left: -50, top: 100, width: 420, height: 300 }, 1024, 700).shiftX).toBe(58);
  });
  it('caps the height of a menu that would run below the window', () => {
    expect(fitMenu({ left: 10, top: 500, width: 420, height: 300 }, 1024, 700).maxHeight).toBe(192);
    expect(fitMenu({ left: 10, top: 660, width: 420, height: 300 }, 1024, 700).maxHeight).toBe(80);
  });
});
