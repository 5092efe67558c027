// No import cycles anywhere in the product (src-shared, renderer, electron, tools, e2e): the whole
// import graph is built with the TypeScript pre-processor and must have no strongly connected
// component. The fixtures prove the check fails on a cycle, even one closed by a type-only import.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, listSources } from './import-graph';

const root = path.resolve(import.meta.dirname, '..', '..');
const rel = (cycle: string[]): string[] => cycle.map((f) => path.relative(root, f));

describe('import cycles (docs/ARCHITECTURE.md)', () => {
  it('finds none in the product', () => {
    const files = ['src-shared', 'renderer', 'electron', 'tools', 'e2e'].flatMap((dir) => listSources(path.join(root, dir)));
    expect(files.length).toBeGreaterThan(200);
    expect(findCycles(importGraph(files)).map(rel)).toEqual([]);
  });

  it('fails on the deliberately cyclic fixture (closed by a type-only import)', () => {
    const files = listSources(path.join(root, 'tools/lint/cycle-fixtures'));
    // Walking from the root skips fixtures folders; listing the folder itself finds them.
    expect(files.length).toBe(2);
    expect(findCycles(importGraph(files)).map(rel)).toEqual([['tools/lint/cycle-fixtures/cycle-a.ts', 'tools/lint/cycle-fixtures/cycle-b.ts']]);
  });

  it('finds longer cycles and self-imports in a synthetic graph, and no cycle in a DAG', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['d']], ['e', ['a']]]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(findCycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });

});
