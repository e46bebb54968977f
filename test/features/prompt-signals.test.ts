import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ASKS_RUBRIC_GRADING,
  CHAIN_OF_THOUGHT,
  ELICITS_CHAIN_OF_THOUGHT,
  promptPatterns,
  RUBRIC_GRADING,
} from '../../src/features/prompt-signals.js';

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
