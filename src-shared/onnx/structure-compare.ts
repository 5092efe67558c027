// Structural shrink of a model relative to its parent (the model it was pruned from): layers are
// matched by name, then by identical weight shape, and a factorised pair by the parent layer it
// replaces — never by position, so a different architecture shows as unmatched layers instead
// of made-up "% removed" figures.
import type { FactorisedPair } from './factorised-pairs';
import type { LayerStat } from './layer-stats';

export interface LayerShrink {
  name: string;
  op: string;
  parentName: string;
  matchedBy: 'name' | 'shape';
  parentOutChannels: number;
  outChannels: number;
  /** outChannels / parentOutChannels. */
  keptChannels: number;
  parentParameters: number;
  parameters: number;
}

export interface FactorisedShrink {
  first: string;
  second: string;
  /** The parent layer the pair replaces (same input and output channels). */
  parentName: string;
  rank: number;
  fullRank: number;
  parentParameters: number;
  parameters: number;
}

export interface StructureComparison {
  layers: LayerShrink[];
  factorised: FactorisedShrink[];
  /** Layers of this model that found no partner in the parent. */
  unmatched: string[];
  /** Layers of the parent that found no partner in this model. */
  unmatchedParent: string[];
  /** Σ weight elements / Σ parent weight elements over matched layers and pairs. */
  keptParameters: number;
  /** Every layer of both models has a partner and none grew: a pruned copy of the parent. */
  sameArchitecture: boolean;
  /** Same architecture and some matched layer has fewer output or input channels than its partner. */
  structurallyPruned: boolean;
}

const FAMILY: Record<string, string> = { Conv: 'conv', QLinearConv: 'conv', ConvInteger: 'conv', ConvTranspose: 'convT', Gemm: 'linear', MatMul: 'linear', QLinearMatMul: 'linear', MatMulInteger: 'linear' };
const family = (op: string) => FAMILY[op] ?? op;
const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

export function compareStructure(layers: LayerStat[], parent: LayerStat[], pairs: FactorisedPair[] = []): StructureComparison {
  const partnerOf = new Map<number, number>(); // this layer index → parent layer index
  const taken = new Set<number>();
  const how = new Map<number, 'name' | 'shape'>();
  const link = (i: number, j: number, by: 'name' | 'shape') => {
    partnerOf.set(i, j);
    taken.add(j);
    how.set(i, by);
  };
  const parentByName = new Map<string, number>();
  parent.forEach((l, j) => { if (!parentByName.has(l.name)) parentByName.set(l.name, j); });
  const namedPartner = (l: LayerStat) => {
    const j = parentByName.get(l.name);
    return j !== undefined && family(parent[j].op) === family(l.op) ? j : undefined;
  };
  // Factorised pairs first (unless the parent has both factors by name: then it is factorised too),
  // so a first factor that kept the parent layer's name is not read as that layer with channels removed.
  const indexByName = new Map(layers.map((l, i) => [l.name, i]));
  const factorised: FactorisedShrink[] = [];
  const inPair = new Set<number>();
  for (const pair of pairs) {
    const a = indexByName.get(pair.first);
    const b = indexByName.get(pair.second);
    if (a === undefined || b === undefined || inPair.has(a) || inPair.has(b)) continue;
    const [la, lb] = [layers[a], layers[b]];
    if (namedPartner(la) !== undefined && namedPartner(lb) !== undefined) continue;
    const fits = (p: LayerStat, k: number) => !taken.has(k) && family(p.op) === family(la.op) && p.inChannels === la.inChannels && p.outChannels === lb.outChannels;
    const byName = [namedPartner(la), namedPartner(lb)].find((k) => k !== undefined && fits(parent[k], k));
    const j = byName ?? parent.findIndex(fits);
    if (j < 0) continue;
    taken.add(j);
    inPair.add(a).add(b);
    factorised.push({ first: la.name, second: lb.name, parentName: parent[j].name, rank: pair.rank, fullRank: pair.fullRank, parentParameters: parent[j].parameters, parameters: la.parameters + lb.parameters });
  }
  layers.forEach((l, i) => {
    const j = namedPartner(l);
    if (j !== undefined && !taken.has(j) && !inPair.has(i)) link(i, j, 'name');
  });
  layers.forEach((l, i) => {
    if (partnerOf.has(i) || inPair.has(i)) return;
    const j = parent.findIndex((p, k) => !taken.has(k) && family(p.op) === family(l.op) && sameShape(p.shape, l.shape));
    if (j >= 0) link(i, j, 'shape');
  });
  const matched = [...partnerOf].sort((a, b) => a[0] - b[0]).map(([i, j]) => [layers[i], parent[j], how.get(i)!] as const);
  const shrink: LayerShrink[] = matched.map(([l, p, by]) => ({
    name: l.name,
    op: l.op,
    parentName: p.name,
    matchedBy: by,
    parentOutChannels: p.outChannels,
    outChannels: l.outChannels,
    keptChannels: p.outChannels ? l.outChannels / p.outChannels : 1,
    parentParameters: p.parameters,
    parameters: l.parameters,
  }));
  const unmatched = layers.filter((_, i) => !partnerOf.has(i) && !inPair.has(i)).map((l) => l.name);
  const unmatchedParent = parent.filter((_, j) => !taken.has(j)).map((l) => l.name);
  const parentTotal = shrink.reduce((n, l) => n + l.parentParameters, 0) + factorised.reduce((n, f) => n + f.parentParameters, 0);
  const total = shrink.reduce((n, l) => n + l.parameters, 0) + factorised.reduce((n, f) => n + f.parameters, 0);
  const grew = matched.some(([l, p]) => l.outChannels > p.outChannels || l.inChannels > p.inChannels);
  const sameArchitecture = unmatched.length === 0 && unmatchedParent.length === 0 && !grew;
  return {
    layers: shrink,
    factorised,
    unmatched,
    unmatchedParent,
    keptParameters: parentTotal ? total / parentTotal : 1,
    sameArchitecture,
    structurallyPruned: sameArchitecture && matched.some(([l, p]) => l.outChannels < p.outChannels || l.inChannels < p.inChannels),
  };
}
