// CPU time of each thread of this process (Linux: /proc/self/task/*/stat), to split a timed part's
// CPU into the engine's own thread, its inference workers and the rest (cache writer, libuv pool,
// V8 helpers). Elsewhere it reports nothing. Clock ticks: 10 ms, so time a run of a second or more.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_S = 0.01; // USER_HZ = 100 on Linux

/** Thread id → CPU seconds so far (empty off Linux). */
export function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, (Number(fields[11]) + Number(fields[12])) * TICK_S); // utime + stime
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** CPU seconds between two snapshots: the main thread, the `workers` busiest other threads, and the rest. */
export function splitThreadCpu(before: Map<string, number>, after: Map<string, number>, workers: number): { engine: number; workers: number; other: number } | null {
  if (after.size === 0) return null;
  const main = String(process.pid);
  const others: number[] = [];
  let engine = 0;
  for (const [tid, cpu] of after) {
    const used = cpu - (before.get(tid) ?? 0);
    if (tid === main) engine = used;
    else others.push(used);
  }
  others.sort((a, b) => b - a);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return { engine, workers: sum(others.slice(0, workers)), other: sum(others.slice(workers)) };
}
