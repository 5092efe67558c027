// The legend of a fixed colour scale: what the colour shows and its unit, the gradient with
// labelled ticks, and how to read it. The scales come from src-shared/util/value-scales.ts, so the
// legend, the coloured cells and the report's tables agree.
import { css } from '../../../src-shared/util/color-ramps';
import type { ValueScale } from '../../../src-shared/util/value-scales';
import { scalePosition, scaleStops } from '../../../src-shared/util/value-scales';

export function ColorLegend({ scale }: { scale: ValueScale }) {
  const gradient = scaleStops(scale).map((s) => `${css(s.color)} ${(s.offset * 100).toFixed(0)}%`).join(', ');
  return (
    <figure className="color-legend" data-scale={scale.id} aria-label={`Colour legend: ${scale.title}`}>
      <figcaption className="legend-title">{scale.title}</figcaption>
      <div className="legend-bar">
        <div className="legend-ramp" style={{ background: `linear-gradient(90deg, ${gradient})` }} />
        {scale.ticks.map((t) => (
          <span key={t.value} className="legend-tick" style={{ left: `${scalePosition(scale, t.value) * 100}%` }}>
            {t.label}
          </span>
        ))}
      </div>
      <span className="legend-note">{scale.note}</span>
    </figure>
  );
}
