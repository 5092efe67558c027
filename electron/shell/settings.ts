// User settings, persisted as JSON in userData/settings.json: execution provider, cache folder,
// sample limit, theme. Each field falls back to its default alone when invalid.
import path from 'node:path';
import { z } from 'zod';
import type { DesktopSettings } from '../../src-shared/api/contract';
import { openJsonStore } from './json-store';
import type { JsonStore } from './json-store';

export const defaultSettings: DesktopSettings = { executionProvider: 'cpu', cacheDir: null, sampleLimit: null, theme: 'system' };

export const settingsSchema = z.object({
  executionProvider: z.string().regex(/^[a-z0-9_-]{1,32}$/).catch(defaultSettings.executionProvider),
  cacheDir: z
    .string()
    .min(1)
    .max(4096)
    .refine((p) => path.isAbsolute(p) && !p.includes('\0'), 'must be an absolute path')
    .nullable()
    .catch(defaultSettings.cacheDir),
  sampleLimit: z.number().int().positive().max(10_000_000).nullable().catch(defaultSettings.sampleLimit),
  theme: z.enum(['system', 'light', 'dark']).catch(defaultSettings.theme),
});

// The schema's output and the contract's settings type must stay the same shape.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameShape: Exact<z.output<typeof settingsSchema>, DesktopSettings> = true;
void _sameShape;

export type SettingsStore = JsonStore<DesktopSettings>;

export function openSettings(userDataDir: string, log?: (message: string) => void): SettingsStore {
  return openJsonStore(path.join(userDataDir, 'settings.json'), settingsSchema, defaultSettings, log);
}

/** Settings the engine process reads at start (its cache folder). */
export function engineEnvironment(settings: DesktopSettings): Record<string, string> {
  return settings.cacheDir ? { PRUNELENS_CACHE: settings.cacheDir } : {};
}

/** Fills a startAnalysis input's execution provider and sample limit from the settings, unless given. */
export function withAnalysisDefaults(input: unknown, settings: DesktopSettings): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const given = input as Record<string, unknown>;
  return {
    ...given,
    ...(given.ep === undefined ? { ep: settings.executionProvider } : {}),
    ...(given.limit === undefined && settings.sampleLimit !== null ? { limit: settings.sampleLimit } : {}),
  };
}
