// Worker thread for untrusted compressed bytes (.plbundle entries, gzip IDX): inflation and CRC
// checks run here, never on the engine's event loop, stopping at the byte budget (while
// inflating, not after) and at the time budget. ONNX models a bundle opens are decoded and
// analysed here too (the pool stops a parse that overruns its time budget).
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { PruneLensError, toErrorPayload } from '../../../src-shared/api/errors';
import { crc32 } from '../../../src-shared/formats/crc32';
import { inflateCapped } from '../../../src-shared/formats/inflate-capped';
import { analyzeModel, analysisToCard } from '../../../src-shared/onnx/model-analysis';
import { decodeOnnxModel } from '../../../src-shared/onnx/decode-model';
import type { ModelSummaryOutput, ModelSummaryTask, UnpackReply, UnpackTask, WorkerTask } from './unpack-protocol';

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

parentPort!.on('message', (task: WorkerTask) => {
  let reply: UnpackReply;
  try {
    reply = { id: task.id, ok: true, output: task.kind === 'model-summary' ? summarizeModel(task) : unpack(task) };
  } catch (error) {
    reply = { id: task.id, ok: false, error: toErrorPayload(error) };
  }
  const output = reply.ok && reply.output instanceof Uint8Array ? reply.output : null;
  const transfer = output && output.byteOffset === 0 && output.byteLength === output.buffer.byteLength ? [output.buffer as ArrayBuffer] : [];
  parentPort!.postMessage(reply, transfer);
});
