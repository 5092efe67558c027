// Import graph of the product's .ts/.tsx files and its cycles (Tarjan's strongly connected
// components), for tools/lint/import-cycles.test.ts: an import cycle anywhere fails the tests.
// Imports are read with the TypeScript compiler's own pre-processor (imports, re-exports, dynamic
// imports); type-only imports count too, since they tie the modules' definitions together.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const sourceExtensions = ['.ts', '.tsx'];
const skippedDirs = new Set(['node_modules', 'dist', '.tsbuild', '.cache', 'fixtures', 'artifacts']);

/** Every .ts/.tsx file under `dir` (tests and declaration files excluded). */
export function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (!skippedDirs.has(entry) && !entry.endsWith('-fixtures') && !entry.startsWith('.')) out.push(...listSources(full));
    } else if (sourceExtensions.some((ext) => entry.endsWith(ext)) && !/\.(test|spec)\.tsx?$|\.d\.ts$/.test(entry)) {
      out.push(full);
    }
  }
  return out;
}

function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  const candidates = [base, ...sourceExtensions.map((ext) => base + ext), ...sourceExtensions.map((ext) => path.join(base, 'index' + ext))];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** file → the project files it imports (relative specifiers only; packages are leaves). */
export function importGraph(files: string[], read: (file: string) => string = (f) => readFileSync(f, 'utf8')): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(read(file), true, true);
    const targets = info.importedFiles.map((ref) => resolveRelative(file, ref.fileName)).filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
