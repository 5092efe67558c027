// Where a hover tooltip goes: next to the cursor, on the side with room, so it never leaves the
// view (to the left of the cursor in the right half, above it in the bottom half).

export interface TipPlacement {
  left?: number;
  right?: number;
  top?: number;
  bottom?: number;
}

/** CSS offsets inside a width × height container for a tip at cursor (x, y), `gap` pixels away. */
export function tipPlacement(x: number, y: number, width: number, height: number, gap = 12): TipPlacement {
  const horizontal = x > width / 2 ? { right: Math.max(0, width - x + gap) } : { left: Math.max(0, x + gap) };
  const vertical = y > height / 2 ? { bottom: Math.max(0, height - y + gap) } : { top: Math.max(0, y + gap) };
  return { ...horizontal, ...vertical };
}
