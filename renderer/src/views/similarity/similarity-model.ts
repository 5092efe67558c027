// Fits the engine's 2-D model layout (classical MDS) into a drawing area, keeping its aspect ratio;
// the legend's method order and colour slots.

export interface Placed {
  x: number;
  y: number;
}

export function fitLayout(layout: Float32Array, count: number, width: number, height: number, pad: number): Placed[] {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = layout[2 * i];
    const y = layout[2 * i + 1];
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  // One scale for both axes: distances in the picture stay proportional to the layout's.
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const offX = (width - spanX * scale) / 2;
  const offY = (height - spanY * scale) / 2;
  const out: Placed[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ x: offX + (layout[2 * i] - minX) * scale, y: height - (offY + (layout[2 * i + 1] - minY) * scale) });
  }
  return out;
}

/** Row `i` of a row-major M × M matrix, without the diagonal, as (j, value) pairs sorted by value. */
export function neighbours(matrix: Float32Array, m: number, i: number, ascending = true): { j: number; value: number }[] {
  const out: { j: number; value: number }[] = [];
  for (let j = 0; j < m; j++) if (j !== i) out.push({ j, value: matrix[i * m + j] });
  return out.sort((a, b) => (ascending ? a.value - b.value : b.value - a.value));
}

/**
 * The methods in legend order — the dense model's first, then the pruned methods as first seen —
 * and each one's categorical colour slot: the pruned methods take slots 0, 1, … (as the sweep view's
 * lines and the report do, so a method keeps its colour across them); the dense model's method
 * none (drawn neutral), unless a pruned model shares it.
 */
export function methodSlots(models: readonly { role: 'dense' | 'pruned'; method: string }[]): { method: string; slot: number | null }[] {
  const pruned = [...new Set(models.filter((m) => m.role !== 'dense').map((m) => m.method))];
  const dense = [...new Set(models.filter((m) => m.role === 'dense' && !pruned.includes(m.method)).map((m) => m.method))];
  return [...dense.map((method) => ({ method, slot: null })), ...pruned.map((method, slot) => ({ method, slot }))];
}
