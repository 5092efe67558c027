// The HTML part of a view for its PNG: element backgrounds and borders (table cell colours,
// label chips, warning boxes) drawn under the canvases and SVGs, and text drawn over them, each
// at its on-screen position. Left-to-right linear gradients (legend ramps) are drawn; other
// background images, rounded corners, shadows and form controls' inner parts are not. Elements
// marked `data-png-ignore` (the export buttons) are left out with their subtree.
import { horizontalGradientStops } from './css-gradient';

type Ctx = CanvasRenderingContext2D;
interface Frame {
  left: number;
  top: number;
  scale: number;
}

function transparent(color: string): boolean {
  return !color || color === 'transparent' || /rgba\(.*,\s*0\)$/.test(color) || / \/ 0\)$/.test(color);
}

/** Visible elements under `root` that are plain HTML (not inside SVGs or canvases), in DOM order. */
function htmlElements(root: Element): HTMLElement[] {
  const out: HTMLElement[] = [];
  const visit = (el: Element) => {
    if (!(el instanceof HTMLElement) || el.hasAttribute('data-png-ignore')) return;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return;
    out.push(el);
    for (const child of el.children) if (!(child instanceof SVGElement) && !(child instanceof HTMLCanvasElement)) visit(child);
  };
  visit(root);
  return out;
}

/** Each visible border side of `el` as a filled strip. */
function drawBorders(ctx: Ctx, el: HTMLElement, style: CSSStyleDeclaration, frame: Frame): void {
  const r = el.getBoundingClientRect();
  const [x, y, w, h] = [(r.left - frame.left) * frame.scale, (r.top - frame.top) * frame.scale, r.width * frame.scale, r.height * frame.scale];
  for (const side of ['Top', 'Right', 'Bottom', 'Left'] as const) {
    const width = parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) * frame.scale;
    const color = style.getPropertyValue(`border-${side.toLowerCase()}-color`);
    if (!(width > 0) || transparent(color) || style.getPropertyValue(`border-${side.toLowerCase()}-style`) === 'none') continue;
    ctx.fillStyle = color;
    if (side === 'Top') ctx.fillRect(x, y, w, width);
    else if (side === 'Bottom') ctx.fillRect(x, y + h - width, w, width);
    else if (side === 'Left') ctx.fillRect(x, y, width, h);
    else ctx.fillRect(x + w - width, y, width, h);
  }
}

/** Backgrounds and borders of the root's descendants (the root's own background fills the whole PNG already). */
export function drawHtmlBackgrounds(ctx: Ctx, root: Element, frame: Frame): void {
  for (const el of htmlElements(root)) {
    if (el === root) continue;
    const style = getComputedStyle(el);
    const color = style.backgroundColor;
    if (!transparent(color)) {
      ctx.fillStyle = color;
      for (const r of el.getClientRects()) ctx.fillRect((r.left - frame.left) * frame.scale, (r.top - frame.top) * frame.scale, r.width * frame.scale, r.height * frame.scale);
    }
    const ramp = style.backgroundImage === 'none' ? null : horizontalGradientStops(style.backgroundImage);
    if (ramp) {
      const r = el.getBoundingClientRect();
      const [x, y, w, h] = [(r.left - frame.left) * frame.scale, (r.top - frame.top) * frame.scale, r.width * frame.scale, r.height * frame.scale];
      const gradient = ctx.createLinearGradient(x, 0, x + w, 0);
      for (const stop of ramp) gradient.addColorStop(stop.offset, stop.color);
      ctx.fillStyle = gradient;
      ctx.fillRect(x, y, w, h);
    }
    drawBorders(ctx, el, style, frame);
  }
}

/** Each line box of a text node with the text on it (a wrapped text node has several). */
function textLines(node: Text, pre: boolean): { text: string; rect: DOMRect }[] {
  const range = document.createRange();
  // Without the leading and trailing white space, whose width the layout may or may not keep.
  const raw = node.data;
  const start = raw.search(/\S/);
  const end = raw.length - /\s*$/.exec(raw)![0].length;
  range.setStart(node, start);
  range.setEnd(node, end);
  const text = pre ? raw.slice(start, end) : raw.slice(start, end).replace(/\s+/g, ' ');
  const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
  if (rects.length <= 1) return rects.map((rect) => ({ text, rect }));
  // Wrapped: place word by word.
  const out: { text: string; rect: DOMRect }[] = [];
  const words = /\S+/g;
  for (let m = words.exec(raw); m; m = words.exec(raw)) {
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    const rect = range.getClientRects()[0];
    if (rect && rect.width > 0) out.push({ text: m[0], rect });
  }
  return out;
}

/** The text of the root and its descendants, in each element's font and colour, clipped to its box. */
export function drawHtmlText(ctx: Ctx, root: Element, frame: Frame): void {
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const el of htmlElements(root)) {
    const style = getComputedStyle(el);
    const texts = Array.from(el.childNodes).filter((n): n is Text => n instanceof Text && n.data.trim() !== '');
    if (texts.length === 0) continue;
    ctx.font = `${style.fontStyle} ${style.fontWeight} ${parseFloat(style.fontSize) * frame.scale}px ${style.fontFamily}`;
    ctx.fillStyle = style.color;
    const pre = style.whiteSpace.startsWith('pre');
    // Ellipsis-clipped labels: keep the text inside the element.
    const box = el.getBoundingClientRect();
    ctx.save();
    ctx.beginPath();
    ctx.rect((box.left - frame.left) * frame.scale, (box.top - frame.top) * frame.scale, box.width * frame.scale, box.height * frame.scale);
    ctx.clip();
    for (const node of texts) {
      for (const line of textLines(node, pre)) {
        ctx.fillText(line.text, (line.rect.left - frame.left) * frame.scale, (line.rect.top + line.rect.height / 2 - frame.top) * frame.scale, line.rect.width * frame.scale + 2);
      }
    }
    ctx.restore();
  }
}
