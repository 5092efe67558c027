// Worker thread for untrusted compressed bytes (.plbundle entries, gzip IDX): inflation and CRC
// checks run here, never on the engine's event loop, stopping at the byte budget (while
// inflating, not after) and at the time budget. ONNX models a bundle opens are decoded and
// analysed here too, and models with external data decoded, listed and re-encoded with that data
// inlined (the pool stops a parse that overruns its time budget).
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { PruneLensError, toErrorPayload } from '../../../src-shared/base/errors';
import { crc32 } from '../../../src-shared/formats/crc32';
import { inflateCapped } from '../../../src-shared/formats/inflate-capped';
import { analyzeModel, analysisToCard } from '../../../src-shared/onnx/model-analysis';
import { decodeOnnxModel } from '../../../src-shared/onnx/decode-model';
import { applyExternalData, listExternalData } from '../../../src-shared/onnx/external-data';
import type { ExternalDataTask, ExternalListOutput, ModelSummaryOutput, ModelSummaryTask, UnpackReply, UnpackTask, WorkerTask } from './unpack-protocol';

// Below the engine's event loop (which answers every client): pid 0 is this thread on Linux.
try {
  setPriority(0, 10);
} catch {
  // Not permitted here: run at normal priority.
}

function unpack(task: UnpackTask): Uint8Array {
  const { input, kind, fileLabel } = task;
  if (kind === 'stored') {
    if (task.expectedCrc !== undefined && crc32(input) !== task.expectedCrc >>> 0) throw new PruneLensError('bad-data', `${fileLabel}: CRC mismatch (the archive is corrupt).`, { file: fileLabel });
    return input;
  }
  return inflateCapped(input, kind, {
    maxBytes: task.maxBytes,
    fileLabel,
    deadline: Date.now() + task.timeBudgetMs,
    ...(task.expectedBytes !== undefined ? { expectedBytes: task.expectedBytes } : {}),
    ...(task.expectedCrc !== undefined ? { expectedCrc: task.expectedCrc } : {}),
  });
}

function summarizeModel(task: ModelSummaryTask): ModelSummaryOutput {
  const analysis = analyzeModel(decodeOnnxModel(task.input, task.fileLabel), task.overrides, task.fileLabel);
  return { card: analysisToCard(analysis, task.input.byteLength), stats: { layers: analysis.stats.layers, factorised: analysis.stats.factorised } };
}

function externalData(task: ExternalDataTask): Uint8Array | ExternalListOutput {
  const { input, fileLabel } = task;
  if (task.kind === 'external-inline') return applyExternalData(decodeOnnxModel(input, fileLabel), task.chunks, fileLabel);
  // External data always names its file under the key "location": most models are never decoded here.
  if (Buffer.from(input.buffer, input.byteOffset, input.byteLength).indexOf('location') === -1) return { input, refs: null };
  const refs = listExternalData(decodeOnnxModel(input, fileLabel), task.modelPath, fileLabel);
  if (refs.length > task.maxTensors) throw new PruneLensError('bad-data', `${fileLabel}: ${refs.length} tensors keep their data in external files, over the limit of ${task.maxTensors}.`, { file: fileLabel });
  return { input, refs: refs.length > 0 ? refs : null };
}

function run(task: WorkerTask): Uint8Array | ModelSummaryOutput | ExternalListOutput {
  if (task.kind === 'model-summary') return summarizeModel(task);
  if (task.kind === 'external-list' || task.kind === 'external-inline') return externalData(task);
  return unpack(task);
}

const ownsBuffer = (bytes: Uint8Array) => bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;

parentPort!.on('message', (task: WorkerTask) => {
  let reply: UnpackReply;
  try {
    reply = { id: task.id, ok: true, output: run(task) };
  } catch (error) {
    reply = { id: task.id, ok: false, error: toErrorPayload(error) };
  }
  const output = !reply.ok ? null : reply.output instanceof Uint8Array ? reply.output : 'refs' in reply.output ? reply.output.input : null;
  const transfer = output && ownsBuffer(output) ? [output.buffer as ArrayBuffer] : [];
  parentPort!.postMessage(reply, transfer);
});
