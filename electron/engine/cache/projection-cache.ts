// Content-addressed cache of finished projections (the 3-D/2-D maps of projections.ts), beside the
// extraction cache: one coords .npy + a meta JSON with its SHA-256, the meta written last and
// atomically. The key hashes everything that determines the map (the cells' cache keys, the
// sample count, dims, UMAP options, feature storage, code version), so a changed input is simply
// not found; a damaged entry is removed, reported and recomputed, never returned.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { readNpy, writeNpy } from '../../../src-shared/formats/npy';
import { writeFileAtomic } from './atomic-file';
import { sha256 } from './result-cache';

/** Bump when projection semantics change (UMAP, alignment, placement): old maps are then not found. */
// 2: UMAP layout in sampling order, tabulated gradient factors. 3: the factors tabulated against
// d² on log-spaced nodes (no square root; other rounding, so other coordinates).
export const PROJECTION_CODE_VERSION = 3;

export interface CachedProjection {
  coords: Float32Array;
  residual: number;
}

interface ProjectionMeta {
  count: number;
  dims: number;
  residual: number;
  sha256: string;
  createdAt: string;
}

/** The key of one projection: a hash of every input that determines its coordinates. */
export function projectionKey(parts: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify({ ...parts, projectionCode: PROJECTION_CODE_VERSION })).digest('hex').slice(0, 32);
}

export class ProjectionCache {
  constructor(
    readonly root: string,
    private readonly onProblem: (message: string) => void = () => {},
  ) {}

  file(key: string, suffix: 'npy' | 'json'): string {
    return path.join(this.root, 'projections-v1', key.slice(0, 2), `${key}.${suffix}`);
  }

  async write(key: string, value: CachedProjection, count: number, dims: number): Promise<void> {
    const bytes = writeNpy(value.coords, [count, dims]);
    await writeFileAtomic(this.file(key, 'npy'), bytes, { syncDirectory: false });
    const meta: ProjectionMeta = { count, dims, residual: value.residual, sha256: sha256(bytes), createdAt: new Date().toISOString() };
    await writeFileAtomic(this.file(key, 'json'), new TextEncoder().encode(JSON.stringify(meta)));
  }

  /** The projection, or null when absent or damaged (damaged entries are removed and reported). */
  async read(key: string, count: number, dims: number): Promise<CachedProjection | null> {
    let meta: ProjectionMeta;
    try {
      meta = JSON.parse(await readFile(this.file(key, 'json'), 'utf8')) as ProjectionMeta;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return this.discard(key, 'unreadable metadata');
    }
    try {
      const bytes = new Uint8Array(await readFile(this.file(key, 'npy')));
      if (sha256(bytes) !== meta.sha256) return this.discard(key, 'checksum mismatch');
      const npy = readNpy(bytes);
      const [rows, cols] = npy.header.shape;
      if (npy.header.dtype !== 'f4' || npy.header.shape.length !== 2 || rows !== count || cols !== dims || meta.count !== count || meta.dims !== dims) {
        return this.discard(key, `holds ${npy.header.shape.join('×')}, expected ${count}×${dims}`);
      }
      if (typeof meta.residual !== 'number' || !Number.isFinite(meta.residual)) return this.discard(key, 'no residual');
      return { coords: npy.data as Float32Array, residual: meta.residual };
    } catch (error) {
      return this.discard(key, (error as Error).message);
    }
  }

  private async discard(key: string, reason: string): Promise<null> {
    this.onProblem(`Cached projection ${key} is damaged (${reason}); it will be recomputed.`);
    await Promise.all((['json', 'npy'] as const).map((suffix) => rm(this.file(key, suffix), { force: true })));
    return null;
  }
}
