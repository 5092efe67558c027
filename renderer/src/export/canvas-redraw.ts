// Canvases that can draw a frame on demand, for the PNG export: a WebGL canvas's drawing buffer
// is cleared once shown (no preserveDrawingBuffer, which costs speed), so the 3-D view registers
// its renderer's renderNow here and the export calls it right before reading the pixels.

const redraws = new WeakMap<HTMLCanvasElement, () => void>();

/** Registers `draw` (synchronous) for `canvas`; returns the unregister function. */
export function registerRedraw(canvas: HTMLCanvasElement, draw: () => void): () => void {
  redraws.set(canvas, draw);
  return () => {
    if (redraws.get(canvas) === draw) redraws.delete(canvas);
  };
}

/** Draws a frame on `canvas` now if it registered a way to (view-png's `renderNow`). */
export function redrawCanvas(canvas: HTMLCanvasElement): void {
  redraws.get(canvas)?.();
}
