import type { FrostTexture } from '../../../src-shared/corruptions/index';
import type { InputSchema } from '../inputs/input-adapter';
import type { InputBatch } from '../inputs/input-adapters';
// Messages between the engine and its worker threads.

export interface InferTask {
  kind: 'infer';
  taskId: number;
  /** Identifies the (surgically modified) model; the worker caches one session per key. */
  modelKey: string;
  /** Model bytes: sent the first time a worker sees this key (the engine tracks that). */
  modelBytes?: Uint8Array;
  executionProvider: string;
  /** The model's inputs (names, element types, dims, fixed batch size), from its input adapter. */
  inputs: InputSchema;
  /** One batch in its adapter's form (images: raw pixels); the worker makes the named feeds from it. */
  batch: InputBatch;
  logitsName: string;
  featuresName: string;
}

export interface CorruptTask {
  kind: 'corrupt';
  taskId: number;
  images: Uint8Array;
  count: number;
  height: number;
  width: number;
  channels: 1 | 3;
  corruption: string;
  severity: number;
  /** Per-image seeds (so results do not depend on batch boundaries). */
  seeds: Uint32Array;
  /** Frost only: textures from the bundle's frost photographs, instead of the procedural ones. */
  frostPhotos?: FrostTexture[];
}

/** UMAP of one model's clean features; optionally aligned to a reference map and with new points placed. */
export interface ProjectTask {
  kind: 'project';
  taskId: number;
  /** Identifies the fitted map (model and sample count) so workers can reuse it. */
  mapKey: string;
  data: Float32Array;
  n: number;
  dim: number;
  dims: 2 | 3;
  seed: number;
  /** The dense model's map (n × dims): used as the initial layout and the Procrustes target. */
  reference?: Float32Array;
  /** Points to place into the fitted map (e.g. the same samples under a corruption). */
  query?: Float32Array;
}

export type WorkerTask = InferTask | CorruptTask | ProjectTask;
/** Asks a worker to finish its task, release its sessions and exit (the pool's orderly close). */
export interface ShutdownMessage {
  kind: 'shutdown';
}
/** Asks a worker to stop task `taskId` (a projection nobody waits for any more); it answers `cancelled`. Other tasks ignore it. */
export interface CancelMessage {
  kind: 'cancel';
  taskId: number;
}
/** What the pool posts to a worker. */
export type WorkerMessage = WorkerTask | ShutdownMessage | CancelMessage;
/** The task kinds; each has one task and one reply type (the pool's `run<K>` is typed by them). */
export type TaskKind = WorkerTask['kind'];
export type TaskOf<K extends TaskKind> = Extract<WorkerTask, { kind: K }>;
/** A task as submitted to the pool (the pool assigns the id). */
export type TaskInput<K extends TaskKind> = Omit<TaskOf<K>, 'taskId'>;

export interface InferReply {
  kind: 'infer';
  taskId: number;
  logits: Float32Array;
  features: Float32Array;
  /** The provider that actually ran (differs from the request after a fallback). */
  executionProvider: string;
  warning?: string;
}

export interface CorruptReply {
  kind: 'corrupt';
  taskId: number;
  images: Uint8Array;
}

export interface ProjectReply {
  kind: 'project';
  taskId: number;
  coords: Float32Array;
  placed?: Float32Array;
  residual: number;
}

export type WorkerReply = InferReply | CorruptReply | ProjectReply;
/** The reply a task of kind K gets. */
export type ReplyOf<K extends TaskKind> = Extract<WorkerReply, { kind: K }>;
