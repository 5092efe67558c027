// No import cycles anywhere in the product (src-shared, renderer, electron, tools, e2e): the whole
// static import graph is read from the TypeScript AST and must have no strongly connected
// component. The fixtures prove the check fails on a cycle, even one closed by a type-only import
// or one that also has a dynamic edge, and allows a loop closed only by a lazy import().
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, listSources, moduleSpecifiers } from './import-graph';

const root = path.resolve(import.meta.dirname, '..', '..');
const rel = (cycle: string[]): string[] => cycle.map((f) => path.relative(root, f));

describe('import cycles (docs/ARCHITECTURE.md)', () => {
  it('finds none in the product', () => {
    const files = ['src-shared', 'renderer', 'electron', 'tools', 'e2e'].flatMap((dir) => listSources(path.join(root, dir)));
    expect(files.length).toBeGreaterThan(200);
    expect(findCycles(importGraph(files)).map(rel)).toEqual([]);
  });

  const fixtures = (sub: string): string[] => listSources(path.join(root, 'tools/lint/cycle-fixtures', sub)).filter((f) => path.dirname(f) === path.join(root, 'tools/lint/cycle-fixtures', sub));

  it('fails on the deliberately cyclic fixture (closed by a type-only import)', () => {
    const files = fixtures('');
    // Walking from the root skips fixtures folders; listing the folder itself finds them.
    expect(files.length).toBe(2);
    expect(findCycles(importGraph(files)).map(rel)).toEqual([['tools/lint/cycle-fixtures/cycle-a.ts', 'tools/lint/cycle-fixtures/cycle-b.ts']]);
  });

  it('allows a loop closed only by a dynamic import(), and still fails a static cycle that also has dynamic edges', () => {
    const lazy = fixtures('dynamic-only');
    expect(lazy.length).toBe(2);
    expect(findCycles(importGraph(lazy))).toEqual([]);
    const mixed = fixtures('static-and-dynamic');
    expect(mixed.length).toBe(2);
    const dir = 'tools/lint/cycle-fixtures/static-and-dynamic';
    expect(findCycles(importGraph(mixed)).map(rel)).toEqual([[`${dir}/mixed-a.ts`, `${dir}/mixed-b.ts`]]);
    // The whole fixtures folder: the two static cycles, not the lazy loop.
    expect(findCycles(importGraph(listSources(path.join(root, 'tools/lint/cycle-fixtures')))).map(rel)).toEqual([
      ['tools/lint/cycle-fixtures/cycle-a.ts', 'tools/lint/cycle-fixtures/cycle-b.ts'],
      [`${dir}/mixed-a.ts`, `${dir}/mixed-b.ts`],
    ]);
  });

  it('reads imports, re-exports and type imports as static edges and import() calls as dynamic ones', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "export * from './c';",
      "export { d } from './d';",
      "import e = require('./e');",
      "type F = typeof import('./f');",
      "const g = () => import('./g');",
      "const h = async () => (await import('./h')).default;",
      "const name = './i'; const i = () => import(name);",
      "// import { j } from './j'; and import('./k') in a comment",
      "const l = 'import(\"./l\")';",
    ].join('\n');
    expect(moduleSpecifiers('x.ts', text)).toEqual({ static: ['./a', './b', './c', './d', './e', './f'], dynamic: ['./g', './h'] });
    expect(moduleSpecifiers('x.tsx', "import { V } from './v';\nexport const w = <V load={() => import('./w')} />;")).toEqual({ static: ['./v'], dynamic: ['./w'] });
  });

  it('finds longer cycles and self-imports in a synthetic graph, and no cycle in a DAG', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['d']], ['e', ['a']]]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(findCycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });

});
