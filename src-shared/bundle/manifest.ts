// bundle.json: the schema, and a parser that reports every problem with its JSON path.
import { z } from 'zod';
import { PruneLensError } from '../base/errors';

/** A path inside the bundle folder: relative, no `..` segments, no drive letters. */
const bundlePath = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !/^([a-zA-Z]:)?[\\/]/.test(p) && !p.split(/[\\/]/).includes('..'), {
    message: 'must be a path inside the bundle folder (relative, without "..")',
  });

const finite = z.number().finite();

export const benchmarkCorruptions = [
  'gaussian_noise', 'shot_noise', 'impulse_noise', 'defocus_blur', 'glass_blur', 'motion_blur', 'zoom_blur',
  'snow', 'frost', 'fog', 'brightness', 'contrast', 'elastic_transform', 'pixelate', 'jpeg_compression',
] as const;
export const extraCorruptions = ['speckle_noise', 'gaussian_blur', 'spatter', 'saturate'] as const;
export const allCorruptions = [...benchmarkCorruptions, ...extraCorruptions] as const;
export type CorruptionName = (typeof allCorruptions)[number];

const modelSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, "_", "-" or "."'),
    path: bundlePath,
    role: z.enum(['dense', 'pruned']),
    method: z.string().min(1).max(200),
    sparsity: finite.min(0).max(1).optional(),
    /** Clean accuracy (0–1) the model is known to reach; a run far below it is flagged. */
    expectedAccuracy: finite.min(0).max(1).optional(),
    /** Override of the detected penultimate tensor (input of the classifier head). */
    featureTensor: z.string().max(512).optional(),
    /** Override of the detected logits tensor. */
    logitsTensor: z.string().max(512).optional(),
    /** The model this one was pruned from (structure is compared with it; default: the dense model). */
    parent: z.string().max(64).optional(),
    /** Sparsity sweep this model belongs to (default: the models sharing its `method` form one). */
    sweep: z.string().min(1).max(200).optional(),
  })
  .strict();

const corruptedSchema = z.union([
  z.object({
    generate: z
      .object({
        corruptions: z.array(z.enum(allCorruptions)).max(64),
        severities: z.array(z.number().int().min(1).max(5)).min(1).max(5),
        seed: z.number().int().min(0).max(2 ** 31 - 1),
        /**
         * A folder of frost photographs (PNG / JPEG, e.g. frost1–5 of Hendrycks' make_cifar_c.py),
         * used as the reference uses them instead of the procedural stand-ins (docs/FIDELITY.md).
         */
        frost: z.object({ images: bundlePath }).strict().optional(),
      })
      .strict(),
  }).strict(),
  z.object({ cifarC: z.object({ dir: bundlePath }).strict() }).strict(),
]);

/**
 * Clean test images: a .npy array (uint8 / float16 / float32; NHWC, NCHW or N×H×W), an IDX file
 * (raw or .gz, MNIST family), or a folder with one subfolder of PNG / JPEG files per class.
 */
const cleanSchema = z
  .object({
    images: bundlePath,
    /** Integer labels (.npy or IDX); omitted for image folders, whose subfolders are the classes. */
    labels: bundlePath.optional(),
    /** Default: 'image-folder' when `labels` is omitted, else from the file's content. */
    format: z.enum(['npy', 'idx', 'image-folder']).optional(),
    /** Axis order of a 4-D .npy image array (default: guessed from where the 1/3/4 channels are). */
    layout: z.enum(['NCHW', 'NHWC']).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.labels === undefined && c.format !== undefined && c.format !== 'image-folder') {
      ctx.addIssue({ code: 'custom', path: ['labels'], message: `is required for ${c.format} images (only image folders take labels from subfolder names)` });
    }
    if (c.labels !== undefined && c.format === 'image-folder') ctx.addIssue({ code: 'custom', path: ['labels'], message: 'must be omitted for an image folder (labels come from the subfolder names)' });
  });

export type CleanDataSpec = z.infer<typeof cleanSchema>;

export const manifestSchema = z
  .object({
    name: z.string().min(1).max(200),
    classes: z.array(z.string().min(1).max(200)).min(2).max(100_000),
    input: z
      .object({
        layout: z.enum(['NCHW', 'NHWC']),
        scale: finite.positive(),
        mean: z.array(finite).min(1).max(4),
        std: z.array(finite.positive()).min(1).max(4),
        /**
         * Written by `prunelens init` / the wizard when the normalisation was guessed, not given: what
         * it was guessed from. Every accuracy depends on it, so results carry a warning while it is
         * here; delete it once the numbers are checked (or give them to init explicitly).
         */
        guessed: z.string().min(1).max(1000).optional(),
      })
      .strict(),
    models: z.array(modelSchema).min(1).max(64),
    data: z
      .object({
        clean: cleanSchema,
        corrupted: corruptedSchema.optional(),
      })
      .strict(),
    limit: z.number().int().positive().max(100_000_000).optional(),
    description: z.string().max(10_000).optional(),
  })
  .strict();

export type BundleManifest = z.infer<typeof manifestSchema>;
export type ManifestModel = BundleManifest['models'][number];

