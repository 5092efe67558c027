// The committed icons (assets/icons/) are exactly what app-icon.ts draws, at the sizes packaging needs.
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ICON_SIZES, iconFile, renderIcon } from './app-icon';

describe('app icons', () => {
  for (const size of ICON_SIZES) {
    it(`${size}×${size} is a valid RGBA PNG, transparent outside the rounded square, and reproducible`, () => {
      const committed = PNG.sync.read(readFileSync(iconFile(size)));
      expect([committed.width, committed.height]).toEqual([size, size]);
      const alphaAt = (x: number, y: number) => committed.data[(y * size + x) * 4 + 3];
      expect(alphaAt(0, 0)).toBe(0); // corners are cut off
      expect(alphaAt(size / 2, size / 2)).toBe(255);
      const regenerated = PNG.sync.read(renderIcon(size));
      expect(Buffer.compare(regenerated.data, committed.data)).toBe(0);
    });
  }
});
