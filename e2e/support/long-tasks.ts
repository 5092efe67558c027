// Records main-thread long tasks (PerformanceObserver 'longtask') in the page, from its first script on.
import type { Page } from 'playwright-core';

export interface LongTask {
  start: number;
  duration: number;
}

declare global {
  interface Window {
    __longTasks?: LongTask[];
  }
}

export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks!.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/** Long tasks that started in [from, to] (page clock, ms). */
export async function longTasksBetween(page: Page, from: number, to: number): Promise<LongTask[]> {
  return page.evaluate(([a, b]) => (window.__longTasks ?? []).filter((t) => t.start >= a && t.start <= b), [from, to] as const);
}

export function summarize(tasks: LongTask[]): { count: number; maxMs: number; totalMs: number } {
  return { count: tasks.length, maxMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))), totalMs: Math.round(tasks.reduce((s, t) => s + t.duration, 0)) };
}
