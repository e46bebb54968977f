/**
 * The project's one prompt normalisation (formats.md §0.1): presets that derive `prompt_hash` /
 * `system_prompt_hash` from a request body and `simulate` both use it, so hashes agree across sources.
 */
import { createHash } from 'node:crypto';

const NON_ASCII = /[^\x00-\x7f]/;

/** NFKC, lower case, whitespace runs collapsed to one space, trimmed. */
export function normalizePrompt(text: string): string {
  // NFKC leaves ASCII unchanged; skipping it there is most of the cost on large dumps.
  const nfkc = NON_ASCII.test(text) ? text.normalize('NFKC') : text;
  return nfkc.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** SHA-256 hex of the normalised UTF-8 text. */
export function promptHash(text: string): string {
  return createHash('sha256').update(normalizePrompt(text), 'utf8').digest('hex');
}
