// A sample image as an <img> of an in-memory BMP, upscaled by CSS with crisp pixels.
import { useEffect, useMemo } from 'react';
import { encodeBmp } from './image-bmp';

export function SampleImage({ data, width, height, channels, scale = 4, label }: { data: Uint8Array; width: number; height: number; channels: number; scale?: number; label: string }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([encodeBmp(data, width, height, channels)], { type: 'image/bmp' })), [data, width, height, channels]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <figure className="sample-image">
      <img src={url} className="pixelated" width={width * scale} height={height * scale} alt={label} data-natural-width={width} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}
