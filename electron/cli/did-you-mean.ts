// "Did you mean --limit?": the closest known option to a mistyped one (Levenshtein distance,
// accepted up to a third of the longer name and fewer edits than the typed name has letters), or
// null when nothing is close.

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** The closest of `known` (names without dashes) to `typed` (with or without dashes). */
export function closestOption(typed: string, known: readonly string[]): string | null {
  const name = typed.replace(/^-+/, '').split('=')[0].toLowerCase();
  let best: { option: string; distance: number } | null = null;
  for (const option of known) {
    const distance = option.startsWith(name) && name.length >= 3 ? 0.5 : editDistance(name, option.toLowerCase());
    if (!best || distance < best.distance) best = { option, distance };
  }
  if (!best || best.distance >= name.length || best.distance > Math.max(1, Math.floor(Math.max(name.length, best.option.length) / 3))) return null;
  return best.option;
}
