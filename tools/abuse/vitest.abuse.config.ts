import { defineConfig } from 'vitest/config';
import { abuseTestFiles } from './abuse-test-files';

// The availability suite: tests that assert the server's event-loop delay (< 250 ms) under attack.
// They run one file at a time after the unit tests, so that no other test file's CPU load on a
// 2-core machine is measured as the server's latency.
export default defineConfig({
  test: {
    include: abuseTestFiles,
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
