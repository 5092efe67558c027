// Messages between the engine and the unpack worker (unpack-worker.ts): untrusted compressed bytes
// in, checked bytes (or a PruneLensError payload) out; or untrusted ONNX bytes in, the model's
// card and layer statistics out; or a model with external data: where its tensors' bytes are,
// then the model with those bytes inlined. Buffers are transferred, not copied.
import type { ErrorPayload } from '../../../src-shared/base/errors';
import type { ModelSummary } from '../../../src-shared/api/types';
import type { HeadOverrides } from '../../../src-shared/onnx/classifier-head';
import type { ExternalRef } from '../../../src-shared/onnx/external-data';
import type { ModelStats } from '../../../src-shared/onnx/layer-stats';

export interface UnpackTask {
  id: number;
  /** 'stored': CRC check only; the others are inflated with the byte and time budgets. */
  kind: 'stored' | 'deflate' | 'gzip';
  input: Uint8Array;
  maxBytes: number;
  expectedBytes?: number;
  expectedCrc?: number;
  fileLabel: string;
  /** Inflation stops with an error once this many milliseconds have passed. */
  timeBudgetMs: number;
}

/** Decode and analyse an ONNX model (off the event loop): a bundle's model card without blocking other clients. */
export interface ModelSummaryTask {
  id: number;
  kind: 'model-summary';
  input: Uint8Array;
  overrides: HeadOverrides;
  fileLabel: string;
  /** The worker is stopped (and the model refused) after this many milliseconds. */
  timeBudgetMs: number;
}

/** What opening a bundle needs of a model: its card and the layer statistics structure comparison uses. */
export interface ModelSummaryOutput {
  card: NonNullable<ModelSummary['card']>;
  stats: Pick<ModelStats, 'layers' | 'factorised'>;
}

/**
 * 'external-list': where the external tensors of a model (bundle path `modelPath`) keep their bytes
 * (refs null and nothing decoded when the model names no location); the input comes back.
 * 'external-inline': the model with `chunks` (the listed tensors' bytes, in order) inlined.
 */
export type ExternalDataTask = {
  id: number;
  input: Uint8Array;
  modelPath: string;
  fileLabel: string;
  /** The worker is stopped (and the model refused) after this many milliseconds. */
  timeBudgetMs: number;
} & ({ kind: 'external-list'; maxTensors: number } | { kind: 'external-inline'; chunks: Uint8Array[] });

export interface ExternalListOutput {
  input: Uint8Array;
  refs: ExternalRef[] | null;
}

export type WorkerTask = UnpackTask | ModelSummaryTask | ExternalDataTask;

export type UnpackReply = { id: number; ok: true; output: Uint8Array | ModelSummaryOutput | ExternalListOutput } | { id: number; ok: false; error: ErrorPayload };
