import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePrompt, promptHash } from '../../src/ingest/prompt.js';

describe('normalizePrompt', () => {
  it('is NFKC, lower case, whitespace runs collapsed to one space, trimmed', () => {
    expect(normalizePrompt('  Solve:\t17 +  4.\r\nThink STEP by step ')).toBe('solve: 17 + 4. think step by step');
    expect(normalizePrompt('ﬁle\u00a0Ｎame')).toBe('file name');
    expect(normalizePrompt('already plain')).toBe('already plain');
  });

  it('equals the definition on any mix of words and whitespace (the single-space shortcut changes nothing)', () => {
    const piece = fc.oneof(fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', 'A', 'b', 'ﬁ', 'Ⅻ', 'İ'), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = pieces.join('');
        expect(normalizePrompt(text)).toBe(text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('gives the same hash to prompts that differ only in case and spacing', () => {
    expect(promptHash('Translate:  Bonjour\n')).toBe(promptHash('translate: bonjour'));
  });
});
