// Deliberately cyclic fixture for tools/lint/import-cycles.test.ts (a → b → a).
import { b } from './cycle-b';
export const a = (): number => b() + 1;
