// What each metric PruneLens shows means, in one sentence or two: the app's table headers and view
// titles show it on hover, the report prints it under its tables. The one place these texts live.

export type GlossaryTerm =
  | 'accuracy' | 'delta' | 'ce' | 'mce' | 'relativeMce' | 'robustAccuracy' | 'extraAccuracy'
  | 'sparsity' | 'weightSparsity' | 'procrustesResidual' | 'correlation' | 'featureLength'
  | 'angleToClass' | 'logitMargin' | 'confidence' | 'geometricDistance' | 'agreement' | 'cka';

export interface GlossaryEntry {
  /** The name as headers show it. */
  term: string;
  definition: string;
}

export const glossary: Record<GlossaryTerm, GlossaryEntry> = {
  accuracy: { term: 'Accuracy', definition: 'Share of the evaluated samples whose top-1 prediction is the true class, in %. Samples with NaN/Inf outputs count as wrong.' },
  delta: { term: 'Δ vs dense', definition: 'This model’s accuracy minus the dense model’s on the same samples, in percentage points: negative means pruning cost accuracy.' },
  ce: { term: 'CE', definition: 'Corruption error of one corruption: this model’s errors summed over its severities, divided by the dense model’s, in % (100 = as many errors as dense; lower is better).' },
  mce: { term: 'mCE', definition: 'Mean corruption error: the mean of CE over the benchmark corruptions run, in % of the dense model’s error (100 = as robust as dense; lower is better). Extra corruptions are left out.' },
  relativeMce: { term: 'relative mCE', definition: 'Like mCE, but counting only the errors the corruption adds (corrupted − clean error), in % of the dense model’s added errors: 100 = degrades as much as dense under corruption.' },
  robustAccuracy: { term: 'Robust accuracy', definition: 'Mean accuracy over every benchmark corruption × severity run (RobustBench convention), in %.' },
  extraAccuracy: { term: 'Extra accuracy', definition: 'Mean accuracy over the extra corruptions (not in the 15-corruption benchmark, nor in mCE), in %.' },
  sparsity: { term: 'Sparsity', definition: 'The share of weights pruned, as bundle.json declares it.' },
  weightSparsity: { term: 'Weight sparsity', definition: 'The share of exactly-zero weights, measured in the ONNX file.' },
  procrustesResidual: { term: 'Procrustes residual', definition: 'How far this model’s 3-D map stays from the reference model’s after the best rotation, scale and shift: RMS distance over the reference’s RMS spread (0 = the same layout; near 1 = no shared structure).' },
  correlation: { term: 'Correlation r', definition: 'Pearson correlation of two corruptions’ effects (accuracy drops across models, or per-sample correctness): near +1, the two benchmarks measure the same thing.' },
  featureLength: { term: 'Feature length', definition: 'Euclidean norm of the penultimate-layer feature vector the classifier reads.' },
  angleToClass: { term: 'Angle to class', definition: 'Angle in degrees between the sample’s feature vector and that class’s weight vector in the classifier: small means the features point at the class.' },
  logitMargin: { term: 'Logit margin', definition: 'True-class logit minus the largest other logit: negative means misclassified.' },
  confidence: { term: 'Confidence', definition: 'Softmax probability of the true class (0–1).' },
  geometricDistance: { term: 'Geometric distance', definition: 'Euclidean distance between two models’ per-sample geometry (angle to the true class, feature length, logit margin on the same clean samples), each metric z-scored over all models: 0 = the same geometry.' },
  agreement: { term: 'Agreement', definition: 'Share of the clean samples on which the two models predict the same class, in %.' },
  cka: { term: 'CKA', definition: 'Linear centred kernel alignment of the two models’ clean penultimate features: 1 = the same representation up to rotation and scale, 0 = unrelated.' },
};

/** "Term: definition", the text a hover or a printed glossary shows. */
export function glossaryText(key: GlossaryTerm): string {
  const e = glossary[key];
  return `${e.term}: ${e.definition}`;
}
