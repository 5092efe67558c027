// electron-builder cannot run here (it downloads Electron), so its config is validated instead:
// a zod schema for what PruneLens needs (targets, file association, native binaries unpacked,
// the files the build produces, fuses) and checks that every icon exists at its declared size.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const root = path.resolve(import.meta.dirname, '..', '..');
const config = JSON.parse(readFileSync(path.join(root, 'electron-builder.json'), 'utf8')) as Record<string, unknown>;

const withTargets = (...targets: string[]) =>
  z.object({ target: z.array(z.string()).refine((t) => targets.every((x) => t.includes(x)), `targets must include ${targets.join(', ')}`), icon: z.string(), files: z.array(z.string()).optional() });

const configSchema = z.object({
  appId: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/),
  productName: z.literal('PruneLens'),
  extraMetadata: z.object({ main: z.string() }),
  files: z.array(z.string()).min(1),
  asar: z.literal(true),
  asarUnpack: z.array(z.string()).min(1),
  npmRebuild: z.literal(false), // onnxruntime-node ships N-API binaries: nothing to rebuild
  fileAssociations: z.array(z.object({ ext: z.string(), name: z.string(), mimeType: z.string(), role: z.string(), icon: z.string() })).min(1),
  electronFuses: z.object({ runAsNode: z.literal(false), onlyLoadAppFromAsar: z.literal(true), grantFileProtocolExtraPrivileges: z.literal(false), enableNodeCliInspectArguments: z.literal(false) }),
  linux: withTargets('AppImage', 'deb'),
  mac: withTargets('dmg'),
  win: withTargets('nsis'),
});

/** minimatch-style glob (**, *, {a,b}) as a RegExp, enough for electron-builder's patterns. */
function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (glob.startsWith('**/', i)) {
      out += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      out += '.*';
      i += 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '{') out += '(?:';
    else if (c === '}') out += ')';
    else if (c === ',') out += '|';
    else out += c.replace(/[.+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Included by a pattern list: matched by a positive pattern and not by a later `!` one. */
function included(patterns: string[], file: string): boolean {
  let result = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (globToRegExp(pattern.slice(1)).test(file)) result = false;
    } else if (globToRegExp(pattern).test(file) || globToRegExp(`${pattern}/**`).test(file)) result = true;
  }
  return result;
}

function pngSize(file: string): { width: number; height: number } {
  const png = PNG.sync.read(readFileSync(file));
  return { width: png.width, height: png.height };
}

describe('electron-builder.json', () => {
  const parsed = configSchema.safeParse(config);

  it('has the targets, association, unpacking and fuses PruneLens needs', () => {
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('unpacks every onnxruntime-node native binary from the asar', () => {
    const binDir = path.join(root, 'node_modules', 'onnxruntime-node', 'bin');
    const natives = (readdirSync(binDir, { recursive: true }) as string[]).filter((f) => /\.(node|so(\.\d+)*|dylib|dll)$/.test(f));
    expect(natives.length).toBeGreaterThan(3);
    for (const file of natives) {
      const inApp = `node_modules/onnxruntime-node/bin/${file.split(path.sep).join('/')}`;
      expect(included(parsed.data!.asarUnpack, inApp), inApp).toBe(true);
    }
    expect(included(parsed.data!.asarUnpack, 'dist/electron/main.cjs')).toBe(false);
  });

  it('packs the build output, the demo bundle and the window icon; not source maps', () => {
    const { files, extraMetadata } = parsed.data!;
    for (const file of ['package.json', 'dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/electron/engine-host.mjs', 'dist/renderer/index.html', 'dist/renderer/assets/index-abc.js', 'assets/demo/bundle.json', 'assets/icons/512x512.png']) {
      expect(included(files, file), file).toBe(true);
    }
    for (const file of ['dist/electron/main.cjs.map', 'electron/shell/main.ts', 'src-shared/api/contract.ts', 'tools/build-electron.mjs']) expect(included(files, file), file).toBe(false);
    // The entry point is what tools/build-electron.mjs writes, and main.ts finds the icon it packs.
    expect(readFileSync(path.join(root, 'tools', 'build-electron.mjs'), 'utf8')).toContain(`outfile: '${extraMetadata.main}'`);
    expect(readFileSync(path.join(root, 'electron', 'shell', 'main.ts'), 'utf8')).toContain("'assets', 'icons', '512x512.png'");
    expect(existsSync(path.join(root, 'assets', 'demo'))).toBe(true);
  });

  it('never compiles at run time: packs the bundled workers, not the TypeScript compiler (tsx, esbuild)', () => {
    const { files } = parsed.data!;
    for (const file of ['dist/electron/engine-worker.mjs', 'dist/electron/unpack-worker.mjs', 'dist/electron/shard-writer-thread.mjs']) expect(included(files, file), file).toBe(true);
    expect(included(files, 'electron/engine/workers/engine-worker-source.mjs')).toBe(false);
    // electron-builder adds the production dependencies (tsx is one, for the CLI's development mode); the `!` patterns drop it.
    for (const file of ['node_modules/tsx/dist/esm/api/index.mjs', 'node_modules/esbuild/lib/main.js', 'node_modules/@esbuild/linux-x64/bin/esbuild']) expect(included(['**/*', ...files.filter((f) => f.startsWith('!'))], file), file).toBe(false);
    expect(included(['**/*', ...files.filter((f) => f.startsWith('!'))], 'node_modules/onnxruntime-node/dist/index.js')).toBe(true);
  });

  it('keeps each platform\'s own onnxruntime binaries and drops the others', () => {
    const binary = (os: string) => `node_modules/onnxruntime-node/bin/napi-v6/${os}/x64/onnxruntime_binding.node`;
    const platforms = { linux: 'linux', mac: 'darwin', win: 'win32' } as const;
    for (const [key, os] of Object.entries(platforms)) {
      const patterns = ['**/*', ...(parsed.data![key as keyof typeof platforms].files ?? [])];
      for (const other of Object.values(platforms)) expect(included(patterns, binary(other)), `${key}: ${other}`).toBe(other === os);
    }
  });

  it('associates .plbundle files', () => {
    expect(parsed.data!.fileAssociations.map((a) => a.ext)).toContain('plbundle');
  });

  it('points at icons that exist, are PNGs and have the sizes each platform needs', () => {
    const { linux, mac, win, fileAssociations } = parsed.data!;
    const linuxDir = path.join(root, linux.icon);
    for (const size of [256, 512]) expect(pngSize(path.join(linuxDir, `${size}x${size}.png`))).toEqual({ width: size, height: size });
    expect(pngSize(path.join(root, mac.icon)).width).toBeGreaterThanOrEqual(512);
    expect(pngSize(path.join(root, win.icon)).width).toBeGreaterThanOrEqual(256);
    for (const association of fileAssociations) expect(pngSize(path.join(root, association.icon)).width).toBeGreaterThanOrEqual(256);
  });
});
