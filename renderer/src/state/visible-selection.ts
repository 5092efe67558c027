// Selections respect the active filter: a brush, a click or a search never selects or focuses a
// sample the filter hides. Pure, so the views and tests share it.

/** The indices the filter shows (mask 1), in their order; with no mask, all of them. */
export function visibleOnly(indices: ArrayLike<number>, mask: Uint8Array | null): number[] {
  const out: number[] = [];
  for (let k = 0; k < indices.length; k++) if (!mask || mask[indices[k]] === 1) out.push(indices[k]);
  return out;
}

/** The first position in the sorted `list` whose value is ≥ `value` (list.length when none is). */
export function lowerBound(list: Int32Array, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `index` is in the sorted filtered list. */
export function inFilteredList(list: Int32Array, index: number): boolean {
  const at = lowerBound(list, index);
  return at < list.length && list[at] === index;
}

export type SearchOutcome =
  | { kind: 'focus'; index: number }
  | { kind: 'class'; classIndex: number }
  | { kind: 'message'; message: string };

/**
 * What the sample search does with `text`: a sample number focuses that sample if the filter shows
 * it (else says why not; `filtered` null: not known yet, no check); a class name sets the class filter; anything else says what it accepts.
 */
export function searchOutcome(text: string, classes: readonly string[], filtered: Int32Array | null, count: number | null): SearchOutcome {
  const t = text.trim();
  if (/^#?\d+$/.test(t)) {
    const index = Number(t.replace('#', ''));
    if (count !== null && index >= count) return { kind: 'message', message: `No sample #${index}: the analysed set has ${count} (#0–#${count - 1}).` };
    if (filtered && !inFilteredList(filtered, index)) return { kind: 'message', message: `Sample #${index} is hidden by the filters: clear them to open it.` };
    return { kind: 'focus', index };
  }
  const c = classes.findIndex((name) => name.toLowerCase() === t.toLowerCase());
  if (c >= 0) return { kind: 'class', classIndex: c };
  return { kind: 'message', message: `“${t}” is neither a sample number nor a class name.` };
}

/** The class the local-geometry view shows: the global class filter when one is set, else its own pick. */
export function localClassOf(classFilter: number | null, localClass: number): number {
  return classFilter ?? localClass;
}
