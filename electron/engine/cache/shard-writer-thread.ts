// The shard writer thread (started by shard-writer.ts): encodes and writes cache shards with
// synchronous file calls, off the engine thread, one request at a time in the order posted.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { syncDirectorySync, writeFileAtomicSync, writeShardSync } from './shard-files';
import type { WriterReply, WriterRequest } from './shard-writer';

function handle(request: WriterRequest): void {
  if (request.kind === 'shard') writeShardSync(request.job);
  else if (request.kind === 'file') {
    mkdirSync(path.dirname(request.file), { recursive: true });
    writeFileAtomicSync(request.file, request.bytes);
  }
  else for (const dir of request.dirs) syncDirectorySync(dir);
}

parentPort!.on('message', (request: WriterRequest) => {
  let reply: WriterReply = { id: request.id };
  try {
    handle(request);
  } catch (error) {
    const { message, code } = error as NodeJS.ErrnoException;
    reply = { id: request.id, error: { message: message || String(error), ...(code ? { code } : {}) } };
  }
  parentPort!.postMessage(reply);
});
