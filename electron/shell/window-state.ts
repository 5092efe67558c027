// The main window's bounds and maximized state, remembered in userData/window-state.json and
// restored only where they are still visible (a monitor may have been unplugged since).
import path from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';
import { openJsonStore } from './json-store';
import type { JsonStore } from './json-store';

const int = z.number().int().min(-100_000).max(100_000);

export const windowStateSchema = z.object({
  x: int.nullable().catch(null),
  y: int.nullable().catch(null),
  width: z.number().int().min(400).max(100_000).catch(1440),
  height: z.number().int().min(300).max(100_000).catch(900),
  maximized: z.boolean().catch(false),
});

export type WindowState = z.output<typeof windowStateSchema>;

export const defaultWindowState: WindowState = { x: null, y: null, width: 1440, height: 900, maximized: false };

export function openWindowState(userDataDir: string, log?: (message: string) => void): JsonStore<WindowState> {
  return openJsonStore(path.join(userDataDir, 'window-state.json'), windowStateSchema, defaultWindowState, log);
}

/** At least this much of the title bar area must be on some display's work area. */
const MIN_VISIBLE = 64;

/** Bounds to open the window with: the saved ones when visible, else the saved size, centred. */
export function restoredBounds(state: WindowState, workAreas: Rectangle[]): Partial<Rectangle> & { width: number; height: number } {
  const size = { width: state.width, height: state.height };
  if (state.x === null || state.y === null) return size;
  const { x, y } = state;
  const visible = workAreas.some((area) => {
    const overlapX = Math.min(x + state.width, area.x + area.width) - Math.max(x, area.x);
    const overlapY = Math.min(y + MIN_VISIBLE, area.y + area.height) - Math.max(y, area.y);
    return overlapX >= MIN_VISIBLE && overlapY >= MIN_VISIBLE / 2;
  });
  return visible ? { x, y, ...size } : size;
}

type TrackedWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isFullScreen'>;

/** Saves the state when the window closes (normal bounds, so a maximized window restores well). */
export function trackWindowState(window: TrackedWindow, store: Pick<JsonStore<WindowState>, 'set'>): void {
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    try {
      store.set({ x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: window.isMaximized() || window.isFullScreen() });
    } catch {
      // Not fatal: the window opens with defaults next time.
    }
  });
}
