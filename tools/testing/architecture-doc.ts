// The doc-honesty tests' view of docs/ARCHITECTURE.md: one walk-through section by its heading,
// and which of the source files it names (in backticks) exist, looked up from the repository root
// and from the folders a section abbreviates its paths against.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/** From `heading` to the next level-2 heading; throws when the heading is missing. */
export function architectureSection(heading: string): string {
  const doc = readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');
  const start = doc.indexOf(heading);
  if (start < 0) throw new Error(`docs/ARCHITECTURE.md has no '${heading}'`);
  const end = doc.indexOf('\n## ', start + heading.length);
  return doc.slice(start, end < 0 ? undefined : end);
}

/** The .ts/.tsx files a section names (placeholders such as `<name>` left out). */
export function namedSourceFiles(section: string): string[] {
  return [...section.matchAll(/`([\w./-]+\.tsx?)`/g)].map((m) => m[1]).filter((f) => !f.includes('<'));
}

/** The named files found neither at the repository root nor under any of `folders`. */
export function missingFiles(files: readonly string[], folders: readonly string[]): string[] {
  return files.filter((f) => !['', ...folders].some((dir) => existsSync(path.join(root, dir, f))));
}
