// Deliberately cyclic fixture for tools/lint/import-cycles.test.ts: b → a statically (a type)
// and lazily; the dynamic edge does not excuse the static cycle.
import type { a } from './mixed-a';
export const b = (): number => 1;
export type A = typeof a;
export const loadA = () => import('./mixed-a');
