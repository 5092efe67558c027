// Level of detail while the user orbits: when frames come slower than `slowMs` apart (software
// WebGL, a weak GPU), draw every n-th point until the pointer is released, then the full cloud.

export class LevelOfDetail {
  /** Draw 1 of every `factor` points while interacting. */
  factor = 1;
  private last: number | null = null;

  constructor(
    private readonly slowMs = 50,
    private readonly maxFactor = 8,
  ) {}

  /** An interactive frame at time `now` (ms): adapts the factor to the frame interval. */
  frame(now: number): number {
    if (this.last !== null) {
      const interval = now - this.last;
      if (interval > this.slowMs) this.factor = Math.min(this.maxFactor, this.factor * 2);
      else if (interval < this.slowMs / 3 && this.factor > 1) this.factor /= 2;
    }
    this.last = now;
    return this.factor;
  }

  /** The interaction ended; the learned factor is kept for the next one. */
  end(): void {
    this.last = null;
  }
}
