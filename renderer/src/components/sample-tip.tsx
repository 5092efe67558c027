// The tooltip of the point under the cursor in the 3-D and scatter views: sample number, true
// class and category, at the cursor (placed by tip-placement.ts so it stays inside the view).
import { useDerived, useOpenBundle } from '../app-context';
import { categoryCss, categoryNames } from '../state/categories';
import { tipPlacement } from './tip-placement';

export interface TipAnchor {
  index: number;
  /** Cursor position in the container's CSS pixels. */
  x: number;
  y: number;
}

export function SampleTip({ anchor, width, height }: { anchor: TipAnchor | null; width: number; height: number }) {
  const { bundle } = useOpenBundle();
  const metrics = useDerived((s) => s.metrics);
  const categories = useDerived((s) => s.categories);
  if (!anchor) return null;
  const { index } = anchor;
  const label = metrics && index < metrics.count ? metrics.labels[index] : null;
  const category = categories && index < categories.length ? categories[index] : null;
  return (
    <div className="sample-tip" role="tooltip" data-tip-sample={index} style={tipPlacement(anchor.x, anchor.y, width, height)}>
      <strong>#{index}</strong>
      {label !== null && <> · {bundle.classes[label] ?? label}</>}
      {category !== null && categoryNames[category] && (
        <> · <span className="swatch" style={{ background: categoryCss[category] }} />{categoryNames[category]}</>
      )}
    </div>
  );
}
