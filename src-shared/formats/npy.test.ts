import { describe, expect, it } from 'vitest';
import { readNpy, writeNpy } from './npy';

describe('.npy read/write', () => {
  it('round-trips float32 and uint8 arrays with their shapes', () => {
    const data = new Float32Array([1.5, -2, 3.25, 4, 5, 6]);
    const { header, data: back } = readNpy(writeNpy(data, [2, 3]));
    expect(header).toMatchObject({ dtype: 'f4', shape: [2, 3], fortranOrder: false });
    expect(back).toEqual(data);
    expect(readNpy(writeNpy(new Uint8Array([7, 8, 9]), [3])).data).toEqual(new Uint8Array([7, 8, 9]));
  });

  it('reads a Node Buffer that lives at an offset inside a shared pool', () => {
    const file = writeNpy(new Float32Array([10, 20, 30]), [3]);
    const pooled = Buffer.alloc(file.length + 13);
    pooled.set(file, 13);
    const view = pooled.subarray(13); // like readFileSync's small-file pool: byteOffset ≠ 0
    expect(view.byteOffset).toBe(13);
    expect(Array.from(readNpy(view).data as Float32Array)).toEqual([10, 20, 30]);
  });
});
