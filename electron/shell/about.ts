// Help → About: the versions that matter when reporting a problem, and what the engine can run on.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';

export interface AboutInfo {
  app: string;
  electron: string;
  chrome: string;
  node: string;
  onnxruntime: string;
  /** Available execution providers and the default, or why they are unknown. */
  providers: { available: string[]; default: string } | { error: string };
}

export function aboutDetail(info: AboutInfo): string {
  const eps = info.providers;
  const providers = 'error' in eps ? `unknown (${eps.error})` : eps.available.map((ep) => (ep === eps.default ? `${ep} (default)` : ep)).join(', ');
  return [
    `Version ${info.app}`,
    '',
    `Electron ${info.electron}`,
    `Chrome ${info.chrome}`,
    `Node ${info.node}`,
    `onnxruntime-node ${info.onnxruntime}`,
    `Execution providers: ${providers}`,
  ].join('\n');
}

/** A dependency's version from its package.json, looked up in node_modules above `startDir`. */
export function installedVersion(startDir: string, name: string): string {
  for (let dir = startDir; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) {
      try {
        return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version ?? 'unknown');
      } catch {
        return 'unknown';
      }
    }
    if (path.dirname(dir) === dir) return 'not installed';
  }
}

export async function showAbout(dialog: Pick<Dialog, 'showMessageBox'>, window: BrowserWindow | null, info: AboutInfo): Promise<void> {
  const options = { type: 'info' as const, title: 'About PruneLens', message: 'PruneLens', detail: aboutDetail(info), buttons: ['OK'], noLink: true };
  await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}
