// Where each model's 3-D viewport goes in the view: a rows × cols grid chosen from the panel's
// aspect ratio. Two or three models always get one row (or one column when the panel is
// narrow), never a 2 × 2 grid with an empty cell. The canvas and the HTML labels both use it.

export interface GridShape {
  cols: number;
  rows: number;
}

export interface Viewport {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The side of the largest square that fits in each cell. */
function cellSide(shape: GridShape, width: number, height: number): number {
  return Math.min(width / shape.cols, height / shape.rows);
}

/** Grid of cells for `n` views in a width × height area. */
export function gridShape(n: number, width: number, height: number): GridShape {
  if (n <= 1) return { cols: 1, rows: 1 };
  if (n <= 3) {
    // A row of n, or a column of n when that gives the larger cells (a tall, narrow panel).
    const row = { cols: n, rows: 1 };
    const column = { cols: 1, rows: n };
    return cellSide(column, width, height) > cellSide(row, width, height) ? column : row;
  }
  // More views: as square as the aspect allows, few empty cells.
  let best = { cols: n, rows: 1, score: -Infinity };
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    if ((cols - 1) * rows >= n) continue; // a whole empty column
    const score = cellSide({ cols, rows }, width, height) - (cols * rows - n) * 0.01;
    if (score > best.score) best = { cols, rows, score };
  }
  return { cols: best.cols, rows: best.rows };
}

/** One viewport per view, row-major, in CSS pixels from the area's top-left corner; together they tile the area. */
export function viewportLayout(n: number, width: number, height: number): Viewport[] {
  const { cols, rows } = gridShape(n, width, height);
  const xs = Array.from({ length: cols + 1 }, (_, c) => Math.round((c * width) / cols));
  const ys = Array.from({ length: rows + 1 }, (_, r) => Math.round((r * height) / rows));
  return Array.from({ length: Math.max(0, n) }, (_, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    return { x: xs[c], y: ys[r], width: xs[c + 1] - xs[c], height: ys[r + 1] - ys[r] };
  });
}
