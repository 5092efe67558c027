// Starts `prunelens serve` as a user would (the bin launcher), on a free port.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ServeProcess {
  url: string;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export async function startServe(args: string[], options: { env?: Record<string, string>; log?: (text: string) => void } = {}): Promise<ServeProcess> {
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, 'bin', 'prunelens.mjs'), 'serve', ...args, '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    if (options.log) {
      child.stdout!.on('data', (chunk: Buffer) => options.log!(chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => options.log!(chunk.toString()));
    }
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}
