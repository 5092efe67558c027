// A bundle folder's files must stay inside it, also through symbolic links.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderStore } from './bundle-archive-store';

describe('folder store confinement', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'prunelens-store-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'prunelens-outside-'));
  writeFileSync(path.join(outside, 'secret.onnx'), 'secret');
  mkdirSync(path.join(outside, 'dir'));
  mkdirSync(path.join(root, 'models'));
  writeFileSync(path.join(root, 'models', 'real.onnx'), 'real');
  symlinkSync(path.join(outside, 'secret.onnx'), path.join(root, 'models', 'escape.onnx'));
  symlinkSync(path.join(root, 'models', 'real.onnx'), path.join(root, 'models', 'alias.onnx'));
  symlinkSync(path.join(outside, 'dir'), path.join(root, 'linked-dir'));
  const store = folderStore(root);

  it('reads files and links that stay inside', async () => {
    expect(new TextDecoder().decode(await store.readFile('models/real.onnx', 'Model'))).toBe('real');
    expect(new TextDecoder().decode(await store.readFile('models/alias.onnx', 'Model'))).toBe('real');
  });

  it('refuses "..", and symbolic links that lead outside', async () => {
    await expect(store.readFile('../x.onnx', 'Model')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(store.readFile('models/escape.onnx', 'Model')).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/symbolic link/) });
    await expect(store.open('models/escape.onnx', 'Model')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(store.list('linked-dir')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('still reports a missing file as not found', async () => {
    await expect(store.readFile('models/none.onnx', 'Model')).rejects.toMatchObject({ code: 'not-found' });
  });
});
