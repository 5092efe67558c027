import { defineConfig } from 'vitest/config';
import { abuseTestFiles } from './tools/abuse/abuse-test-files';

// Unit tests live next to the code they test (`name.test.ts`); e2e specs have their own config.
export default defineConfig({
  test: {
    include: ['src-shared/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'electron/**/*.test.ts', 'tools/**/*.test.ts', 'assets/**/*.test.ts'],
    // The availability suite runs on its own, serially (npm run test:abuse).
    exclude: ['**/node_modules/**', ...abuseTestFiles],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
  },
});
