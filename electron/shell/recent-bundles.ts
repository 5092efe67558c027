// Recently opened bundles (most recent first), persisted in userData/recent-bundles.json and
// mirrored to the OS's recent documents (macOS dock menu, Windows jump list).
import path from 'node:path';
import { z } from 'zod';
import { openJsonStore } from './json-store';

export const MAX_RECENT = 10;

const recentSchema = z.object({
  bundles: z
    .array(z.string().min(1).max(4096))
    .catch([])
    .transform((list) => list.filter((p) => path.isAbsolute(p)).slice(0, MAX_RECENT)),
});

/** `bundle` moved (or added) to the front; duplicates removed; at most MAX_RECENT. */
export function withRecent(list: readonly string[], bundle: string): string[] {
  return [bundle, ...list.filter((p) => p !== bundle)].slice(0, MAX_RECENT);
}

export interface RecentBundles {
  list(): string[];
  add(bundle: string): void;
  clear(): void;
}

export function openRecentBundles(
  userDataDir: string,
  os: { addRecentDocument(path: string): void; clearRecentDocuments(): void },
  onChange: () => void,
  log?: (message: string) => void,
): RecentBundles {
  const store = openJsonStore(path.join(userDataDir, 'recent-bundles.json'), recentSchema, { bundles: [] }, log);
  return {
    list: () => store.get().bundles,
    add(bundle) {
      if (!path.isAbsolute(bundle)) return;
      const next = withRecent(store.get().bundles, bundle);
      if (next.join('\0') === store.get().bundles.join('\0')) return;
      store.set({ bundles: next });
      os.addRecentDocument(bundle);
      onChange();
    },
    clear() {
      store.set({ bundles: [] });
      os.clearRecentDocuments();
      onChange();
    },
  };
}
