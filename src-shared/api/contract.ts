// The PruneLens API, written once. Both transports (Electron IPC and the serve-mode WebSocket)
// and the renderer's client are derived from `apiMethods`: adding a method here is the only
// change needed to make it callable from the UI.
import { z } from 'zod';
import type {
  EvaluationTable, ExportedFile, NeighboursResult, OcclusionResult, ProjectionResult, RedundancyResult, RunStatus, SampleImages, SampleMetrics, SimilarityResult,
} from './result-types';
import type { SweepAnalysis } from '../analysis/sweep-types';
import type { BundleManifest } from '../bundle/manifest';
import type { NormalisationChoice } from '../bundle/normalisation-presets';
import type { AppInfo, BundleSummary } from './types';

const bundlePathInput = z.string().min(1).max(4096);
const idInput = z.string().min(1).max(128);

export const apiMethods = {
  getAppInfo: { input: z.object({}).strict() },
  /** The bundle given on the command line or the embedded demo, if any. */
  getStartupBundle: { input: z.object({}).strict() },
  openBundle: { input: z.object({ path: bundlePathInput }).strict() },
  listExecutionProviders: { input: z.object({}).strict() },
  /** Extracts (cached) and analyses every model × set; progress arrives as events. */
  startAnalysis: {
    input: z
      .object({
        path: bundlePathInput,
        models: z.array(idInput).max(64).optional(),
        corruptions: z.array(idInput).max(64).optional(),
        severities: z.array(z.number().int().min(1).max(5)).max(5).optional(),
        limit: z.number().int().positive().max(10_000_000).optional(),
        ep: z.string().max(32).optional(),
        /** Sets to run first (what the user is looking at). */
        priority: z.array(idInput).max(200).optional(),
      })
      .strict(),
  },
  cancelJob: { input: z.object({ jobId: idInput }).strict() },
  getRunStatus: { input: z.object({ path: bundlePathInput }).strict() },
  getEvaluation: { input: z.object({ path: bundlePathInput }).strict() },
  /** classAngles: false leaves out the N × C angles to every class (an empty array): the tables and the summary never use them. */
  getSampleMetrics: { input: z.object({ path: bundlePathInput, modelId: idInput, setId: idInput, classAngles: z.boolean().optional() }).strict() },
  getSimilarity: { input: z.object({ path: bundlePathInput }).strict() },
  getRedundancy: { input: z.object({ path: bundlePathInput }).strict() },
  /** Sparsity sweeps: metrics per level with seeded bootstrap bands, breaking points (tolerance as a fraction, default 0.01). */
  getSweeps: {
    input: z
      .object({
        path: bundlePathInput,
        tolerance: z.number().min(0).max(1).optional(),
        seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
        resamples: z.number().int().min(0).max(2000).optional(),
        shiftedSet: idInput.optional(),
      })
      .strict(),
  },
  getProjection: { input: z.object({ path: bundlePathInput, modelId: idInput, setId: idInput, dims: z.union([z.literal(2), z.literal(3)]) }).strict() },
  /** New bundle… wizard: a bundle.json drafted from the ONNX models and data in a folder. */
  draftBundle: { input: z.object({ path: bundlePathInput, dense: idInput.optional() }).strict() },
  /** Writes a (reviewed) bundle.json into a folder after validating it, then opens the bundle. */
  saveBundle: { input: z.object({ path: bundlePathInput, manifest: z.unknown(), overwrite: z.boolean().optional() }).strict() },
  /** Geometric attribution: occlusion sensitivity of angle, length and margin for one sample. */
  getOcclusion: {
    input: z.object({ path: bundlePathInput, modelId: idInput, setId: idInput, index: z.number().int().min(0), patch: z.number().int().min(1).max(64).optional(), stride: z.number().int().min(1).max(64).optional() }).strict(),
  },
  /** Drill-down: the clean samples nearest (cosine) to one sample's feature vector under a model and set. */
  getNeighbours: {
    input: z.object({ path: bundlePathInput, modelId: idInput, setId: idInput, index: z.number().int().min(0), k: z.number().int().min(1).max(50).optional() }).strict(),
  },
  getSampleImages: {
    input: z.object({ path: bundlePathInput, index: z.number().int().min(0), corruption: idInput.optional(), severities: z.array(z.number().int().min(1).max(5)).max(5).optional() }).strict(),
  },
  /** Export menu: the comparison report (self-contained HTML, or PDF printed by headless Chromium). */
  exportReport: { input: z.object({ path: bundlePathInput, format: z.enum(['html', 'pdf']) }).strict() },
  /** Export menu: the samples table (analyze's samples.csv/.parquet columns), all rows or the chosen models, sets and sample indices. */
  exportSamples: {
    input: z
      .object({
        path: bundlePathInput,
        format: z.enum(['csv', 'parquet']),
        modelIds: z.array(idInput).max(64).optional(),
        setIds: z.array(idInput).max(200).optional(),
        indices: z.array(z.number().int().min(0)).max(10_000_000).optional(),
      })
      .strict(),
  },
  /** Export menu: one model × set's features, logits or projection (dims 2 by default) as float32 .npy. */
  exportArray: {
    input: z.object({ path: bundlePathInput, modelId: idInput, setId: idInput, kind: z.enum(['features', 'logits', 'projection']), dims: z.union([z.literal(2), z.literal(3)]).optional() }).strict(),
  },
  /** Restarts the engine: the desktop shell respawns the engine process (after a crash); an in-process engine restarts its workers. Cached results stay. */
  restartEngine: { input: z.object({}).strict() },
} as const;

