// A terminal progress bar for job-progress events: redrawn in place on a TTY, one line every few
// seconds otherwise (logs, CI).
import type { ApiEvent } from '../../src-shared/api/contract';

type Progress = Extract<ApiEvent, { type: 'job-progress' }>;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m}m${String(Math.round(seconds % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function progressLine(p: Progress, width = 30): string {
  const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  const filled = Math.round(fraction * width);
  const eta = p.etaSeconds === null ? '' : ` · ETA ${formatDuration(p.etaSeconds)}`;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${p.done}/${p.total} · ${Math.round(p.ratePerSecond)}/s${eta}`;
}

export function createProgressBar(stream: NodeJS.WritableStream & { isTTY?: boolean }, everyMs = 5000) {
  let last = 0;
  let drawn = false;
  return {
    update(p: Progress) {
      if (stream.isTTY) {
        stream.write(`\r${progressLine(p)}\u001b[K`);
        drawn = true;
      } else if (Date.now() - last >= everyMs || p.done === p.total) {
        last = Date.now();
        stream.write(progressLine(p) + '\n');
      }
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
