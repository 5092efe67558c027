import { describe, expect, it } from 'vitest';
import { diverging } from '../../state/color-scales';
import { scalePosition } from '../../../../src-shared/util/value-scales';
import { attributionRgba, helpfulSign, occlusionScale, sharedExtent } from './heatmap';

describe('occlusion heat map', () => {
  it('colours harm red and help blue, with opacity from |Δ| over a shared extent', () => {
    const image = new Uint8Array([100, 100, 100, 100]);
    // Angle to the true class: +10° when the patch is hidden = the patch mattered (harm, red).
    const delta = new Float32Array([10, -10, 0, 5]);
    const extent = sharedExtent([delta, new Float32Array([-20])]);
    expect(extent).toBe(20);
    const rgba = attributionRgba(delta, image, 2, 2, 1, 10, helpfulSign.angleGt);
    const red = diverging(-1);
    expect(rgba[0]).toBe(Math.round(100 * 0.15 + red[0] * 255 * 0.85));
    expect(rgba[0]).toBeGreaterThan(rgba[2]); // red
    expect(rgba[6]).toBeGreaterThan(rgba[4]); // pixel 1: blue
    expect([...rgba.slice(8, 12)]).toEqual([100, 100, 100, 255]); // no change: the image
    expect(sharedExtent([new Float32Array(3)])).toBe(1);
  });

  it('has a legend whose left end is harm (red) and right end help (blue), for either sign of metric', () => {
    for (const metric of ['angleGt', 'logitMargin'] as const) {
      const scale = occlusionScale(metric, 4);
      const [left, right] = [scale.domain[0], scale.domain[1]];
      expect(scale.color(left)).toEqual(diverging(-1));
      expect(scale.color(right)).toEqual(diverging(1));
      expect(scalePosition(scale, left)).toBe(0);
      expect(scale.ticks.map((t) => t.label).sort()).toEqual(['+4.0', '0', '−4.0'].sort());
    }
    expect(occlusionScale('angleGt', 4).title).toContain('(°)');
  });
});