export interface ManifestProblem {
  /** JSON path, e.g. `models[2].path`. */
  path: string;
  message: string;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
}

const asRecord = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** `parent` names another model of the bundle, the dense model has none, and no chain loops. */
function parentProblems(models: Record<string, unknown>[]): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const parentOf = new Map<unknown, unknown>(models.map((m) => [m.id, m.parent]));
  models.forEach((m, i) => {
    if (m.parent === undefined) return;
    const where = `models[${i}].parent`;
    if (m.role === 'dense') problems.push({ path: where, message: 'must be omitted for the dense model (it is the baseline)' });
    else if (m.parent === m.id) problems.push({ path: where, message: 'cannot name the model itself' });
    else if (!parentOf.has(m.parent)) problems.push({ path: where, message: `names no model of this bundle ("${String(m.parent)}")` });
    else {
      const chain = new Set<unknown>([m.id]);
      for (let p: unknown = m.parent; p !== undefined; p = parentOf.get(p)) {
        if (chain.has(p)) {
          problems.push({ path: where, message: `forms a cycle (${[...chain, p].map(String).join(' → ')})` });
          break;
        }
        chain.add(p);
      }
    }
  });
  return problems;
}

/**
 * Checks across fields, run on the raw JSON so they are reported together with the schema's own
 * problems (zod skips refinements once the shape has errors).
 */
function crossFieldProblems(value: unknown): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const root = asRecord(value);
  if (Array.isArray(root.models)) {
    const models = root.models.map(asRecord);
    const dense = models.filter((m) => m.role === 'dense').length;
    if (dense !== 1) problems.push({ path: 'models', message: `needs exactly one model with role "dense" (found ${dense})` });
    const seen = new Set<unknown>();
    models.forEach((m, i) => {
      if (typeof m.id === 'string' && seen.has(m.id)) problems.push({ path: `models[${i}].id`, message: `duplicate id "${m.id}"` });
      seen.add(m.id);
    });
    problems.push(...parentProblems(models));
  }
  const input = asRecord(root.input);
  if (Array.isArray(input.mean) && Array.isArray(input.std) && input.mean.length !== input.std.length) {
    problems.push({ path: 'input.std', message: 'must have as many entries as input.mean' });
  }
  return problems;
}

interface SchemaIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  errors?: SchemaIssue[][];
}

/** The value at `path` inside `root`, or undefined. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/**
 * One schema issue as the user's problems. A failed union (`data.corrupted`: `generate` or
 * `cifarC`) says only "Invalid input": report instead the problems of the alternative whose shape
 * the value has (no unknown or missing key at its top), e.g. the misspelt corruption, with the
 * offending value named.
 */
function issueProblems(issue: SchemaIssue, value: unknown, base: PropertyKey[] = []): ManifestProblem[] {
  const at = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors?.length) {
    const fits = issue.errors.find((branch) => !branch.some((e) => (e.path.length === 0 && e.code === 'unrecognized_keys') || (e.path.length === 1 && valueAt(value, [...at, ...e.path]) === undefined)));
    if (fits) return fits.flatMap((e) => issueProblems(e, value, at));
    // No alternative fits: name the keys the alternatives are told apart by.
    const keys = [...new Set(issue.errors.flatMap((branch) => branch.filter((e) => e.path.length === 1 && valueAt(value, [...at, ...e.path]) === undefined).map((e) => String(e.path[0]))))];
    if (keys.length > 1) return [{ path: formatPath(at), message: `must hold exactly one of ${keys.map((k) => `"${k}"`).join(', ')}` }];
  }
  const got = issue.code === 'invalid_value' ? valueAt(value, at) : undefined;
  return [{ path: formatPath(at), message: got === undefined ? issue.message : `${JSON.stringify(got)} is not allowed. ${issue.message}` }];
}

/** Every problem of a parsed JSON value, with JSON paths; empty when valid. */
export function manifestProblems(value: unknown): ManifestProblem[] {
  const result = manifestSchema.safeParse(value);
  const schemaProblems = result.success ? [] : result.error.issues.flatMap((issue) => issueProblems(issue as SchemaIssue, value));
  return [...schemaProblems, ...crossFieldProblems(value)];
}

/** Parses bundle.json text; throws one PruneLensError listing every problem. */
export function parseManifest(text: string, fileLabel = 'bundle.json'): BundleManifest {
  if (text.length > 4 * 1024 * 1024) throw new PruneLensError('bad-manifest', `${fileLabel} is larger than 4 MiB.`, { file: fileLabel });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PruneLensError('bad-json', `${fileLabel} is not valid JSON: ${(error as Error).message}`, { file: fileLabel });
  }
  const problems = manifestProblems(json);
  if (problems.length === 0) return manifestSchema.parse(json);
  const listed = problems.map((p) => `${p.path}: ${p.message}`);
  throw new PruneLensError('bad-manifest', `${fileLabel} has ${listed.length} problem${listed.length > 1 ? 's' : ''}: ${listed.join('; ')}`, {
    file: fileLabel,
    jsonPath: problems[0].path,
  });
}