/** What each method resolves to. Keys must match `apiMethods` (checked below). */
export interface ApiResults {
  getAppInfo: AppInfo;
  getStartupBundle: { path: string | null };
  openBundle: BundleSummary;
  listExecutionProviders: { available: string[]; default: string };
  startAnalysis: { jobId: string };
  cancelJob: { cancelled: boolean };
  getRunStatus: RunStatus;
  getEvaluation: EvaluationTable;
  getSampleMetrics: SampleMetrics;
  getSimilarity: SimilarityResult;
  getRedundancy: RedundancyResult;
  getSweeps: SweepAnalysis;
  getProjection: ProjectionResult;
  getSampleImages: SampleImages;
  getOcclusion: OcclusionResult;
  getNeighbours: NeighboursResult;
  draftBundle: { manifest: BundleManifest; notes: string[]; exists: boolean; normalisation: NormalisationChoice };
  saveBundle: BundleSummary;
  exportReport: ExportedFile;
  exportSamples: ExportedFile;
  exportArray: ExportedFile;
  restartEngine: { restarted: boolean };
}

export type ApiMethodName = keyof typeof apiMethods;
export type ApiInput<M extends ApiMethodName> = z.input<(typeof apiMethods)[M]['input']>;
/** A method's input less the bundle path: what the engine's per-bundle code takes. */
export type BundleRequest<M extends ApiMethodName> = Omit<ApiInput<M>, 'path'>;
/** startAnalysis's input (the CLI and Slurm jobs build the same request). */
export type AnalysisRequest = ApiInput<'startAnalysis'>;

export type PruneLensApi = {
  [M in ApiMethodName]: (input: ApiInput<M>) => Promise<ApiResults[M]>;
};

/** Events the engine pushes to every connected UI. */
export type ApiEvent =
  | { type: 'job-progress'; jobId: string; label: string; done: number; total: number; ratePerSecond: number; etaSeconds: number | null }
  | { type: 'job-finished'; jobId: string; label: string; status: 'done' | 'cancelled' | 'failed'; message?: string }
  /** One model × set finished (the evaluation table fills in as these arrive). */
  | { type: 'cell-ready'; bundleDir: string; modelId: string; setId: string; accuracy: number; executionProvider: string; nonFinite?: { logits: number; features: number } }
  /** Everything requested is extracted; similarity/redundancy/robustness are now complete. */
  | { type: 'analysis-ready'; bundleDir: string }
  /** While no local run is active: how many cells the cache holds (another process, e.g. a Slurm array, may be filling it). */
  | { type: 'cache-progress'; bundleDir: string; cells: number; total: number; byOthers: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  /** From the desktop shell (File → Open, drag and drop): the UI should open this bundle. */
  | { type: 'open-bundle-request'; path: string }
  /** Desktop: the engine process died (crash, out of memory). Results finished so far are cached on disk; offer restartEngine. */
  | { type: 'engine-crashed'; reason: 'crashed' | 'out-of-memory' | 'killed'; exitCode: number | null; message: string }
  /** Desktop: a fresh engine process runs (after restartEngine or Engine → Restart); re-open the bundle, re-start the analysis (cached cells are reused). */
  | { type: 'engine-restarted' }
  /** Desktop menu requests the UI carries out: File → Export…, File → New bundle… */
  | { type: 'export-request' }
  | { type: 'new-bundle-request' }
  /** Desktop: the persisted settings, sent when the page loads and on every change. */
  | { type: 'settings-changed'; settings: DesktopSettings };

/** The desktop app's user settings (electron/shell/settings.ts persists them). */
export interface DesktopSettings {
  /** Execution provider for new analyses ('cpu', 'cuda', …). */
  executionProvider: string;
  /** Where the engine caches extracted features; null = the engine's default. */
  cacheDir: string | null;
  /** Samples per set for new analyses; null = the bundle's own limit (or all). */
  sampleLimit: number | null;
  theme: 'system' | 'light' | 'dark';
}

export type ApiEventListener = (event: ApiEvent) => void;

export const apiMethodNames = Object.keys(apiMethods) as ApiMethodName[];

export function isApiMethodName(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiMethods, name);
}

// Compile-time check that every method has a result type and vice versa.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _resultsCoverMethods: Exact<keyof ApiResults, ApiMethodName> = true;
void _resultsCoverMethods;
