import { defineConfig } from 'vitest/config';

// End-to-end: the real renderer build in Debian's Chromium (playwright-core) against `prunelens serve`.
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
