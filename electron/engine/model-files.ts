// Reading ONNX files from disk (external data inlined) into model cards, with errors that name
// the file; and preparing a model for inference (classifier head extracted, penultimate tensor
// added as an output).
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { PruneLensError } from '../../src-shared/api/errors';
import type { ModelSummary } from '../../src-shared/api/types';
import type { ClassifierHead, HeadOverrides } from '../../src-shared/onnx/classifier-head';
import { decodeOnnxModel } from '../../src-shared/onnx/decode-model';
import type { OnnxModel } from '../../src-shared/onnx/decode-model';
import { analysisToCard, analyzeModel } from '../../src-shared/onnx/model-analysis';
import type { ModelAnalysis } from '../../src-shared/onnx/model-analysis';
import { addHeadOutputs } from '../../src-shared/onnx/surgery';
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

export async function readOnnxModel(file: string): Promise<{ model: OnnxModel; bytes: Uint8Array }> {
  const bytes = await readFileChecked(file, 'Model file');
  return { model: decodeOnnxModel(bytes, file), bytes };
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

export async function readModelCard(file: string, overrides: HeadOverrides = {}): Promise<NonNullable<ModelSummary['card']>> {
  const { analysis, bytes } = await analyzeModelFile(file, overrides);
  return analysisToCard(analysis, bytes.length);
}

export interface PreparedModel {
  /** The model with the feature (and, after a Softmax, logits) tensors as extra outputs. */
  bytes: Uint8Array;
  head: ClassifierHead;
  analysis: ModelAnalysis;
  inputName: string;
  featureOutput: string;
  logitsOutput: string;
}

/** Everything inference needs: W, b, and a model whose single run returns features and logits. Throws `no-head`. */
export function prepareModelForInference(bytes: Uint8Array, fileLabel: string, overrides: HeadOverrides = {}): PreparedModel {
  const analysis = analyzeModelFileBytes(bytes, fileLabel, overrides);
  if (!analysis.head) throw analysis.headError ?? new PruneLensError('no-head', `${fileLabel}: no classifier head found.`, { file: fileLabel });
  if (analysis.index.inputs.length !== 1) {
    throw new PruneLensError('bad-onnx', `${fileLabel}: expected one image input, found ${analysis.index.inputs.length} (${analysis.index.inputs.map((i) => i.name).join(', ')}).`, { file: fileLabel });
  }
  const surgery = addHeadOutputs(analysis.model, analysis.index, analysis.head);
  return {
    bytes: surgery.bytes,
    head: analysis.head,
    analysis,
    inputName: analysis.index.inputs[0].name ?? '',
    featureOutput: surgery.featureOutput,
    logitsOutput: surgery.logitsOutput,
  };
}
