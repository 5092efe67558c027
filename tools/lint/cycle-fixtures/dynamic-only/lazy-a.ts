// Fixture for tools/lint/import-cycles.test.ts: a → b statically, b → a only through a dynamic
// import() (as the view registry loads the views that import state/, which imports the registry).
import { b } from './lazy-b';
export const a = (): number => b() + 1;
