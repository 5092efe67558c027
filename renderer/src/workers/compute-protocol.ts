// Messages between the UI thread and the compute worker. Everything O(N·M) goes through here.
import type { FilterInput, FilterOutput } from '../state/filter';
import type { DensityInput } from '../compute/pc-density';
import type { Bounds, ColorSource } from '../compute/point-buffers';

export interface CategoriesInput {
  count: number;
  category: Uint8Array;
  correct: Uint8Array;
  cleanCorrect: Uint8Array | null;
}

export type PositionSource = { kind: 'coords'; data: Float32Array; stride: number; dims: number } | { kind: 'axes'; x: Float32Array; y: Float32Array; z: Float32Array };

export interface PointSlotInput {
  positions: PositionSource;
  color: ColorSource;
}

export interface ComputeOps {
  /** Display categories of the focus model, then the filtered list over them. */
  filter: { input: Omit<FilterInput, 'categories'> & { categories: CategoriesInput | null }; output: FilterOutput & { categories: Uint8Array | null; categoryCounts: number[] | null } };
  /** Positions (normalised jointly over all slots) and colours of the 3-D views. */
  pointBuffers: {
    input: { slots: PointSlotInput[] };
    output: { positions: Float32Array[]; colors: Float32Array[]; categories: (Uint8Array | null)[]; bounds: Bounds; metricRange: [number, number] | null };
  };
  density: { input: DensityInput & { insideRgb: [number, number, number]; outsideRgb: [number, number, number] }; output: { width: number; height: number; rgba: Uint8ClampedArray<ArrayBuffer> } };
}

export type ComputeOp = keyof ComputeOps;
export type ComputeRequest = { [K in ComputeOp]: { id: number; op: K; input: ComputeOps[K]['input'] } }[ComputeOp];
export type ComputeResponse = { id: number; ok: true; output: unknown; ms: number } | { id: number; ok: false; message: string };
