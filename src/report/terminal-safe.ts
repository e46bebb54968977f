/**
 * Log-derived text on a terminal: strip ANSI/OSC escape sequences, other C0/C1 controls and bidi overrides,
 * so attacker-written account ids or user agents cannot recolour, retitle or reorder the analyst's screen.
 * Tabs and newlines are escaped too: inside a table cell they would break its borders.
 */
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A character as the six characters of its \\uXXXX escape (as in JSON and JS strings). */
export function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

export function terminalSafe(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, unicodeEscape);
}
