// The model-analysis cache: a prepared model and a model card are remembered by file content and
// come back equal to a fresh analysis without analysing again; a changed file, a damaged entry or
// another code version is a miss (analysed again, the entry rewritten); a model with external
// data is never remembered.
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ManifestModel } from '../../../src-shared/bundle/manifest';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { prepareModel } from '../extraction/prepared-model';
import type { PreparedModel } from '../extraction/prepared-model';
import { folderStore } from './bundle-archive-store';
import { readManifest } from './bundle-loader';
import { MODEL_ANALYSIS_VERSION, cachedModelCard, cachedPreparedModel } from './model-analysis-cache';
import { sha256 } from '../cache/result-cache';
import { summarizeBundleModel } from './model-summary';

const walk = (dir: string): string[] => {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  } catch {
    return [];
  }
};

async function setup() {
  const bundle = writeImageFixtureBundle({ count: 30 });
  const cacheRoot = mkdtempSync(path.join(tmpdir(), 'prunelens-model-cache-'));
  const store = folderStore(bundle);
  const manifest = await readManifest(store);
  const dense = manifest.models.find((m) => m.id === 'dense')!;
  const entries = (ext: string) => walk(path.join(cacheRoot, `model-analysis-v${MODEL_ANALYSIS_VERSION}`)).filter((f) => f.endsWith(`.${ext}`));
  return { bundle, cacheRoot, store, manifest, dense, entries };
}

/** Everything extraction reads of a prepared model (surgery's feature nodes are already in runBytes). */
const comparable = (p: PreparedModel) => ({ ...p, head: { ...p.head, featureNodes: [] }, runBytes: Uint8Array.from(p.runBytes) });

function counted(store: ReturnType<typeof folderStore>, model: ManifestModel) {
  const calls = { n: 0 };
  return { calls, prepare: () => { calls.n++; return prepareModel(store, model); } };
}

afterEach(() => {
  vi.doUnmock('../app-version');
  vi.resetModules();
});

