/**
 * One CSV cell, RFC 4180 quoted when needed, and neutralised against spreadsheet formula injection
 * (OWASP: a cell starting with = + - @ tab or CR gets a leading apostrophe). Log dumps hold
 * attacker-written text; a CSV we write must not execute when an analyst opens it. A cell that starts with
 * an apostrophe gets one too, as a spreadsheet reads it (the first apostrophe marks text and is not part of
 * the value), so that csvCellText() gives back exactly what was written. Controls and bidi overrides (not
 * tab, CR, LF) are written as visible \\uXXXX, as in every other output: those alone do not come back exactly.
 */
import { CONTROLS_AND_BIDI_BUT_WHITESPACE, unicodeEscape } from './unicode-escape.js';

const FORMULA_START = /^[=+\-@\t\r']/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  // A file `cat` to a terminal must not run escape sequences either (tab and newlines are cell content).
  let s = value.replace(CONTROLS_AND_BIDI_BUT_WHITESPACE, unicodeEscape);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\n`;
}

/** The value csvCell() wrote, from the cell's text as a CSV parser returns it (one leading apostrophe dropped). */
export function csvCellText(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}
