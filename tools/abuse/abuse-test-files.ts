// The test files that measure event-loop delay or wall time under load: the unit config excludes
// them and tools/abuse/vitest.abuse.config.ts runs them serially (one list, two configs).
export const abuseTestFiles = [
  'tools/abuse/**/*.test.ts',
  'electron/engine/unpack/unpack-bombs.test.ts',
  'electron/server/connection-limits.test.ts',
];
