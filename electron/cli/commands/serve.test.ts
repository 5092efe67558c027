// `prunelens serve` option handling: which folders a browser may open bundles from, and when a
// token is generated or required.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { allowedRoots, chooseToken, serveCommand } from './serve';

describe('serve: allowed roots', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'prunelens-roots-'));
  const bundles = path.join(base, 'bundles');
  const bundle = path.join(bundles, 'resnet');
  const other = path.join(base, 'other');
  mkdirSync(bundle, { recursive: true });
  mkdirSync(other);

  it('default to the startup bundle\'s folder (its siblings) and the working folder', () => {
    expect(allowedRoots([], bundle, other)).toEqual([bundles, other]);
    expect(allowedRoots([], null, other)).toEqual([other]);
  });

  it('are replaced by --root, relative to the working folder, and always include the startup bundle', () => {
    expect(allowedRoots(['other'], bundle, base)).toEqual([other, bundle]);
    expect(allowedRoots([bundles], bundle, other)).toEqual([bundles]);
    expect(allowedRoots([bundle], bundle, other)).toEqual([bundle]);
  });

  it('refuse / and the home folder as a default root, with how to pass --root; an explicit --root may be either', () => {
    const home = path.join(base, 'home');
    mkdirSync(path.join(home, 'resnet'), { recursive: true });
    expect(() => allowedRoots([], null, '/', home)).toThrow(/anywhere under \/ .*Pass --root DIR/);
    expect(() => allowedRoots([], null, home, home)).toThrow(/the current folder.*--root/);
    expect(() => allowedRoots([], path.join(home, 'resnet'), other, home)).toThrow(/the bundle's parent folder.*--root/);
    expect(allowedRoots(['/'], null, '/', home)).toEqual(['/']);
    expect(allowedRoots([home], path.join(home, 'resnet'), home, home)).toEqual([home]);
  });

  it('must be existing folders', () => {
    expect(() => allowedRoots([path.join(base, 'missing')], null, base)).toThrow(/--root .* is not a folder/);
  });
});

describe('serve: token', () => {
  it('is not needed on loopback, generated elsewhere, and validated when given', () => {
    expect(chooseToken(undefined, '127.0.0.1')).toBeNull();
    expect(chooseToken(undefined, 'localhost')).toBeNull();
    expect(chooseToken(undefined, '::1')).toBeNull();
    expect(chooseToken(undefined, '0.0.0.0')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(chooseToken(undefined, '192.168.1.20')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(chooseToken('my-long-token-0123456789', '127.0.0.1')).toBe('my-long-token-0123456789');
    expect(() => chooseToken('short', '0.0.0.0')).toThrow(/16–256 characters/);
    expect(() => chooseToken('has spaces in it, not allowed', '0.0.0.0')).toThrow(/--token/);
  });
});

describe('serve: host', () => {
  it("refuses --host '' (it would bind every interface and print an unusable http://:port/)", async () => {
    const stdout = new Writable({ write: (_chunk, _encoding, done) => done() });
    const run = serveCommand.run({ positionals: [], values: { host: '', port: '0' }, stdout, stderr: stdout, signal: new AbortController().signal });
    await expect(run).rejects.toMatchObject({ code: 'bad-request', message: /--host needs an address/ });
  });
});
