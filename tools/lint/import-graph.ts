// Import graph of the product's .ts/.tsx files and its cycles (Tarjan's strongly connected
// components), for tools/lint/import-cycles.test.ts: an import cycle anywhere fails the tests.
// Imports are read from the TypeScript AST. Static imports and re-exports close a cycle, type-only
// ones too (`import type`, `typeof import('./x')`), since they tie the modules' definitions
// together. A dynamic `import('./x')` call is a lazy edge that does not: it runs after every module
// of the static graph has been evaluated, so it cannot cause the initialisation-order (TDZ,
// undefined-binding) failures that cycles cause; a view registry loading its views this way while
// the views import the state that imports the registry is fine.
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

/** The module specifiers a file names: static (imports, re-exports, type imports) and dynamic `import()` calls. */
export function moduleSpecifiers(file: string, text: string): { static: string[]; dynamic: string[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found = { static: [] as string[], dynamic: [] as string[] };
  const literal = (node: ts.Node | undefined): string | undefined => (node && ts.isStringLiteralLike(node) ? node.text : undefined);
  const visit = (node: ts.Node): void => {
    let spec: string | undefined;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) spec = literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) spec = literal(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) spec = literal(node.argument.literal);
    if (spec !== undefined) found.static.push(spec);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const dynamic = literal(node.arguments[0]);
      if (dynamic !== undefined) found.dynamic.push(dynamic);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * file → the project files it imports statically (relative specifiers only; packages are leaves).
 * Dynamic `import()` edges are left out: they are lazy and cannot close a cycle (see the header).
 */
export function importGraph(files: string[], read: (file: string) => string = (f) => readFileSync(f, 'utf8')): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = moduleSpecifiers(file, read(file)).static.map((spec) => resolveRelative(file, spec)).filter((t): t is string => t !== undefined);
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
