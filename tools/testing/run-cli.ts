// Runs the `prunelens` CLI in-process for tests and captures what it prints.
import { PassThrough } from 'node:stream';
import { runCli } from '../../electron/cli/main';

export async function runCliCaptured(argv: string[], version = 'test'): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk) => (stdout += chunk));
  err.on('data', (chunk) => (stderr += chunk));
  const code = await runCli(argv, { stdout: out, stderr: err, signal: new AbortController().signal }, version);
  return { code, stdout, stderr };
}
