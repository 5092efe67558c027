// The New bundle… wizard's write path over the WebSocket: saveBundle writes only into a folder
// scanned (draftBundle) in this session, and replaces an existing bundle.json only with
// `overwrite: true` (which the UI sends after a confirm dialog).
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFixtureBundle } from '../../tools/testing/fixture-bundle';
import { useConfinedServer } from './testing/confined-server';

const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'prunelens-save-')));
const server = useConfinedServer(root, 'save-bundle-token-0123456789');

describe('saveBundle over serve', () => {
  it('refuses a folder the wizard did not scan in this session', async () => {
    const existing = writeFixtureBundle({ dir: path.join(root, 'existing') });
    const before = readFileSync(path.join(existing, 'bundle.json'), 'utf8');
    const manifest = JSON.parse(before);
    const response = await server.call('saveBundle', { path: existing, manifest: { ...manifest, name: 'Hijacked' }, overwrite: true });
    expect(response).toMatchObject({ kind: 'error', error: { code: 'bad-request', message: expect.stringMatching(/Scan .* before saving/) } });
    expect(readFileSync(path.join(existing, 'bundle.json'), 'utf8')).toBe(before);
  });

  it('writes a new bundle folder; replaces an existing bundle.json only with overwrite', async () => {
    const folder = writeFixtureBundle({ dir: path.join(root, 'fresh') });
    rmSync(path.join(folder, 'bundle.json'));
    const draft = await server.call('draftBundle', { path: folder });
    expect(draft).toMatchObject({ kind: 'result', value: { exists: false } });
    const manifest = (draft as { value: { manifest: Record<string, unknown> } }).value.manifest;
    expect(await server.call('saveBundle', { path: folder, manifest: { ...manifest, name: 'First' } })).toMatchObject({ kind: 'result', value: { name: 'First' } });
    const again = await server.call('saveBundle', { path: folder, manifest: { ...manifest, name: 'Second' } });
    expect(again).toMatchObject({ kind: 'error', error: { code: 'bad-request', message: expect.stringMatching(/already exists; confirm to replace it/) } });
    expect(JSON.parse(readFileSync(path.join(folder, 'bundle.json'), 'utf8')).name).toBe('First');
    expect(await server.call('saveBundle', { path: folder, manifest: { ...manifest, name: 'Second' }, overwrite: true })).toMatchObject({ kind: 'result', value: { name: 'Second' } });
  });
});
