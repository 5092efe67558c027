// Colours of the report. Coloured values (accuracy, Δ, CE, correlation) use the app's own fixed
// scales from src-shared/util/value-scales.ts, so a colour means the same value in both; this
// file adds the report's qualitative colours and the HTML for a coloured cell and a legend.
import { css, textOn } from '../../../../src-shared/util/color-ramps';
import type { ValueScale } from '../../../../src-shared/util/value-scales';
import { scaleStops } from '../../../../src-shared/util/value-scales';
import { esc } from './format';

export { css as rgb, textOn } from '../../../../src-shared/util/color-ramps';

// Tableau 10: one colour per pruning method family.
export const categorical: string[] = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Sample categories, as in the app (Okabe–Ito): pruning-fragile vermilion, pruning-improved green. */
export const fragileColor = '#d6261c';
export const improvedColor = '#009e73';

/** Inline style of a table cell showing `value` on `scale` (empty for a missing value). */
export function cellStyle(scale: ValueScale, value: number): string {
  const c = scale.color(value);
  return c ? `background:${css(c)};color:${textOn(c)}` : '';
}

/** The legend of a scale: its title and unit, a gradient with labelled ticks, and how to read it. */
export function scaleKey(scale: ValueScale): string {
  const stops = scaleStops(scale).map((s) => `${css(s.color)} ${(s.offset * 100).toFixed(0)}%`).join(',');
  const [lo, hi] = scale.domain;
  const ticks = scale.ticks.map((t) => `<i style="left:${(((t.value - lo) / (hi - lo)) * 100).toFixed(1)}%">${esc(t.label)}</i>`).join('');
  return `<div class="key" data-scale="${scale.id}"><span>${esc(scale.title)}</span><span class="ramp-box"><span class="ramp" style="background:linear-gradient(90deg,${stops})"></span><span class="ticks">${ticks}</span></span><span class="key-note">${esc(scale.note)}</span></div>`;
}
