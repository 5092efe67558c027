// A small "PNG" button a view puts in its toolbar: exports the view's element (a canvas, an SVG, or
// the container of both) at 2× via view-png.ts.
import { useState } from 'react';
import type { RefObject } from 'react';
import type { ViewPngOptions } from './view-png';
import { exportViewPng } from './view-png';

export interface ExportPngButtonProps {
  target: RefObject<Element | null>;
  /** Suggested file name, e.g. `similarity-fashion-mnist`. */
  fileName: string;
  options?: ViewPngOptions;
  label?: string;
}

export function ExportPngButton({ target, fileName, options, label = 'PNG' }: ExportPngButtonProps) {
  const [state, setState] = useState<'idle' | 'busy' | 'error'>('idle');
  const [message, setMessage] = useState('');
  const onClick = async () => {
    if (!target.current) return;
    setState('busy');
    try {
      await exportViewPng(target.current, fileName, options);
      setState('idle');
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
      setState('error');
    }
  };
  return (
    <button type="button" className="secondary export-png" data-export="view-png" data-png-ignore="" disabled={state === 'busy'} title={state === 'error' ? message : 'Save this view as PNG (2×)'} onClick={onClick}>
      {state === 'busy' ? 'Saving…' : state === 'error' ? `${label} failed` : label}
    </button>
  );
}
