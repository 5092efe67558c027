// Finds the pieces of a would-be bundle in a folder for `prunelens init` and the New bundle…
// wizard: ONNX models, a clean test set and precomputed corrupted sets. It knows no data kind: it
// walks the folders and asks the registered readers (scan-folder.ts), so a new kind is found once
// it is registered in data-source-registry.ts.
import { toErrorPayload } from '../../../src-shared/base/errors';
import type { CleanDataSpec } from '../../../src-shared/bundle/manifest';
import type { BundleStore } from '../bundle/bundle-archive-store';
import type { CorruptedSetReader, CorruptedSpec } from './corrupted-set-reader';
import { cleanEntry, openCleanSource } from './data-source';
import { corruptedSetReaders, dataSourceReaders, findCorruptedSetReader } from './data-source-registry';
import type { ReaderRegistry } from './data-source-registry';
import { testFirst } from './scan-folder';
import type { CleanProposal, ScanFolder } from './scan-folder';

const MAX_DEPTH = 4;

export interface ScanResult {
  models: string[];
  clean: CleanDataSpec | null;
  /** Class names when the data says them (image-folder subfolders). */
  classNames: string[] | null;
  /** The data.corrupted entry for the precomputed corrupted sets found (the first, when several). */
  corrupted: CorruptedSpec | null;
  notes: string[];
}

/** The readers the scan asks (tests register kinds of their own). */
export interface ScanRegistries {
  clean: ReaderRegistry;
  corrupted: readonly CorruptedSetReader[];
}

interface Found {
  onnx: string[];
  /** Files outside claimed folders, offered to the clean readers' `files` hooks. */
  files: string[];
  /** Proposals from the clean readers' `folder` hooks, with their reader's registration index. */
  folders: { proposal: CleanProposal; order: number }[];
  corrupted: { spec: CorruptedSpec; reader: CorruptedSetReader; location: string }[];
}

async function walk(store: BundleStore, registries: ScanRegistries, dir: string, depth: number, found: Found): Promise<void> {
  const entries = await store.list(dir);
  const join = (name: string) => (dir ? `${dir}/${name}` : name);
  const folder: ScanFolder = {
    dir,
    files: entries.filter((e) => e.kind === 'file').map((e) => e.name),
    subdirs: entries.filter((e) => e.kind === 'dir' && !e.name.startsWith('.') && e.name !== 'node_modules').map((e) => e.name),
  };
  // A corrupted-set folder is taken whole: its files are no clean set, its subfolders not searched.
  for (const reader of registries.corrupted) {
    const spec = await reader.scan?.(store, folder);
    const claimed = spec ? findCorruptedSetReader(spec, [reader]) : null;
    if (spec && claimed) {
      found.corrupted.push({ spec, reader, location: claimed.location });
      return;
    }
  }
  for (const f of folder.files) {
    if (f.toLowerCase().endsWith('.onnx')) found.onnx.push(join(f));
    else found.files.push(join(f));
  }
  let claimed = false;
  for (const [order, reader] of registries.clean.readers.entries()) {
    const proposal = await reader.scan?.folder?.(store, folder);
    if (proposal) {
      found.folders.push({ proposal, order });
      claimed = true;
    }
  }
  if (!claimed && depth < MAX_DEPTH) for (const sub of folder.subdirs) await walk(store, registries, join(sub), depth + 1, found);
}

type Proposed = CleanProposal & { kind: string };

/** Every reader's proposals, most confident first (ties: the earlier registration, then test-named paths). */
async function cleanProposals(store: BundleStore, registries: ScanRegistries, found: Found, notes: string[]): Promise<Proposed[]> {
  const all = [...found.folders];
  for (const [order, reader] of registries.clean.readers.entries()) {
    const proposal = await reader.scan?.files?.(store, found.files, notes);
    if (proposal) all.push({ proposal, order });
  }
  all.sort((a, b) => b.proposal.confidence - a.proposal.confidence || a.order - b.order || testFirst(a.proposal.spec.images, b.proposal.spec.images));
  return all.map((a) => ({ ...a.proposal, kind: registries.clean.readers[a.order].kind }));
}

/** The first proposal that the registry's match() gives to the kind that proposed it. */
async function chooseClean(store: BundleStore, registries: ScanRegistries, proposals: readonly Proposed[], notes: string[]): Promise<Proposed | null> {
  for (const proposal of proposals) {
    try {
      const reader = await registries.clean.find(await cleanEntry(store, proposal.spec));
      if (reader.kind === proposal.kind) return proposal;
      notes.push(`${proposal.spec.images}: proposed as ${proposal.kind}, but read as ${reader.kind}; not used.`);
    } catch (error) {
      notes.push(`${proposal.spec.images}: proposed as ${proposal.kind}, but ${toErrorPayload(error).message}`);
    }
  }
  return null;
}

export async function scanBundleFolder(store: BundleStore, registries: ScanRegistries = { clean: dataSourceReaders, corrupted: corruptedSetReaders }): Promise<ScanResult> {
  const found: Found = { onnx: [], files: [], folders: [], corrupted: [] };
  await walk(store, registries, '', 0, found);
  const notes: string[] = [];
  const chosen = await chooseClean(store, registries, await cleanProposals(store, registries, found, notes), notes);
  const clean = chosen?.spec ?? null;
  if (clean) {
    try {
      const source = await openCleanSource(store, clean, [], registries.clean);
      notes.push(`clean test set: ${source.description}`);
      await source.close();
    } catch (error) {
      notes.push(`the clean data found does not open: ${toErrorPayload(error).message}`);
    }
  } else {
    const kinds = registries.clean.readers.flatMap((r) => (r.scan ? [r.scan.looksLike] : []));
    notes.push(`no clean test set found (${kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')}, or ${kinds[kinds.length - 1]}` : kinds.join('')}).`);
  }
  const [first, ...more] = found.corrupted;
  if (first && more.length) notes.push(`several precomputed corrupted sets (${found.corrupted.map((c) => c.reader.describe(c.location)).join('; ')}); using ${first.location}.`);
  return { models: found.onnx.sort(), clean, classNames: chosen?.classNames ?? null, corrupted: first?.spec ?? null, notes };
}
