// Draws the PruneLens app icon — a small layered network with pruned (faint, dashed) and kept
// (bright) connections under a lens — as anti-aliased signed-distance shapes, and writes the
// PNGs electron-builder uses (assets/icons/). Regenerate: npx tsx electron/shell/app-icon.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

export const ICON_SIZES = [512, 256] as const;

type Rgba = [number, number, number, number];
/** A shape in unit coordinates (0..1): signed distance at (x, y), negative inside. */
type Shape = { sdf: (x: number, y: number) => number; color: Rgba | ((x: number, y: number) => Rgba) };

const hex = (value: string, alpha = 1): Rgba => [parseInt(value.slice(1, 3), 16), parseInt(value.slice(3, 5), 16), parseInt(value.slice(5, 7), 16), alpha];

function roundedRect(cx: number, cy: number, half: number, radius: number) {
  return (x: number, y: number) => {
    const qx = Math.abs(x - cx) - half + radius;
    const qy = Math.abs(y - cy) - half + radius;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };
}

const circle = (cx: number, cy: number, r: number) => (x: number, y: number) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx: number, cy: number, r: number, width: number) => (x: number, y: number) => Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;

/** A segment of the given width; with `dash`, only every other `dash`-long piece is drawn. */
function segment(ax: number, ay: number, bx: number, by: number, width: number, dash = 0) {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const length = Math.sqrt(length2);
  return (x: number, y: number) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length2));
    const d = Math.hypot(x - ax - t * dx, y - ay - t * dy) - width / 2;
    if (!dash) return d;
    const along = (t * length) % (2 * dash);
    return Math.max(d, along < dash ? -1 : Math.min(along - dash, 2 * dash - along));
  };
}

/** Layers of the network (x, node ys) and which connections survive pruning. */
const layers = [
  { x: 0.25, ys: [0.3, 0.43, 0.57, 0.7] },
  { x: 0.45, ys: [0.24, 0.38, 0.5, 0.62, 0.76] },
  { x: 0.65, ys: [0.37, 0.5, 0.63] },
];
const prunedNode = { layer: 1, index: 3 };
const kept = (layer: number, i: number, j: number) => (i * 7 + j * 3 + layer * 5) % 5 < 2;

function iconShapes(): Shape[] {
  const shapes: Shape[] = [];
  const background = roundedRect(0.5, 0.5, 0.46, 0.1);
  shapes.push({ sdf: background, color: (x, y) => { const t = (x + y) / 2; return [Math.round(17 + 14 * t), Math.round(24 + 17 * t), Math.round(39 + 20 * t), 1]; } });
  for (let l = 0; l + 1 < layers.length; l++) {
    layers[l].ys.forEach((ya, i) =>
      layers[l + 1].ys.forEach((yb, j) => {
        const touchesPruned = (l === prunedNode.layer && i === prunedNode.index) || (l + 1 === prunedNode.layer && j === prunedNode.index);
        const survives = !touchesPruned && kept(l, i, j);
        shapes.push(
          survives
            ? { sdf: segment(layers[l].x, ya, layers[l + 1].x, yb, 0.014), color: hex('#2dd4bf', 0.9) }
            : { sdf: segment(layers[l].x, ya, layers[l + 1].x, yb, 0.006, 0.016), color: hex('#64748b', 0.45) },
        );
      }),
    );
  }
  layers.forEach((layer, l) =>
    layer.ys.forEach((y, i) => {
      if (l === prunedNode.layer && i === prunedNode.index) shapes.push({ sdf: ring(layer.x, y, 0.03, 0.012), color: hex('#94a3b8') });
      else {
        shapes.push({ sdf: circle(layer.x, y, 0.034), color: hex('#2dd4bf') });
        shapes.push({ sdf: circle(layer.x, y, 0.022), color: hex('#e2e8f0') });
      }
    }),
  );
  // The lens over the output side, and its handle.
  shapes.push({ sdf: circle(0.62, 0.5, 0.2), color: hex('#f8fafc', 0.07) });
  shapes.push({ sdf: ring(0.62, 0.5, 0.2, 0.032), color: hex('#f59e0b') });
  shapes.push({ sdf: segment(0.765, 0.645, 0.86, 0.74, 0.06), color: hex('#f59e0b') });
  // Everything stays inside the rounded square.
  return shapes.map((shape, i) => (i === 0 ? shape : { ...shape, sdf: (x, y) => Math.max(shape.sdf(x, y), background(x, y)) }));
}

export function renderIcon(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const shapes = iconShapes();
  const pixel = 1 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) * pixel;
      const y = (py + 0.5) * pixel;
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const shape of shapes) {
        const coverage = Math.max(0, Math.min(1, 0.5 - shape.sdf(x, y) / pixel));
        if (coverage === 0) continue;
        const [cr, cg, cb, ca] = typeof shape.color === 'function' ? shape.color(x, y) : shape.color;
        const alpha = coverage * ca;
        const outA = alpha + a * (1 - alpha);
        r = (cr * alpha + r * a * (1 - alpha)) / outA;
        g = (cg * alpha + g * a * (1 - alpha)) / outA;
        b = (cb * alpha + b * a * (1 - alpha)) / outA;
        a = outA;
      }
      const o = (py * size + px) * 4;
      png.data[o] = Math.round(r);
      png.data[o + 1] = Math.round(g);
      png.data[o + 2] = Math.round(b);
      png.data[o + 3] = Math.round(a * 255);
    }
  }
  return PNG.sync.write(png);
}

export const iconFile = (size: number) => path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'assets', 'icons', `${size}x${size}.png`);

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const size of ICON_SIZES) {
    writeFileSync(iconFile(size), renderIcon(size));
    console.log(`wrote ${iconFile(size)}`);
  }
}
