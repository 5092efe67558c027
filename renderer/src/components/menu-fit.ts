// Keeps a drop-down panel inside the window: given where it opened (its box as laid out, right-
// aligned under its button), the shift and height cap that bring it back into the viewport.

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface MenuFit {
  /** Pixels to move right (positive) or left (negative). */
  shiftX: number;
  /** A height cap (the panel scrolls inside), or null when it fits. */
  maxHeight: number | null;
}

/** How to fit `box` into a viewport of `width` × `height` with `margin` pixels to spare. */
export function fitMenu(box: Box, width: number, height: number, margin = 8): MenuFit {
  let shiftX = 0;
  if (box.left + box.width > width - margin) shiftX = width - margin - (box.left + box.width);
  if (box.left + shiftX < margin) shiftX = margin - box.left;
  const room = height - margin - box.top;
  return { shiftX, maxHeight: box.height > room ? Math.max(80, room) : null };
}
