// Records main-thread long tasks (PerformanceObserver 'longtask') in the page, from its first script
// on, and long animation frames ('long-animation-frame'), which say which scripts and how much
// style/layout work made a frame long — the report names the cause, not just the duration.
import type { Browser, Page } from 'playwright-core';

export interface LongTask {
  start: number;
  duration: number;
}

export interface LongFrame {
  start: number;
  duration: number;
  /** Style and layout time at the end of the frame (ms). */
  layoutMs: number;
  scripts: { invoker: string; source: string; ms: number }[];
}

declare global {
  interface Window {
    __longTasks?: LongTask[];
    __longFrames?: LongFrame[];
  }
}

export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__longTasks = [];
    window.__longFrames = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks!.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    if (!PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame')) return;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { styleAndLayoutStart: number; scripts: { invoker: string; sourceURL: string; sourceFunctionName: string; duration: number }[] })[]) {
        window.__longFrames!.push({
          start: entry.startTime,
          duration: entry.duration,
          layoutMs: entry.styleAndLayoutStart ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0,
          scripts: entry.scripts.map((s) => ({ invoker: s.invoker, source: `${s.sourceFunctionName}@${s.sourceURL.split('/').pop()}`, ms: Math.round(s.duration) })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
}

export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/** Long tasks that started in [from, to] (page clock, ms). */
export async function longTasksBetween(page: Page, from: number, to: number): Promise<LongTask[]> {
  return page.evaluate(([a, b]) => (window.__longTasks ?? []).filter((t) => t.start >= a && t.start <= b), [from, to] as const);
}

/** The longest animation frame in [from, to], with its scripts (null where the browser lacks the API). */
export async function longestFrameBetween(page: Page, from: number, to: number): Promise<LongFrame | null> {
  return page.evaluate(([a, b]) => (window.__longFrames ?? []).filter((f) => f.start >= a && f.start <= b).sort((x, y) => y.duration - x.duration)[0] ?? null, [from, to] as const);
}

export function summarize(tasks: LongTask[]): { count: number; maxMs: number; totalMs: number } {
  return { count: tasks.length, maxMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))), totalMs: Math.round(tasks.reduce((s, t) => s + t.duration, 0)) };
}

/** Long tasks in [from, to] summarised, with the longest frame's causes when there was a long task. */
export async function phaseReport(page: Page, from: number, to: number) {
  const summary = summarize(await longTasksBetween(page, from, to));
  return summary.count > 0 ? { ...summary, longestFrame: await longestFrameBetween(page, from, to) } : summary;
}

/**
 * Main-thread tasks of the page's renderer from a Chromium trace ('toplevel' category), with
 * their wall time and their thread (CPU) time. On a shared machine a task's wall time includes
 * the time the thread was preempted; its CPU time is the work the page itself did.
 */
export function mainThreadTasks(trace: Buffer, minWallMs = 50): { wallMs: number; cpuMs: number }[] {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && (e.dur ?? 0) >= minWallMs * 1000)
    .map((e) => ({ wallMs: Math.round((e.dur ?? 0) / 100) / 10, cpuMs: Math.round((e.tdur ?? e.dur ?? 0) / 100) / 10 }));
}

interface TraceEvent {
  name: string;
  ph?: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * Starts measuring a phase: long tasks and frames from the page's observers, plus a Chromium trace
 * for each task's CPU time. `stop()` reports both: the wall-clock figures are what a user feels
 * (preemption included); `maxTaskCpuMs` is the most work the page did in one task.
 */
export async function startPhase(browser: Browser, page: Page): Promise<{ stop(): Promise<Awaited<ReturnType<typeof phaseReport>> & { maxTaskCpuMs: number }> }> {
  const t0 = await pageNow(page);
  await browser.startTracing(page, { categories: ['toplevel'] });
  return {
    async stop() {
      const tasks = mainThreadTasks(await browser.stopTracing());
      return { ...(await phaseReport(page, t0, await pageNow(page))), maxTaskCpuMs: Math.max(0, ...tasks.map((t) => t.cpuMs)) };
    },
  };
}
