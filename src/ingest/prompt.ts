/**
 * The project's one prompt normalisation (formats.md §0.1): presets that derive `prompt_hash` /
 * `system_prompt_hash` from a request body and `simulate` both use it, so hashes agree across sources.
 */
import { createHash } from 'node:crypto';

/** NFKC, lower case, whitespace runs collapsed to one space, trimmed. */
export function normalizePrompt(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** SHA-256 hex of the normalised UTF-8 text. */
export function promptHash(text: string): string {
  return createHash('sha256').update(normalizePrompt(text), 'utf8').digest('hex');
}
