// Cache-watch tests: wait (on real I/O turns, not timers, which the tests may fake) until the
// watch has reported `n` passes.
import { expect } from 'vitest';

export async function passes(counts: readonly unknown[], n: number): Promise<void> {
  const until = performance.now() + 5000;
  while (counts.length < n && performance.now() < until) await new Promise((r) => setImmediate(r));
  expect(counts.length).toBe(n);
}
