// Prints one closing line for CI ("N passed, N failed, N skipped") from vitest's JSON reports;
// exits 1 when anything was skipped.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of ['.cache/test-results/unit.json', '.cache/test-results/abuse.json', '.cache/test-results/e2e.json']) {
  if (!existsSync(file)) {
    console.log(`(no results in ${file})`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
// In CI a skipped test is a failure: it hides a check that never ran (docs/TESTING.md).
if (skipped > 0) {
  console.log('FAILED: tests were skipped; CI must run every test (install the missing tool in .ci/run).');
  process.exitCode = 1;
}
