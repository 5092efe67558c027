// Fixture for tools/lint/import-cycles.test.ts: closes a → b → a only with a lazy import() edge,
// which runs after both modules are evaluated, so it is not a cycle.
export const b = (): number => 1;
export const loadA = () => import('./lazy-a');
