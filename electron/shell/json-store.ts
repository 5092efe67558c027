// Small JSON files under userData (settings, recent bundles, window state): validated with zod on
// read, written atomically (temp file + fsync + rename), so a crash mid-write leaves the old
// file intact. A corrupt file is kept aside as `<name>.corrupt` and the defaults are used.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { z } from 'zod';

const MAX_BYTES = 1024 * 1024;

export function writeJsonAtomic(file: string, value: unknown): void {
  const text = JSON.stringify(value, null, 2) + '\n'; // serialise first: a bad value touches no file
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export type JsonRead = { kind: 'missing' } | { kind: 'ok'; value: unknown } | { kind: 'corrupt'; reason: string };

export function readJsonFile(file: string): JsonRead {
  let text: string;
  try {
    if (statSync(file).size > MAX_BYTES) return { kind: 'corrupt', reason: `larger than ${MAX_BYTES} bytes` };
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'corrupt', reason: (error as Error).message };
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) };
  } catch (error) {
    return { kind: 'corrupt', reason: `not valid JSON (${(error as Error).message})` };
  }
}

export interface JsonStore<T> {
  readonly file: string;
  get(): T;
  set(value: T): T;
  /** Why the file on disk was not used as is (corrupt, invalid), or null. */
  readonly recovered: string | null;
}

/**
 * Opens a store. `schema` should give every field a fallback (`.catch(…)`), so one bad field
 * falls back alone; a value that still fails (not an object, unreadable) yields `defaults`.
 */
export function openJsonStore<T>(file: string, schema: z.ZodType<T>, defaults: T, log: (message: string) => void = () => undefined): JsonStore<T> {
  let recovered: string | null = null;
  let value = defaults;
  const read = readJsonFile(file);
  if (read.kind === 'corrupt') recovered = read.reason;
  else if (read.kind === 'ok') {
    const parsed = schema.safeParse(read.value);
    if (parsed.success) {
      value = parsed.data;
      // A field the file has but the schema replaced was invalid; a missing one (older file) is not.
      const raw = (typeof read.value === 'object' && read.value !== null ? read.value : {}) as Record<string, unknown>;
      const reset = Object.entries(value as Record<string, unknown>).filter(([key, v]) => Object.hasOwn(raw, key) && JSON.stringify(raw[key]) !== JSON.stringify(v));
      if (reset.length > 0) recovered = `invalid ${reset.map(([key]) => key).join(', ')} reset to the default`;
    } else recovered = `invalid (${parsed.error.issues[0]?.message ?? 'schema'})`;
  }
  if (recovered && read.kind !== 'missing') {
    try {
      renameSync(file, `${file}.corrupt`);
      // Keep what was valid: the recovered value replaces the file now, not at the next change.
      writeJsonAtomic(file, value);
    } catch {
      // Unmovable or read-only: left as is; the next save overwrites it.
    }
    log(`${path.basename(file)}: ${recovered}; using defaults where needed (the old file is kept as ${path.basename(file)}.corrupt).`);
  }
  return {
    file,
    recovered,
    get: () => value,
    set(next) {
      value = schema.parse(next);
      writeJsonAtomic(file, value);
      return value;
    },
  };
}
