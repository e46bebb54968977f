import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HASH_SPACE, hashString, hashText } from '../../src/features/hash.js';

describe('hashText', () => {
  it('is hashString below a kilobyte', () => {
    for (const text of ['', 'solve: # + #', 'x'.repeat(1023)]) expect(hashText(text)).toBe(hashString(text));
  });

  it('is the low 53 of the first 64 bits of the SHA-1 of the UTF-8 text from a kilobyte on', () => {
    for (const text of ['x'.repeat(1024), `review this file: ${'const é = "😀";\n'.repeat(300)}`]) {
      const digest = createHash('sha1').update(text, 'utf8').digest('hex');
      expect(hashText(text)).toBe(Number(BigInt(`0x${digest.slice(0, 16)}`) & (2n ** 53n - 1n)));
    }
  });

  it('spreads long texts over [0, 2^53)', () => {
    const hashes = Array.from({ length: 2000 }, (_, i) => hashText(`${'p'.repeat(2000)} ${i}`));
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(hashes.every((h) => Number.isSafeInteger(h) && h >= 0 && h < HASH_SPACE)).toBe(true);
    // A uniform sample of 2,000 has its mean within a few percent of the middle.
    const mean = hashes.reduce((s, h) => s + h, 0) / hashes.length / HASH_SPACE;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.03);
  });
});
