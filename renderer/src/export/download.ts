// Saves bytes or a Blob as a download (a temporary object URL on an <a download>). In Electron the
// shell's download handler receives it like any other download.
import type { ExportedFile } from '../../../src-shared/api/result-types';

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; the URL is tiny to keep.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** An engine export (exportReport / exportSamples / exportArray) as a download. */
export function saveExportedFile(file: ExportedFile): void {
  saveBlob(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mimeType }), file.fileName);
}
