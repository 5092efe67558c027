// Left-to-right CSS linear gradients (the colour-legend ramps) as canvas gradient stops, for the
// PNG export: `linear-gradient(90deg | to right, <colour> [<pct>%], …)` as getComputedStyle
// writes it. Other directions, lengths in px and repeating gradients are not handled (null).

export interface GradientStop {
  color: string;
  /** 0–1 along the element's width. */
  offset: number;
}

/** Splits on commas outside parentheses. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

export function horizontalGradientStops(backgroundImage: string): GradientStop[] | null {
  const match = /^linear-gradient\((.*)\)$/.exec(backgroundImage.trim());
  if (!match) return null;
  const parts = topLevelParts(match[1]);
  if (parts[0] !== '90deg' && parts[0] !== 'to right') return null;
  const stops = parts.slice(1).map((part) => {
    const m = /^(.*?\))\s*(?:(-?[\d.]+)%)?$/.exec(part) ?? /^(\S+)\s*(?:(-?[\d.]+)%)?$/.exec(part);
    return m ? { color: m[1], offset: m[2] === undefined ? null : Number(m[2]) / 100 } : null;
  });
  if (stops.length < 2 || stops.some((s) => s === null)) return null;
  // Stops without a position are spread evenly between their neighbours (CSS rules, simplified).
  const list = stops as { color: string; offset: number | null }[];
  if (list[0].offset === null) list[0].offset = 0;
  if (list[list.length - 1].offset === null) list[list.length - 1].offset = 1;
  for (let i = 1; i < list.length; i++) {
    if (list[i].offset !== null) continue;
    let j = i;
    while (list[j].offset === null) j++;
    const [a, b] = [list[i - 1].offset!, list[j].offset!];
    for (let k = i; k < j; k++) list[k].offset = a + ((b - a) * (k - i + 1)) / (j - i + 1);
  }
  return list.map((s) => ({ color: s.color, offset: Math.max(0, Math.min(1, s.offset!)) }));
}
