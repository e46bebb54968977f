/**
 * What the detector reads from prompt text when a dump has it: a template fingerprint (so that
 * "Solve: 17+4. Think step by step." and "Solve: 9+31. Think step by step." count as one template), and
 * whether a prompt elicits chain-of-thought or asks for rubric grading. Patterns are deliberately plain
 * English phrasings seen in public reports; docs/detection.md lists their blind spots.
 */
import { ownString } from '../io/own-string.js';

// Exported for the SQL port of these signals (src/sql/feature-query.ts).
export const CODE_BLOCK = /```[\s\S]*?```/g;
const URL = /\bhttps?:\/\/\S+/g;
export const QUOTED = /"[^"]{0,200}"|'[^']{0,200}'|`[^`]{0,200}`/g;
const NUMBER = /\d+(?:[.,]\d+)*/g;

export const HEAD_WORDS = 8;
export const TAIL_WORDS = 4;
/**
 * Longest template key, in characters (code points): a slot the masks miss (a blob with no spaces, a short
 * prompt of one long line) must not make keys of kilobytes, held by the dozen in every account.
 */
export const TEMPLATE_KEY_CHARS = 200;

/**
 * Template fingerprint: the normalised prompt with slot-like content masked (code blocks, URLs, quoted
 * strings, numbers), reduced to its first 8 and last 4 words, where the fixed parts of a template sit, and
 * to its first TEMPLATE_KEY_CHARS characters. Takes the already normalised text (normalizePrompt), which
 * callers need anyway.
 */
export function templateKey(normalized: string): string {
  // Each pattern runs only when its opening character is there at all: most prompts have no code or URL.
  let masked = normalized;
  if (masked.includes('```')) masked = masked.replace(CODE_BLOCK, '<code>');
  if (masked.includes('http')) masked = masked.replace(URL, '<url>');
  if (/["'`]/.test(masked)) masked = masked.replace(QUOTED, '<q>');
  // The first HEAD_WORDS and last TAIL_WORDS space-separated words, found without splitting the whole text.
  // Numbers are masked in those words only: a number holds no space, so masking first finds the same words.
  const head = nthSpace(masked, HEAD_WORDS);
  const tail = nthSpaceFromEnd(masked, TAIL_WORDS);
  if (head < 0 || tail < 0 || nthSpace(masked, HEAD_WORDS + TAIL_WORDS) < 0) return bounded(masked.replace(NUMBER, '#'));
  // Joined, not concatenated: a concatenation of slices would keep the whole prompt alive for as long as a
  // counter holds its template (kilobytes a key on long prompts); a join copies the words into a string of its own.
  return bounded([masked.slice(0, head).replace(NUMBER, '#'), masked.slice(tail + 1).replace(NUMBER, '#')].join(' … '));
}

/** The first TEMPLATE_KEY_CHARS code points of `key`, in a string of their own (see templateKey). */
function bounded(key: string): string {
  if (key.length <= TEMPLATE_KEY_CHARS) return key;
  let end = 0;
  for (let n = 0; n < TEMPLATE_KEY_CHARS && end < key.length; n++) end += key.codePointAt(end)! > 0xffff ? 2 : 1;
  return end === key.length ? key : ownString(key.slice(0, end));
}

/** Index of the n-th space (1-based), or -1. */
function nthSpace(text: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) if ((at = text.indexOf(' ', at + 1)) < 0) return -1;
  return at;
}

/** Index of the n-th space counted from the end, or -1. */
function nthSpaceFromEnd(text: string, n: number): number {
  let at = text.length;
  for (let i = 0; i < n; i++) if ((at = text.lastIndexOf(' ', at - 1)) < 0) return -1;
  return at;
}

export const CHAIN_OF_THOUGHT =
  /\b(?:step[- ]by[- ]step|chain[- ]of[- ]thought|show (?:all )?(?:of )?your (?:work|reasoning|thinking)|explain your reasoning|think (?:it )?through|think carefully|reason (?:carefully|through)|let'?s think|thought process|reasoning trace|<thinking>|before (?:you )?answer(?:ing)?,? (?:think|reason)|internal reasoning|full reasoning)\b/i;

export const RUBRIC_GRADING =
  /\b(?:rubric|grading criteria|grade (?:the|this|each|following)|score (?:the|this|each)\b.{0,60}\b(?:from|scale|out of)|on a scale (?:of|from) (?:1|one|0|zero)|rate (?:the|this|each)\b.{0,60}\b(?:1|one) ?(?:-|to) ?(?:5|10|ten|five)|evaluate (?:the|this|each) (?:response|answer|completion|output)|which (?:response|answer|completion) is better|assign a score|judge (?:the|this|each) (?:response|answer))/i;

/** Bits of promptPatterns' answer. */
export const ELICITS_CHAIN_OF_THOUGHT = 1;
export const ASKS_RUBRIC_GRADING = 2;

// Either pattern, the chain-of-thought one as group 1 (neither has a capturing group of its own).
const EITHER = new RegExp(`(${CHAIN_OF_THOUGHT.source})|${RUBRIC_GRADING.source}`, 'i');
const CHAIN_OF_THOUGHT_FROM = new RegExp(CHAIN_OF_THOUGHT.source, 'gi');
const RUBRIC_GRADING_FROM = new RegExp(RUBRIC_GRADING.source, 'gi');

/**
 * Which of the two patterns a prompt matches (ELICITS_CHAIN_OF_THOUGHT | ASKS_RUBRIC_GRADING), in one pass
 * over the text for the usual prompt, which matches neither (two passes cost 1.5× as much on long prompts).
 * The first match of either is the leftmost start of both, so the other pattern is only looked for from
 * there. Case-insensitive: works on raw or normalised text.
 */
export function promptPatterns(prompt: string): number {
  const first = EITHER.exec(prompt);
  if (first === null) return 0;
  const [found, other, otherBit] =
    first[1] !== undefined
      ? [ELICITS_CHAIN_OF_THOUGHT, RUBRIC_GRADING_FROM, ASKS_RUBRIC_GRADING]
      : [ASKS_RUBRIC_GRADING, CHAIN_OF_THOUGHT_FROM, ELICITS_CHAIN_OF_THOUGHT];
  other.lastIndex = first.index;
  return found | (other.test(prompt) ? otherBit : 0);
}
