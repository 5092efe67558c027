// Files below a folder whose names end with `suffix`, sorted; none when the folder does not exist yet.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export function filesBelow(dir: string, suffix: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(d, entry.name));
      else if (entry.name.endsWith(suffix)) out.push(path.join(d, entry.name));
    }
  };
  try {
    walk(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return out.sort();
}
