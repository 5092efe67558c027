// Deliberately cyclic fixture for tools/lint/import-cycles.test.ts (b → a through a type).
import type { a } from './cycle-a';
export const b = (): number => 1;
export type A = typeof a;
