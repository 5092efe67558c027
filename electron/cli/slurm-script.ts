// The sbatch script `prunelens slurm` writes: a job array whose task i runs
// `prunelens extract <bundle> --shard i/N` into a shared cache. Readable on purpose: users check
// and edit it before submitting; everything it needs is an absolute path.
import type { AnalysisRequest } from '../../src-shared/api/contract';

export interface SbatchOptions {
  jobName: string;
  array: number;
  node: string;
  prunelens: string;
  bundle: string;
  cache: string;
  logs: string;
  request: Omit<AnalysisRequest, 'path' | 'ep'>;
  partition?: string;
  gpusPerTask?: number;
  cpusPerTask?: number;
  time?: string;
  createdAt?: string;
}

/** POSIX shell single-quoting (safe for any text). */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The grid options of a request as CLI arguments (the same on every task, so slices agree). */
export function gridArgs(request: SbatchOptions['request']): string[] {
  const args: string[] = [];
  if (request.models?.length) args.push('--models', request.models.join(','));
  if (request.corruptions?.length) args.push('--corruptions', request.corruptions.join(','));
  if (request.severities?.length) args.push('--severities', request.severities.join(','));
  if (request.limit !== undefined) args.push('--limit', String(request.limit));
  return args;
}

export function sbatchScript(o: SbatchOptions): string {
  const directives = [
    `--job-name=${o.jobName}`,
    `--array=0-${o.array - 1}`,
    `--output=${o.logs}/%A_%a.log`,
    '--open-mode=append',
    '--requeue',
    ...(o.partition ? [`--partition=${o.partition}`] : []),
    ...(o.gpusPerTask ? [`--gpus-per-task=${o.gpusPerTask}`] : []),
    ...(o.cpusPerTask ? [`--cpus-per-task=${o.cpusPerTask}`] : []),
    ...(o.time ? [`--time=${o.time}`] : []),
  ];
  const gpuLines = o.gpusPerTask
    ? [
        '# GPUs requested: use CUDA when the allocation exposes some (prunelens falls back to CPU,',
        '# with a warning, when onnxruntime-node has no CUDA provider installed on the node).',
        'EP=cpu',
        'if [ -n "${CUDA_VISIBLE_DEVICES:-}" ] && [ "${CUDA_VISIBLE_DEVICES}" != "NoDevFiles" ]; then EP=cuda; fi',
      ]
    : ['EP=cpu'];
  const extract = ['"$NODE"', '"$PRUNELENS"', 'extract', '"$BUNDLE"', '--shard', `"\${SLURM_ARRAY_TASK_ID}/${o.array}"`, '--cache', '"$CACHE"', '--ep', '"$EP"', '--workers', '"$WORKERS"', ...gridArgs(o.request).map(shellQuote)];
  return [
    '#!/bin/bash',
    `# PruneLens extraction as a Slurm job array, written by \`prunelens slurm\`${o.createdAt ? ` on ${o.createdAt}` : ''}.`,
    `# Task i of ${o.array} runs slice i/${o.array} of the model × set × shard grid into the shared cache.`,
    '# Slices are fixed by the grid, so resubmitting this script (or some indices: sbatch --array=1,4 …)',
    '# redoes only the shards still missing. Progress: prunelens slurm --status <job id>.',
    ...directives.map((d) => `#SBATCH ${d}`),
    '',
    'set -euo pipefail',
    `NODE=${shellQuote(o.node)}`,
    `PRUNELENS=${shellQuote(o.prunelens)}`,
    `BUNDLE=${shellQuote(o.bundle)}`,
    `CACHE=${shellQuote(o.cache)}   # must be on a filesystem every node shares`,
    ...gpuLines,
    '# One inference worker thread per CPU of the allocation.',
    'WORKERS="${SLURM_CPUS_PER_TASK:-1}"',
    '',
    `echo "prunelens slice \${SLURM_ARRAY_TASK_ID}/${o.array} on $(hostname): ep=$EP workers=$WORKERS"`,
    `exec ${extract.join(' ')}`,
    '',
  ].join('\n');
}
