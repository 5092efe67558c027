// Reading ONNX files from disk (external data inlined) and analysing them (model card, head), with
// errors that name the file. Extraction prepares models in extraction/prepared-model.ts.
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { PruneLensError } from '../../../src-shared/base/errors';
import type { HeadOverrides } from '../../../src-shared/onnx/classifier-head';
import { decodeOnnxModel } from '../../../src-shared/onnx/decode-model';
import { analyzeModel } from '../../../src-shared/onnx/model-analysis';
import type { ModelAnalysis } from '../../../src-shared/onnx/model-analysis';
import { folderStore } from './bundle-archive-store';
import { inlineFromStore } from './model-bytes';

const MAX_MODEL_BYTES = 2 * 1024 ** 3;

export async function readFileChecked(file: string, what: string): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new PruneLensError('not-found', `${what} not found: ${file}`, { file });
  }
  if (!info.isFile()) throw new PruneLensError('not-found', `${what} is not a file: ${file}`, { file });
  if (info.size > MAX_MODEL_BYTES) throw new PruneLensError('bad-data', `${what} is larger than 2 GiB: ${file}`, { file });
  return new Uint8Array(await readFile(file));
}

/** Decodes and analyses model bytes (read from a folder or an archive). */
export function analyzeModelFileBytes(bytes: Uint8Array, fileLabel: string, overrides: HeadOverrides = {}): ModelAnalysis {
  return analyzeModel(decodeOnnxModel(bytes, fileLabel), overrides, fileLabel);
}

/** A model file outside any bundle (`prunelens inspect`): external data is read from its own folder, never above it. */
export async function readModelFileBytes(file: string): Promise<Uint8Array> {
  const bytes = await readFileChecked(file, 'Model file');
  const real = await realpath(file);
  return inlineFromStore(folderStore(path.dirname(real)), path.basename(real), bytes);
}

export async function analyzeModelFile(file: string, overrides: HeadOverrides = {}): Promise<{ analysis: ModelAnalysis; bytes: Uint8Array }> {
  const bytes = await readModelFileBytes(file);
  return { analysis: analyzeModelFileBytes(bytes, file, overrides), bytes };
}
