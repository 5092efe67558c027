import { describe, expect, it } from 'vitest';
import { ByteBudgetLru, typedArrayBytes } from './byte-budget-lru';

const cell = (floats: number) => ({ logits: new Float32Array(floats), nested: { angles: new Float32Array(floats) }, name: 'x' });

describe('byte-budget LRU', () => {
  it('measures the typed arrays inside an object, nested ones too', () => {
    expect(typedArrayBytes(cell(10))).toBe(80);
  });

  it('keeps recently used entries within the budget and forgets the least recently used', async () => {
    const lru = new ByteBudgetLru(2000, typedArrayBytes);
    let loads = 0;
    const get = (key: string) => lru.get(key, async () => (loads++, cell(100))); // 800 bytes each
    await get('a');
    await get('b');
    expect(lru.heldBytes).toBe(1600);
    await get('a'); // a is now the most recent
    await get('c'); // 2400 > 2000: b goes
    await new Promise((r) => setTimeout(r, 0));
    expect(lru.heldBytes).toBe(1600);
    expect(loads).toBe(3);
    await get('a');
    expect(loads).toBe(3);
    await get('b');
    expect(loads).toBe(4);
    expect(lru.heldBytes).toBeLessThanOrEqual(2000);
  });

  it('never keeps a failed load, and keeps a single entry larger than the budget until the next one', async () => {
    const lru = new ByteBudgetLru(100, typedArrayBytes);
    await expect(lru.get('bad', async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await new Promise((r) => setTimeout(r, 0));
    expect(lru.size).toBe(0);
    await lru.get('big', async () => cell(100));
    await new Promise((r) => setTimeout(r, 0));
    expect(lru.size).toBe(1);
    await lru.get('next', async () => cell(1));
    await new Promise((r) => setTimeout(r, 0));
    expect(lru.size).toBe(1);
    expect(lru.heldBytes).toBe(8);
  });
});
