// A sample image drawn 1:1 into a canvas and upscaled by CSS with crisp pixels.
import { useEffect, useRef } from 'react';
import { toRgba } from './sample-model';
import { context2d } from '../../components/canvas-utils';

export function ImageCanvas({ data, width, height, channels, scale = 4, label }: { data: Uint8Array; width: number; height: number; channels: number; scale?: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    canvas.width = width;
    canvas.height = height;
    context2d(canvas)?.putImageData(new ImageData(toRgba(data, width, height, channels), width, height), 0, 0);
  }, [data, width, height, channels]);
  return (
    <figure className="sample-image">
      <canvas ref={ref} className="pixelated" style={{ width: width * scale, height: height * scale }} aria-label={label} role="img" />
      <figcaption>{label}</figcaption>
    </figure>
  );
}
