// Projections for the side-by-side views: UMAP (fit, transform, aligned multi-model fits),
// PCA, Procrustes alignment and embedding-quality metrics. Pure, seeded, cancellable.
// Where this UMAP departs from umap-learn, on purpose:
// - initialisation from the top principal components (cheap, keeps global structure; umap-learn
//   uses a spectral embedding), rescaled per axis to [0, 10] as umap-learn does;
// - inputs wider than 50 dims are reduced to 50 principal components before the kNN search;
// - each edge's negative samples are evaluated at the same head position (a 5-sample
//   mini-batch), and the gradient factors come from a table against d² (sgd-epoch.ts, curve-table.ts);
// - NN-descent's distances are float32 (knn-join.ts), as pynndescent's.
// Quality (trustworthiness, kNN recall) matches umap-js / umap-learn; see BENCHMARKS.md.
export { fitAligned, transformAligned } from './align';
export type { AlignedFit, AlignedModelFit, AlignOptions, AlignProgress } from './align';
export { findAbParams } from './ab-params';
export type { CurveParams } from './ab-params';
export { exactKnn, exactKnnQuery } from './knn-graph';
export type { KnnGraph } from './knn-graph';
export { fitPca, pca, projectPca } from './pca';
export type { PcaModel, PcaOptions } from './pca';
export { applySimilarity, procrustes } from './procrustes';
export type { ProcrustesOptions, ProcrustesResult } from './procrustes';
export { embeddingQuality, knnRecall, trustworthiness } from './quality';
export { sampleIndices } from '../base/rng';
export type { EmbeddingQuality } from './quality';
export { transformUmap } from './transform';
export type { TransformOptions } from './transform';
export { fitUmap, fitUmapModel, initUmap, stepUmap, umapResult } from './umap';
export type { FitUmapOptions, UmapProgress, UmapState } from './umap';
export { defaultEpochs, preferExactKnn } from './umap-options';
export type { UmapOptions } from './umap-options';
export { gatherRows } from './distance';
