// The report as a file: collect, build the HTML, and print it to PDF when asked.
import type { PruneLensApi } from '../../../../src-shared/api/contract';
import type { ExportedFile } from '../../../../src-shared/api/result-types';
import { slug } from './format';
import { renderPdf } from './pdf';
import { collectReportData } from './report-data';
import type { ReportOptions } from './report-data';
import { buildReportHtml } from './report-html';

export async function exportReportFile(api: PruneLensApi, bundlePath: string, format: 'html' | 'pdf', options: ReportOptions = {}): Promise<ExportedFile> {
  const data = await collectReportData(api, bundlePath, options);
  const html = buildReportHtml(data);
  const base = `${slug(data.bundle.name)}-report`;
  if (format === 'html') return { fileName: `${base}.html`, mimeType: 'text/html', bytes: new TextEncoder().encode(html) };
  const bytes = await renderPdf(html, { footer: `${data.bundle.name} · PruneLens ${data.appVersion} · ${data.createdAt.slice(0, 10)}`, signal: options.signal });
  return { fileName: `${base}.pdf`, mimeType: 'application/pdf', bytes };
}
