// Where a streamed export's bytes go: a file written through a temp name and renamed into place on
// close (so a failed or aborted run leaves no half-written table), or memory (the UI's Export menu).
import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface ByteSink {
  write(bytes: Uint8Array): Promise<void>;
  /** Everything written is complete: publish it. */
  close(): Promise<void>;
  /** Something failed: drop what was written. */
  abort(): Promise<void>;
}

export async function openFileSink(file: string): Promise<ByteSink> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const handle: FileHandle = await open(temp, 'w');
  let open_ = true;
  const release = async () => {
    if (!open_) return;
    open_ = false;
    await handle.close();
  };
  return {
    async write(bytes) {
      let at = 0;
      while (at < bytes.length) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
    },
    async close() {
      await handle.sync();
      await release();
      await rename(temp, file);
    },
    async abort() {
      await release().catch(() => undefined);
      await rm(temp, { force: true });
    },
  };
}

export class MemorySink implements ByteSink {
  private readonly chunks: Uint8Array[] = [];

  async write(bytes: Uint8Array): Promise<void> {
    this.chunks.push(bytes);
  }

  async close(): Promise<void> {}

  async abort(): Promise<void> {
    this.chunks.length = 0;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
