// Types for fresh-build.mjs (imported by its test).
export function builtCli(root: string, env?: Record<string, string | undefined>): { cli: string | null; reason: string };