describe('model analysis cache', () => {
  it('a hit returns the prepared model without analysing the graph again', async () => {
    const { cacheRoot, store, dense, entries } = await setup();
    const fresh = await prepareModel(store, dense);
    const a = counted(store, dense);
    const first = await cachedPreparedModel(cacheRoot, store, dense, a.prepare);
    expect(a.calls.n).toBe(1);
    expect(entries('prepared')).toHaveLength(1);
    const second = await cachedPreparedModel(cacheRoot, store, dense, a.prepare);
    expect(a.calls.n).toBe(1);
    expect(comparable(second)).toEqual(comparable(fresh));
    expect(comparable(first)).toEqual(comparable(fresh));
    expect(second.head.weights).toBeInstanceOf(Float32Array);
    expect(Array.from(second.head.weights)).toEqual(Array.from(fresh.head.weights));
    expect(Buffer.compare(Buffer.from(second.runBytes), Buffer.from(fresh.runBytes))).toBe(0);
    // The id and role are the manifest's, not the entry's: the same file under another id.
    const renamed = await cachedPreparedModel(cacheRoot, store, { ...dense, id: 'other', role: 'pruned' }, a.prepare);
    expect(a.calls.n).toBe(1);
    expect(renamed).toMatchObject({ id: 'other', role: 'pruned', hash: fresh.hash });
  });

  it('a changed model file is a miss', async () => {
    const { bundle, cacheRoot, store, manifest, dense } = await setup();
    const a = counted(store, dense);
    const before = await cachedPreparedModel(cacheRoot, store, dense, a.prepare);
    copyFileSync(path.join(bundle, manifest.models.find((m) => m.id !== 'dense')!.path), path.join(bundle, dense.path));
    const after = await cachedPreparedModel(cacheRoot, store, dense, a.prepare);
    expect(a.calls.n).toBe(2);
    expect(after.hash).not.toBe(before.hash);
    expect(comparable(after)).toEqual(comparable(await prepareModel(store, dense)));
  });

  it('other head overrides are another entry', async () => {
    const { cacheRoot, store, dense, entries } = await setup();
    const fresh = await prepareModel(store, dense);
    const a = counted(store, dense);
    await cachedPreparedModel(cacheRoot, store, dense, a.prepare);
    const overridden = { ...dense, logitsTensor: fresh.head.logitsTensor };
    const b = counted(store, overridden);
    await cachedPreparedModel(cacheRoot, store, overridden, b.prepare);
    expect(b.calls.n).toBe(1);
    expect(entries('prepared')).toHaveLength(2);
  });

  it('a damaged entry is ignored, analysed again and rewritten', async () => {
    const { cacheRoot, store, dense, entries } = await setup();
    const fresh = await prepareModel(store, dense);
    const a = counted(store, dense);
    await cachedPreparedModel(cacheRoot, store, dense, a.prepare);
    const [file] = entries('prepared');
    const intact = readFileSync(file);
    // A flipped weight byte (inside the sections, before the digest) and a truncation.
    for (const damage of [(b: Buffer) => { b[b.length - 100] ^= 0x40; return b; }, (b: Buffer) => b.subarray(0, b.length - 1)]) {
      writeFileSync(file, damage(Buffer.from(intact)));
      const got = await cachedPreparedModel(cacheRoot, store, dense, a.prepare);
      expect(comparable(got)).toEqual(comparable(fresh));
      expect(Buffer.compare(readFileSync(file), intact)).toBe(0);
    }
    expect(a.calls.n).toBe(3);
  });

  it('another code version is a miss', async () => {
    const { cacheRoot, store, dense, entries } = await setup();
    const a = counted(store, dense);
    await cachedPreparedModel(cacheRoot, store, dense, a.prepare);
    vi.resetModules();
    vi.doMock('../app-version', () => ({ appVersion: '0.0.0-other' }));
    const other = await import('./model-analysis-cache');
    await other.cachedPreparedModel(cacheRoot, store, dense, a.prepare);
    expect(a.calls.n).toBe(2);
    expect(entries('prepared')).toHaveLength(2);
    await other.cachedPreparedModel(cacheRoot, store, dense, a.prepare);
    expect(a.calls.n).toBe(2);
  });

  it('a model whose analysed bytes are not its file (external data) is not remembered', async () => {
    const { cacheRoot, store, dense, entries } = await setup();
    const calls = { n: 0 };
    const prepare = async () => {
      calls.n++;
      return { ...(await prepareModel(store, dense)), hash: 'f'.repeat(64) }; // as if weights were inlined from another file
    };
    await cachedPreparedModel(cacheRoot, store, dense, prepare);
    await cachedPreparedModel(cacheRoot, store, dense, prepare);
    expect(calls.n).toBe(2);
    expect(entries('prepared')).toHaveLength(0);
  });

  it('model cards: remembered, equal to a fresh summary, and refused under a smaller byte budget', async () => {
    const { cacheRoot, store, dense, entries } = await setup();
    const fresh = await summarizeBundleModel(store, dense);
    const first = await summarizeBundleModel(store, dense, {}, cacheRoot);
    expect(entries('card')).toHaveLength(1);
    const [file] = entries('card');
    const written = readFileSync(file);
    const second = await summarizeBundleModel(store, dense, {}, cacheRoot);
    expect(second).toEqual(fresh);
    expect(first).toEqual(fresh);
    expect(Buffer.compare(readFileSync(file), written)).toBe(0);
    // A hit does not summarise again.
    const calls = { n: 0 };
    const summarize = async () => {
      calls.n++;
      return { value: await summarizeBundleModel(store, dense), analysedSha256: sha256(readFileSync(path.join(store.root, dense.path))) };
    };
    expect(await cachedModelCard(cacheRoot, store, dense, summarize)).toEqual(fresh);
    expect(calls.n).toBe(0);
    await expect(summarizeBundleModel(store, dense, { maxBytes: 10 }, cacheRoot)).rejects.toMatchObject({ code: 'bad-data' });
    // A damaged card is analysed again and rewritten.
    const damaged = Buffer.from(written);
    damaged[20] ^= 1;
    writeFileSync(file, damaged);
    expect(await summarizeBundleModel(store, dense, {}, cacheRoot)).toEqual(fresh);
    expect(Buffer.compare(readFileSync(file), written)).toBe(0);
  });
});
