// Exports a view as PNG at 2× its CSS size (or `scale`). Takes a <canvas>, an <svg>, or a view's
// container, whose visible canvases, SVGs and images are composited in DOM order at their
// on-screen positions (with `html`, also HTML backgrounds and text: html-layer.ts).
//
// What views must do:
// - 2-D canvases: nothing. They are resampled to the target size; for a crisp 2× on a 1× screen,
//   pass `renderNow` to redraw at a higher pixel ratio first (the canvas must keep its CSS size).
// - WebGL canvases: the drawing buffer is cleared after it is shown unless the context was made
//   with `preserveDrawingBuffer: true`. Either create it so (costs some speed), or pass
//   `renderNow`, which must draw a frame synchronously; the canvas is read in the same task.
// - SVG: styles from stylesheets and CSS variables are resolved and inlined on a copy, so class
//   and theme styling survive. Images inside the SVG must be data URIs (no external fetches).
import { saveBlob } from './download';
import { drawHtmlBackgrounds, drawHtmlText } from './html-layer';

export interface ViewPngOptions {
  /** Output pixels per CSS pixel (default 2). */
  scale?: number;
  /** Fill behind transparent pixels; default the element's computed background, else white. null keeps transparency. */
  background?: string | null;
  /** Called with each canvas right before it is read (WebGL: draw a frame synchronously). */
  renderNow?: (canvas: HTMLCanvasElement) => void;
  /** Also draw HTML backgrounds (under the other layers) and text (over them): tables, labels. */
  html?: boolean;
}

const svgStyleProperties = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'visibility', 'display',
] as const;

/** A standalone copy of an SVG with every computed style inlined (stylesheets and CSS variables resolved). */
export function inlineSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const target = [copy, ...Array.from(copy.querySelectorAll('*'))];
  source.forEach((element, i) => {
    const computed = getComputedStyle(element);
    const style = svgStyleProperties.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
    (target[i] as SVGElement).setAttribute('style', style);
  });
  const rect = svg.getBoundingClientRect();
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(rect.width));
  copy.setAttribute('height', String(rect.height));
  return new XMLSerializer().serializeToString(copy);
}

async function svgImage(svg: SVGSVGElement): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([inlineSvg(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}

type Layer = HTMLCanvasElement | SVGSVGElement | HTMLImageElement;

function layers(element: Element): Layer[] {
  if (element instanceof HTMLCanvasElement || element instanceof SVGSVGElement || element instanceof HTMLImageElement) return [element];
  // Outermost SVGs only (nested ones are drawn with their parent), visible ones only.
  return Array.from(element.querySelectorAll('canvas, svg, img')).filter(
    (e): e is Layer =>
      (e instanceof HTMLCanvasElement || e instanceof HTMLImageElement || (e instanceof SVGSVGElement && !e.parentElement?.closest('svg'))) &&
      e.getClientRects().length > 0 &&
      getComputedStyle(e).visibility !== 'hidden',
  );
}

/** An <img> ready to draw (its pixels decoded). */
async function decoded(image: HTMLImageElement): Promise<HTMLImageElement> {
  await image.decode();
  return image;
}

function backgroundOf(element: Element): string {
  for (let e: Element | null = element; e; e = e.parentElement) {
    const color = getComputedStyle(e).backgroundColor;
    if (color && color !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(color)) return color;
  }
  return '#fff';
}

/** Renders the element to a PNG Blob. */
export async function viewToPng(element: Element, options: ViewPngOptions = {}): Promise<Blob> {
  const scale = options.scale ?? 2;
  const box = element.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) throw new Error('The view has no size (is it hidden?).');
  const out = document.createElement('canvas');
  out.width = Math.round(box.width * scale);
  out.height = Math.round(box.height * scale);
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('No 2-D canvas context for the PNG export.');
  const background = options.background === undefined ? backgroundOf(element) : options.background;
  if (background) {
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, out.width, out.height);
  }
  const frame = { left: box.left, top: box.top, scale };
  if (options.html) drawHtmlBackgrounds(ctx, element, frame);
  const parts = layers(element);
  // SVGs and images decode asynchronously: load them first, so canvases are read right after renderNow.
  const images = await Promise.all(parts.map((p) => (p instanceof SVGSVGElement ? svgImage(p) : p instanceof HTMLImageElement ? decoded(p) : null)));
  parts.forEach((part, i) => {
    const r = part.getBoundingClientRect();
    const [x, y, w, h] = [(r.left - box.left) * scale, (r.top - box.top) * scale, r.width * scale, r.height * scale];
    // Pixel-art layers (sample images) stay crisp when scaled up.
    ctx.imageSmoothingEnabled = getComputedStyle(part).imageRendering !== 'pixelated';
    if (part instanceof HTMLCanvasElement) {
      options.renderNow?.(part);
      ctx.drawImage(part, x, y, w, h);
    } else ctx.drawImage(images[i]!, x, y, w, h);
  });
  ctx.imageSmoothingEnabled = true;
  if (options.html) drawHtmlText(ctx, element, frame);
  return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed.'))), 'image/png'));
}

/** Renders the element and downloads it as `fileName` (".png" added when missing). */
export async function exportViewPng(element: Element, fileName: string, options: ViewPngOptions = {}): Promise<void> {
  saveBlob(await viewToPng(element, options), fileName.toLowerCase().endsWith('.png') ? fileName : `${fileName}.png`);
}
