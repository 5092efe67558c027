// Desktop PDF reports: the engine (a utilityProcess) builds the self-contained HTML; the shell
// prints it with Chromium's own printToPDF in a hidden, script-less window, so the desktop app
// needs no separate Chromium.
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';
import { PruneLensError } from '../../src-shared/base/errors';
import type { ExportedFile } from '../../src-shared/api/result-types';
import type { RpcResponse } from '../../src-shared/api/rpc';

type WindowCtor = new (options: BrowserWindowConstructorOptions) => Pick<BrowserWindowType, 'loadURL' | 'destroy'> & {
  webContents: Pick<BrowserWindowType['webContents'], 'printToPDF'>;
};

export async function printHtmlToPdf(html: Uint8Array, BrowserWindow: WindowCtor): Promise<Uint8Array> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
    return new Uint8Array(await window.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true }));
  } finally {
    window.destroy();
  }
}

export function createReportExporter(call: (method: 'exportReport', input: unknown) => Promise<RpcResponse>, BrowserWindow: WindowCtor) {
  return async ({ path, format }: { path: string; format: 'html' | 'pdf' }): Promise<ExportedFile> => {
    const response = await call('exportReport', { path, format: 'html' });
    if (response.kind === 'error') throw PruneLensError.fromPayload(response.error);
    const html = response.value as ExportedFile;
    if (format === 'html') return html;
    return { fileName: html.fileName.replace(/\.html?$/i, '') + '.pdf', mimeType: 'application/pdf', bytes: await printHtmlToPdf(html.bytes, BrowserWindow) };
  };
}
