// The worker's work, as plain functions (also run directly where no Worker exists, e.g. tests).
import { categoryCounts, deriveCategories } from '../state/categories';
import { filterSamples } from '../state/filter';
import { densityToRgba, rasterizeDensity } from '../compute/pc-density';
import { colorBuffer, interleave, normalizePositions, robustBounds } from '../compute/point-buffers';
import type { ComputeOp, ComputeOps, PointSlotInput } from './compute-protocol';

type Handlers = { [K in ComputeOp]: (input: ComputeOps[K]['input']) => ComputeOps[K]['output'] };

export const computeHandlers: Handlers = {
  filter(input) {
    const categories = input.categories ? deriveCategories(input.categories, input.categories.cleanCorrect) : null;
    return { ...filterSamples({ ...input, categories }), categories, categoryCounts: categories ? categoryCounts(categories) : null };
  },
  pointBuffers({ slots }) {
    const sources = slots.map((s) => (s.positions.kind === 'coords' ? s.positions : { data: interleave(s.positions.x, s.positions.y, s.positions.z), stride: 3, dims: 3 }));
    const bounds = robustBounds(sources);
    const metricRange = jointMetricRange(slots);
    const colored = slots.map((s, k) =>
      colorBuffer(sources[k].data.length / sources[k].stride, s.color.kind === 'metric' && metricRange ? { ...s.color, range: metricRange } : s.color),
    );
    return {
      positions: sources.map((s) => normalizePositions(s.data, s.stride, s.dims, bounds)),
      colors: colored.map((c) => c.colors),
      categories: colored.map((c) => c.categories),
      bounds,
      metricRange,
    };
  },
  density(input) {
    const layers = rasterizeDensity(input);
    return { width: layers.width, height: layers.height, rgba: densityToRgba(layers, input.insideRgb, input.outsideRgb) };
  },
};

/** One colour range for a metric over every slot (robust quantiles), so colours compare across models. */
function jointMetricRange(slots: PointSlotInput[]): [number, number] | null {
  const metric = slots.map((s) => s.color).filter((c) => c.kind === 'metric');
  if (metric.length === 0) return null;
  const b = robustBounds(metric.map((c) => ({ data: c.values, stride: 1, dims: 1 })));
  return [b.lo[0], b.hi[0]];
}
