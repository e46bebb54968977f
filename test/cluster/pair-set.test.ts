import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairSet } from '../../src/cluster/pair-set.js';

describe('PairSet', () => {
  it('answers add() as a Set<number> would, through growth, for keys up to 2^53 − 2', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 2 ** 31 - 5, max: 2 ** 31 + 5 }), fc.constant(2 ** 53 - 2), fc.maxSafeNat());
    fc.assert(
      fc.property(fc.array(key, { maxLength: 3000 }), (keys) => {
        const reference = new Set<number>();
        const pairs = new PairSet();
        for (const k of keys.map((x) => Math.min(x, 2 ** 53 - 2))) {
          expect(pairs.add(k)).toBe(!reference.has(k));
          reference.add(k);
        }
      }),
      { numRuns: 200 },
    );
  });
});
