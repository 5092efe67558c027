// Structural shrink of a pruned model relative to the dense one: output channels per layer,
// matched by layer name when every name matches, else by position among layers of the same op.
import type { LayerStat } from './layer-stats';

export interface LayerShrink {
  name: string;
  op: string;
  denseName: string;
  denseOutChannels: number;
  outChannels: number;
  /** outChannels / denseOutChannels. */
  keptChannels: number;
  denseParameters: number;
  parameters: number;
}

export interface StructureComparison {
  matchedBy: 'name' | 'order';
  layers: LayerShrink[];
  /** Layers of either model that found no partner. */
  unmatched: string[];
  /** Σ weight elements / Σ dense weight elements over matched layers (< 1 when layers shrank). */
  keptParameters: number;
  /** True when any matched layer has fewer output or input channels than its dense partner. */
  structurallyPruned: boolean;
}

export function compareStructure(layers: LayerStat[], dense: LayerStat[]): StructureComparison {
  const denseByName = new Map(dense.map((l) => [l.name, l]));
  const byName = layers.length === dense.length && layers.every((l) => denseByName.get(l.name)?.op === l.op);
  const pairs: [LayerStat, LayerStat][] = [];
  const unmatched: string[] = [];
  if (byName) {
    for (const l of layers) pairs.push([l, denseByName.get(l.name)!]);
  } else {
    const denseByOp = new Map<string, LayerStat[]>();
    for (const l of dense) denseByOp.set(l.op, [...(denseByOp.get(l.op) ?? []), l]);
    const seen = new Map<string, number>();
    for (const l of layers) {
      const k = seen.get(l.op) ?? 0;
      seen.set(l.op, k + 1);
      const partner = denseByOp.get(l.op)?.[k];
      if (partner) pairs.push([l, partner]);
      else unmatched.push(l.name);
    }
    for (const [op, list] of denseByOp) list.slice(seen.get(op) ?? 0).forEach((l) => unmatched.push(`${l.name} (dense)`));
  }
  const shrink = pairs.map(([l, d]) => ({
    name: l.name,
    op: l.op,
    denseName: d.name,
    denseOutChannels: d.outChannels,
    outChannels: l.outChannels,
    keptChannels: d.outChannels ? l.outChannels / d.outChannels : 1,
    denseParameters: d.parameters,
    parameters: l.parameters,
  }));
  const denseTotal = shrink.reduce((n, l) => n + l.denseParameters, 0);
  return {
    matchedBy: byName ? 'name' : 'order',
    layers: shrink,
    unmatched,
    keptParameters: denseTotal ? shrink.reduce((n, l) => n + l.parameters, 0) / denseTotal : 1,
    structurallyPruned: pairs.some(([l, d]) => l.outChannels < d.outChannels || l.inChannels < d.inChannels),
  };
}
