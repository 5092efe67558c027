// Serve mode's file confinement: a remote browser may open bundles only under the allowed roots.
// `confineEngine` wraps the engine so that every path-like input (`path`, `dir`, `file`, `…Path`,
// `…Dir`, `…File`) is checked before the engine sees it: no `..` segments, no NUL, inside a root
// lexically AND after resolving symlinks (the engine then receives the resolved path, so a
// symlink swapped after the check cannot redirect it).
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { apiMethodNames } from '../../src-shared/api/contract';
import { PruneLensError } from '../../src-shared/base/errors';
import { isRecord } from '../../src-shared/api/rpc';
import type { CallContext } from '../../src-shared/api/rpc';
import type { Engine } from '../engine/engine';

/** Input keys that name files or folders. Every other string input is an id or a label. */
export const PATH_INPUT_KEY = /^(path|dir|file)$|(Path|Dir|File)$/;

export interface PathConfinement {
  /** The allowed roots, symlinks resolved. */
  readonly roots: readonly string[];
  /** The resolved path when `input` lies under a root; throws PruneLensError('forbidden') otherwise. */
  check(input: string): Promise<string>;
}

const within = (candidate: string, root: string) => candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/** realpath of the deepest existing ancestor, with the missing tail appended (a path yet to exist). */
async function realpathAllowMissing(absolute: string): Promise<string> {
  try {
    return await realpath(absolute);
  } catch (error) {
    const parent = path.dirname(absolute);
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === absolute) throw error;
    return path.join(await realpathAllowMissing(parent), path.basename(absolute));
  }
}

export async function createPathConfinement(roots: string[], cwd = process.cwd()): Promise<PathConfinement> {
  if (roots.length === 0) throw new PruneLensError('bad-request', 'At least one root folder is needed.');
  const given = roots.map((root) => path.resolve(cwd, root));
  const real = await Promise.all(
    given.map((root) =>
      realpath(root).catch(() => {
        throw new PruneLensError('not-found', `Root folder not found: ${root}`, { file: root });
      }),
    ),
  );
  const forbidden = (input: string, why: string) =>
    new PruneLensError('forbidden', `'${input}' ${why}. This server opens bundles only under: ${real.join(', ')} (start it with --root to allow another folder).`, { file: input });

  return {
    roots: real,
    async check(input) {
      if (input.includes('\0')) throw forbidden(input.replace(/\0/g, '\\0'), 'contains a NUL character');
      if (input.split(/[\\/]+/).includes('..')) throw forbidden(input, 'contains ".."');
      const absolute = path.resolve(cwd, input);
      // Lexically inside a root as given or as resolved (a root may itself sit under a symlink).
      if (![...given, ...real].some((root) => within(absolute, root))) throw forbidden(input, 'is outside the allowed folders');
      let resolved: string;
      try {
        resolved = await realpathAllowMissing(absolute);
      } catch {
        throw forbidden(input, 'cannot be resolved');
      }
      if (!real.some((root) => within(resolved, root))) throw forbidden(input, 'leads outside the allowed folders (symbolic link)');
      return resolved;
    },
  };
}

/** Checks (and resolves) every path-like string field of a call's input. */
export async function confineInput(input: unknown, confinement: PathConfinement): Promise<unknown> {
  if (!isRecord(input)) return input;
  const out: Record<string, unknown> = { ...input };
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === 'string' && PATH_INPUT_KEY.test(key)) out[key] = await confinement.check(value);
  }
  return out;
}

/** The engine as a remote client may use it: same API, paths confined. */
export function confineEngine(engine: Engine, confinement: PathConfinement): Engine {
  const confined: Record<string, unknown> = {
    subscribe: engine.subscribe.bind(engine),
    dispose: engine.dispose.bind(engine),
  };
  for (const method of apiMethodNames) {
    confined[method] = async (input: unknown, context?: CallContext) => {
      const handler = (engine as unknown as Record<string, ((input: unknown, context?: CallContext) => Promise<unknown>) | undefined>)[method];
      if (typeof handler !== 'function') throw new PruneLensError('unavailable', `This engine does not implement ${method}.`);
      return handler.call(engine, await confineInput(input, confinement), context);
    };
  }
  return confined as unknown as Engine;
}
