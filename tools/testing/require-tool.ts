// "This test needs an external tool": in CI (env CI set) a missing tool FAILS the test, so a green
// CI run cannot hide an unchecked export; on a developer machine the test is skipped with a note
// (the CI summary line counts skips, and .ci/run treats any skip as a failure).
import { spawnSync } from 'node:child_process';

/** True when running under CI: `CI` is set to anything but '', '0' or 'false'. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

/** Whether `python` can `import <module>` (e.g. numpy). */
export function pythonHasModule(python: string, module: string): boolean {
  return spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Call at the start of a test that needs `tool`: returns when it is available; otherwise throws in
 * CI and skips the test elsewhere. `install` says how to get it (e.g. 'apt-get install python3-numpy').
 */
export function requireTool(
  context: { skip: (note?: string) => void },
  tool: string,
  available: boolean,
  install: string,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (available) return;
  const message = `${tool} is not available (${install}).`;
  if (inCi(env)) throw new Error(`${message} CI must run this test: a skipped check is a failure.`);
  console.warn(`SKIPPED (not in CI): ${message}`);
  context.skip(message);
}
