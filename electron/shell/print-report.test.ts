// Desktop PDF export: the engine's HTML printed by a hidden, script-less window.
import { describe, expect, it, vi } from 'vitest';
import { createReportExporter } from './print-report';

function fakeWindowClass() {
  const created: { options: unknown; url?: string; destroyed: boolean }[] = [];
  class FakeWindow {
    record: (typeof created)[number];
    webContents = { printToPDF: vi.fn(async () => Buffer.from('%PDF-1.7 fake')) };
    constructor(options: unknown) {
      this.record = { options, destroyed: false };
      created.push(this.record);
    }
    async loadURL(url: string) {
      this.record.url = url;
    }
    destroy() {
      this.record.destroyed = true;
    }
  }
  return { FakeWindow, created };
}

const html = { fileName: 'zoo-report.html', mimeType: 'text/html', bytes: new TextEncoder().encode('<h1>Report</h1>') };

describe('report export in the desktop app', () => {
  it('prints the engine\'s HTML to PDF in a hidden window without scripts, then closes it', async () => {
    const { FakeWindow, created } = fakeWindowClass();
    const call = vi.fn(async () => ({ kind: 'result' as const, id: 1, value: html }));
    const exportReport = createReportExporter(call, FakeWindow as never);
    const pdf = await exportReport({ path: '/b', format: 'pdf' });
    expect(call).toHaveBeenCalledWith('exportReport', { path: '/b', format: 'html' });
    expect(pdf).toMatchObject({ fileName: 'zoo-report.pdf', mimeType: 'application/pdf' });
    expect(new TextDecoder().decode(pdf.bytes)).toMatch(/^%PDF/);
    expect(created).toHaveLength(1);
    expect(created[0].options).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(Buffer.from(created[0].url!.split(',')[1], 'base64').toString()).toBe('<h1>Report</h1>');
    expect(created[0].destroyed).toBe(true);
  });

  it('returns the HTML as is, and passes engine errors on', async () => {
    const { FakeWindow, created } = fakeWindowClass();
    expect(await createReportExporter(async () => ({ kind: 'result', id: 1, value: html }), FakeWindow as never)({ path: '/b', format: 'html' })).toBe(html);
    expect(created).toHaveLength(0);
    const failing = createReportExporter(async () => ({ kind: 'error', id: 1, error: { code: 'unavailable', message: 'not computed yet' } }), FakeWindow as never);
    await expect(failing({ path: '/b', format: 'pdf' })).rejects.toMatchObject({ code: 'unavailable', message: 'not computed yet' });
  });
});
