/**
 * Characters of log text that act on a terminal or a renderer rather than print: C0 and C1 controls and
 * the bidi overrides that reorder what follows. Every output writes them as visible \uXXXX escapes.
 */
// eslint-disable-next-line no-control-regex
export const CONTROLS_AND_BIDI = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same without tab, line feed and carriage return, for formats where those are layout (CSV cells, HTML). */
// eslint-disable-next-line no-control-regex
export const CONTROLS_AND_BIDI_BUT_WHITESPACE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A character as the six characters of its \\uXXXX escape (as in JSON and JS strings). */
export function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
