// The model card: I/O, op histogram, parameters, sparsity, MACs, layers, classifier head.
import type { ModelSummary } from '../api/types';
import type { HeadOverrides } from './classifier-head';
import type { OnnxModel } from './decode-model';
import { analysisToCard, analyzeModel } from './model-analysis';

export function summarizeModel(model: OnnxModel, fileBytes: number, overrides: HeadOverrides = {}, fileLabel = 'model'): NonNullable<ModelSummary['card']> {
  return analysisToCard(analyzeModel(model, overrides, fileLabel), fileBytes);
}
