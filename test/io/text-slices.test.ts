import { describe, expect, it } from 'vitest';
import { textSlices } from '../../src/io/text-slices.js';

describe('textSlices', () => {
  it('cuts a text into slices that join and encode back to it, never splitting a surrogate pair', () => {
    // An emoji (two UTF-16 units) at every offset against the slice boundary.
    for (let pad = 0; pad < 6; pad++) {
      const text = `${'a'.repeat(pad)}😀é😀${'b'.repeat(7)}😀`;
      const slices = [...textSlices(text, 4)];
      expect(slices.join('')).toBe(text);
      expect(slices.every((s) => s.length > 0 && s.length <= 4)).toBe(true);
      expect(Buffer.concat(slices.map((s) => Buffer.from(s)))).toEqual(Buffer.from(text));
    }
  });

  it('gathers small pieces into full slices, a surrogate pair split across pieces kept whole', () => {
    const pieces = ['ab', 'c\ud83d', '\ude00d', '', 'efghij', 'k'];
    const text = pieces.join('');
    const slices = [...textSlices(pieces, 4)];
    expect(slices.join('')).toBe(text);
    expect(slices).toEqual(['abc', '😀de', 'fghi', 'jk']);
    expect(Buffer.concat(slices.map((s) => Buffer.from(s)))).toEqual(Buffer.from(text));
    expect([...textSlices([])]).toEqual([]);
  });

  it('gives nothing for an empty text and the text itself when it is short', () => {
    expect([...textSlices('')]).toEqual([]);
    expect([...textSlices('{"a":1}\n')]).toEqual(['{"a":1}\n']);
  });
});
