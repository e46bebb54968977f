/**
 * Log-derived text on a terminal: strip ANSI/OSC escape sequences, other C0/C1 controls and bidi overrides,
 * so attacker-written account ids or user agents cannot recolour, retitle or reorder the analyst's screen.
 * Tabs and newlines are escaped too: inside a table cell they would break its borders.
 */
import { CONTROLS_AND_BIDI, unicodeEscape } from '../io/unicode-escape.js';

// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]/g;

export function terminalSafe(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS_AND_BIDI, unicodeEscape);
}
