/**
 * The project's one prompt normalisation (formats.md §0.1): presets that derive `prompt_hash` /
 * `system_prompt_hash` from a request body and `simulate` both use it, so hashes agree across sources.
 */
import { createHash } from 'node:crypto';

const NON_ASCII = /[^\x00-\x7f]/;
/** Whitespace that collapsing would change: two in a row, or one that is not a plain space. */
const UNEVEN_SPACE = /\s\s|(?! )\s/;
/**
 * Each whitespace run that is not a lone space, whole: one that opens with other whitespace, or a space
 * followed by more. Replacing these by a space equals replacing every run (`/\s+/g`), with a match per line
 * break or indent instead of per word gap: on a 4 KB prompt 10 µs instead of 23.
 */
const UNEVEN_RUN = /[^\S ]\s*| \s+/g;

/** NFKC, lower case, whitespace runs collapsed to one space, trimmed. */
export function normalizePrompt(text: string): string {
  // NFKC leaves ASCII unchanged, and most prompts are already single-spaced: testing first skips both
  // rewrites (the collapse alone was two thirds of the cost of normalising).
  const nfkc = NON_ASCII.test(text) ? text.normalize('NFKC') : text;
  const lower = nfkc.toLowerCase();
  return (UNEVEN_SPACE.test(lower) ? lower.replace(UNEVEN_RUN, ' ') : lower).trim();
}

/** SHA-256 hex of the normalised UTF-8 text. */
export function promptHash(text: string): string {
  return createHash('sha256').update(normalizePrompt(text), 'utf8').digest('hex');
}
