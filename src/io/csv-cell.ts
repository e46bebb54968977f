/**
 * One CSV cell, RFC 4180 quoted when needed, and neutralised against spreadsheet formula injection
 * (OWASP: a cell starting with = + - @ tab or CR gets a leading apostrophe). Log dumps hold
 * attacker-written text; a CSV we write must not execute when an analyst opens it. A cell that starts with
 * an apostrophe gets one too, as a spreadsheet reads it (the first apostrophe marks text and is not part of
 * the value), so that csvCellText() gives back exactly what was written.
 */
const FORMULA_START = /^[=+\-@\t\r']/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value;
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
