// Deliberately cyclic fixture for tools/lint/import-cycles.test.ts: a → b statically and lazily.
import { b } from './mixed-b';
export const a = (): number => b() + 1;
export const loadB = () => import('./mixed-b');
