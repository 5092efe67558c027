// Reading ONNX files from disk into model cards, with errors that name the file.
import { readFile, stat } from 'node:fs/promises';
import { PruneLensError } from '../../src-shared/api/errors';
import type { ModelSummary } from '../../src-shared/api/types';
import { decodeOnnxModel } from '../../src-shared/onnx/decode-model';
import type { OnnxModel } from '../../src-shared/onnx/decode-model';
import { summarizeModel } from '../../src-shared/onnx/model-summary';

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

export async function readOnnxModel(file: string): Promise<{ model: OnnxModel; bytes: Uint8Array }> {
  const bytes = await readFileChecked(file, 'Model file');
  return { model: decodeOnnxModel(bytes, file), bytes };
}

export async function readModelCard(file: string): Promise<NonNullable<ModelSummary['card']>> {
  const { model, bytes } = await readOnnxModel(file);
  return summarizeModel(model, bytes.length);
}
