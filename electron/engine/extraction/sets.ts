// The sets a run covers: clean plus corruption × severity, filtered by the request, with the
// sets the user is looking at first.
import type { SetRef } from '../../../src-shared/api/result-types';
import { PruneLensError } from '../../../src-shared/base/errors';
import { allCorruptions, benchmarkCorruptions } from '../../../src-shared/bundle/manifest';
import type { BundleManifest } from '../../../src-shared/bundle/manifest';

export const cleanSet: SetRef = { id: 'clean', corruption: 'clean', severity: 0, group: 'clean' };

export function setId(corruption: string, severity: number): string {
  return corruption === 'clean' ? 'clean' : `${corruption}-s${severity}`;
}

export function parseSetId(id: string): SetRef {
  if (id === 'clean') return cleanSet;
  const match = /^([a-z_]+)-s([1-5])$/.exec(id);
  if (!match || !(allCorruptions as readonly string[]).includes(match[1])) throw new PruneLensError('bad-request', `Unknown set '${id}' (expected 'clean' or '<corruption>-s<1..5>').`);
  return corruptedSet(match[1], Number(match[2]));
}

function corruptedSet(corruption: string, severity: number): SetRef {
  const group = (benchmarkCorruptions as readonly string[]).includes(corruption) ? 'benchmark' : 'extra';
  return { id: setId(corruption, severity), corruption, severity, group };
}

export interface SetFilter {
  corruptions?: string[];
  severities?: number[];
  priority?: string[];
}

/**
 * Corruptions and severities the bundle declares (generated or CIFAR-10-C). For a CIFAR-10-C
 * folder, `available` (its <corruption>.npy stems) narrows the list to the files present.
 */
export function declaredCorruptions(manifest: BundleManifest, available?: readonly string[]): { corruptions: string[]; severities: number[] } {
  const corrupted = manifest.data.corrupted;
  if (!corrupted) return { corruptions: [], severities: [] };
  if ('generate' in corrupted) return { corruptions: corrupted.generate.corruptions, severities: corrupted.generate.severities };
  return { corruptions: allCorruptions.filter((c) => !available || available.includes(c)), severities: [1, 2, 3, 4, 5] };
}

export function planSets(manifest: BundleManifest, filter: SetFilter = {}, available?: readonly string[]): SetRef[] {
  const declared = declaredCorruptions(manifest, available);
  for (const c of filter.corruptions ?? []) {
    if (!declared.corruptions.includes(c)) throw new PruneLensError('bad-request', `Corruption '${c}' is not in this bundle (it has: ${declared.corruptions.join(', ') || 'none'}).`);
  }
  const corruptions = filter.corruptions ?? declared.corruptions;
  const severities = (filter.severities ?? declared.severities).filter((s) => declared.severities.includes(s));
  const sets = [cleanSet, ...corruptions.flatMap((c) => severities.map((s) => corruptedSet(c, s)))];
  const rank = (s: SetRef) => {
    const at = filter.priority?.indexOf(s.id) ?? -1;
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };
  // Clean first (every comparison needs it), then the user's priorities, then declaration order.
  return [sets[0], ...sets.slice(1).map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map(({ s }) => s)];
}
