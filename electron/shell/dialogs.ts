// Native dialogs. Linux and Windows cannot pick files and folders in one dialog, so bundles
// (folders) and bundle files (bundle.json, .plbundle archives) have one each.
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';

export const bundleFileFilters = [
  { name: 'PruneLens bundles', extensions: ['plbundle', 'json', 'zip'] },
  { name: 'All files', extensions: ['*'] },
];

async function pick(dialog: Pick<Dialog, 'showOpenDialog'>, window: BrowserWindow | null, options: OpenDialogOptions): Promise<string | null> {
  const result = await (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

export function chooseBundleFolder(dialog: Pick<Dialog, 'showOpenDialog'>, window: BrowserWindow | null): Promise<string | null> {
  return pick(dialog, window, { title: 'Open bundle folder', buttonLabel: 'Open Bundle', properties: ['openDirectory'] });
}

export function chooseBundleFile(dialog: Pick<Dialog, 'showOpenDialog'>, window: BrowserWindow | null): Promise<string | null> {
  return pick(dialog, window, { title: 'Open bundle file', buttonLabel: 'Open Bundle', properties: ['openFile'], filters: bundleFileFilters });
}

export function chooseCacheFolder(dialog: Pick<Dialog, 'showOpenDialog'>, window: BrowserWindow | null, current: string | null): Promise<string | null> {
  return pick(dialog, window, {
    title: 'Cache folder for extracted features',
    buttonLabel: 'Use This Folder',
    properties: ['openDirectory', 'createDirectory'],
    ...(current ? { defaultPath: current } : {}),
  });
}

/** Asks whether to restart the engine now for a setting that takes effect at its next start. */
export async function confirmEngineRestart(dialog: Pick<Dialog, 'showMessageBox'>, window: BrowserWindow | null, what: string): Promise<boolean> {
  const options = {
    type: 'question' as const,
    title: 'Restart the engine?',
    message: `${what} takes effect when the engine restarts.`,
    detail: 'Restarting stops running analyses; finished results stay cached and are reused when you start the analysis again.',
    buttons: ['Restart Now', 'Later'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
  const { response } = await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  return response === 0;
}
