// Closing a session closes the clean images' file: the .npy source reads rows on demand through a
// file handle, and one left open is closed by Node on garbage collection with a warning (seen on
// every reopen before). The open descriptors are read from /proc/self/fd.
import { readdirSync, readlinkSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { openBundleStore, readManifest } from '../bundle/bundle-loader';
import { BundleSession } from './bundle-session';

const bundle = writeImageFixtureBundle({ count: 30 });
const images = path.join(bundle, 'data', 'images.npy');

/** How many of this process's descriptors point at `file`. */
function openDescriptors(file: string): number {
  const dir = '/proc/self/fd';
  return readdirSync(dir).filter((fd) => {
    try {
      return readlinkSync(path.join(dir, fd)) === file;
    } catch {
      return false; // closed since the listing
    }
  }).length;
}

afterAll(() => rmSync(bundle, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux')('closing a bundle session', () => {
  it('closes the clean source’s file handle', async () => {
    const store = await openBundleStore(bundle);
    const session = new BundleSession(store.root, store, await readManifest(store), {} as never);
    const source = await session.cleanSource();
    expect(source.count).toBe(30);
    expect(openDescriptors(images)).toBe(1); // the header was read through it
    await session.close();
    expect(openDescriptors(images)).toBe(0);
  });

  it('closes nothing twice and survives a clean source that failed to open', async () => {
    const store = await openBundleStore(bundle);
    const manifest = await readManifest(store);
    const broken = new BundleSession(store.root, store, { ...manifest, data: { ...manifest.data, clean: { ...manifest.data.clean, images: 'data/missing.npy' } } }, {} as never);
    await expect(broken.cleanSource()).rejects.toThrow(/not found/);
    await expect(broken.close()).resolves.toBeUndefined();
    await expect(broken.close()).resolves.toBeUndefined();
  });
});
