// Execution providers onnxruntime-node offers on this machine. CPU (and WebGPU) ship in the npm
// package; CUDA/TensorRT need the opt-in install (README, "GPU execution providers").
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as ort from 'onnxruntime-node';

export const knownProviders = ['cpu', 'webgpu', 'cuda', 'tensorrt', 'dml', 'coreml'] as const;

export function availableExecutionProviders(): string[] {
  const backends = ort.listSupportedBackends() as { name: string; bundled: boolean }[];
  const binDir = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node'));
  const installed = (name: string) => existsSync(path.join(binDir, '..', 'bin', 'napi-v6', process.platform, process.arch, `libonnxruntime_providers_${name}.so`));
  return backends.filter((b) => b.bundled || installed(b.name)).map((b) => b.name);
}
