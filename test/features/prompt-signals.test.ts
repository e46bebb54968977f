import fc from 'fast-check';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  ASKS_RUBRIC_GRADING,
  CHAIN_OF_THOUGHT,
  ELICITS_CHAIN_OF_THOUGHT,
  promptPatterns,
  RUBRIC_GRADING,
  TEMPLATE_KEY_CHARS,
  templateKey,
} from '../../src/features/prompt-signals.js';
import { normalizePrompt } from '../../src/ingest/prompt.js';

describe('templateKey', () => {
  it('masks slots and keeps the first 8 and last 4 words', () => {
    expect(templateKey(normalizePrompt('Solve: 17+4.  Then explain why "the answer" holds, in at most 30 words, for a 5th grader please.'))).toBe(
      'solve: #+#. then explain why <q> holds, in … a #th grader please.',
    );
    expect(templateKey('too short to cut 42')).toBe('too short to cut #');
  });

  it('equals its definition: mask everything, then keep the first 8 and last 4 words (any text)', () => {
    // The definition written plainly (the masks as docs/detection.md states them), against the one that
    // masks only where a mask can apply and numbers only in the kept words.
    const reference = (text: string): string => {
      const masked = text
        .replace(/```[\s\S]*?```/g, '<code>')
        .replace(/\bhttps?:\/\/\S+/g, '<url>')
        .replace(/"[^"]{0,200}"|'[^']{0,200}'|`[^`]{0,200}`/g, '<q>')
        .replace(/\d+(?:[.,]\d+)*/g, '#');
      const words = masked.split(' ');
      const key = words.length <= 12 ? masked : `${words.slice(0, 8).join(' ')} … ${words.slice(-4).join(' ')}`;
      return [...key].slice(0, TEMPLATE_KEY_CHARS).join('');
    };
    const word = fc.oneof(
      fc.constantFrom('solve', '17', '3.5', '1,000', 'x2', '"a b"', "'c", "d'", '```code', 'block```', 'https://x.y/1', 'v1.2.3', '😀', 'é'),
      fc.string({ maxLength: 5 }),
      fc.string({ minLength: 150, maxLength: 260 }),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), (words) => {
        const text = normalizePrompt(words.join(' '));
        expect(templateKey(text)).toBe(reference(text));
      }),
      { numRuns: 3000, seed: 29 },
    );
  });

  it('cuts a key at TEMPLATE_KEY_CHARS code points, never inside a surrogate pair', () => {
    const blob = templateKey(`decode ${'x'.repeat(1 << 20)}`);
    expect(blob).toBe(`decode ${'x'.repeat(TEMPLATE_KEY_CHARS - 7)}`);
    // 'a' then emoji (two UTF-16 units each): the 200th code point is an emoji, kept whole.
    const emoji = templateKey(`a${'😀'.repeat(300)}`);
    expect([...emoji]).toHaveLength(TEMPLATE_KEY_CHARS);
    expect(emoji.length).toBe(1 + 2 * (TEMPLATE_KEY_CHARS - 1));
    expect(templateKey('😀'.repeat(TEMPLATE_KEY_CHARS))).toBe('😀'.repeat(TEMPLATE_KEY_CHARS));
  });

  it('keeps no part of a long prompt alive beyond its own words', () => {
    // A key made of slices of the prompt would hold the whole prompt for as long as a counter holds the key.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const keys = Array.from({ length: 200 }, (_, i) => templateKey(normalizePrompt(`Task ${i}: review this file. ${'const x = y; '.repeat(8000)} Reply with a verdict.`)));
    gc();
    const perKey = (process.memoryUsage().heapUsed - before) / keys.length;
    expect(keys[7]).toBe('task #: review this file. const x = … reply with a verdict.');
    // Each prompt is ~100 KB; a key of its own is ~100 bytes.
    expect(perKey).toBeLessThan(5_000);
  });
});

/** The answer of the two patterns tested one after the other: what promptPatterns must equal. */
function separately(text: string): number {
  return (CHAIN_OF_THOUGHT.test(text) ? ELICITS_CHAIN_OF_THOUGHT : 0) | (RUBRIC_GRADING.test(text) ? ASKS_RUBRIC_GRADING : 0);
}

describe('promptPatterns', () => {
  it.each([
    ['write a haiku about autumn', 0],
    ['solve 17+4. think step by step.', ELICITS_CHAIN_OF_THOUGHT],
    ['grade the following answer against the rubric', ASKS_RUBRIC_GRADING],
    // Each order of the two, and one match inside the other's phrase.
    ['show your reasoning, then rate this reply from 1 to 5', ELICITS_CHAIN_OF_THOUGHT | ASKS_RUBRIC_GRADING],
    ['using the rubric, think step by step', ELICITS_CHAIN_OF_THOUGHT | ASKS_RUBRIC_GRADING],
    ['judge the response. let\'s think about the grading criteria', ELICITS_CHAIN_OF_THOUGHT | ASKS_RUBRIC_GRADING],
    ['Think Step By Step', ELICITS_CHAIN_OF_THOUGHT],
  ])('%j → %i', (text, expected) => {
    expect(promptPatterns(text)).toBe(expected);
  });

  it('equals the two patterns tested separately, whatever the text and the order of the phrases', () => {
    const phrase = fc.constantFrom(
      'step by step', 'step-by-step', 'think', 'through', 'rubric', 'grade the', 'score this answer out of', 'scale',
      'rate each reply 1-5', 'judge the', 'response', 'reasoning', 'let\'s think', 'show your work', 'on a scale of 1',
      '<thinking>', 'which answer is better', 'stepby step', 'x', '.', ' ', '-',
    );
    const piece = fc.oneof(phrase, fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.array(piece, { maxLength: 14 }), (a, b) => {
        // Called twice on different texts: the patterns' search position must not leak from one call to the next.
        for (const text of [a.join(' '), b.join('')]) expect(promptPatterns(text)).toBe(separately(text));
      }),
      { numRuns: 3000, seed: 23 },
    );
  });
});
