import { describe, expect, it } from 'vitest';
import { bytes, float64s, MAX_CARVED_BYTES } from '../../src/features/slab.js';

describe('slab-carved small arrays', () => {
  it('gives zeroed arrays of the asked length that never overlap, across slab boundaries', () => {
    // Enough arrays to fill several 64 KiB slabs, with lengths that leave odd remainders.
    const arrays: (Float64Array | Uint8Array)[] = [];
    for (let i = 0; i < 3000; i++) arrays.push(i % 3 === 0 ? bytes(1 + (i % 37)) : float64s(1 + (i % 64)));
    arrays.forEach((a, i) => {
      expect(a.length).toBe(i % 3 === 0 ? 1 + (i % 37) : 1 + (i % 64));
      expect(a.every((v) => v === 0)).toBe(true);
      a.fill(i % 3 === 0 ? (i % 250) + 1 : i + 0.5);
    });
    arrays.forEach((a, i) => expect(a.every((v) => v === (i % 3 === 0 ? (i % 250) + 1 : i + 0.5))).toBe(true));
  });

  it('shares a buffer between small arrays, 8-byte aligned, and gives larger ones their own', () => {
    const a = float64s(8);
    const b = bytes(3);
    const c = float64s(2);
    expect(a.buffer).toBe(c.buffer);
    expect(b.buffer).toBe(a.buffer);
    expect(c.byteOffset % 8).toBe(0);
    const large = float64s(MAX_CARVED_BYTES / 8 + 1);
    expect(large.byteOffset).toBe(0);
    expect(large.buffer.byteLength).toBe(MAX_CARVED_BYTES + 8);
    expect(bytes(MAX_CARVED_BYTES + 1).buffer.byteLength).toBe(MAX_CARVED_BYTES + 1);
  });

  it('gives one shared empty array for length 0, which writes cannot change', () => {
    const empty = float64s(0);
    expect(float64s(0)).toBe(empty);
    empty[0] = 5;
    expect(empty.length).toBe(0);
    expect(float64s(0)[0]).toBeUndefined();
    expect(bytes(0)).toBe(bytes(0));
  });
});
