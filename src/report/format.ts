/**
 * Number, time and text formatting shared by the human-facing renderers (table, explain, html). They read
 * report values defensively: a report file may come from elsewhere, so a missing number prints as "–".
 */

export const SEVERITY_COLOUR = { critical: 'redBright', high: 'red', medium: 'yellow', low: 'cyan', info: 'gray' } as const;

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A count with thousands separators: 28,800,000. */
export const grouped = (v: unknown): string => (isNumber(v) ? v.toLocaleString('en-US') : '–');

/** A score or subscore: 0.97. */
export const fixed2 = (v: unknown): string => (isNumber(v) ? v.toFixed(2) : '–');

/** A count in at most 6 characters: 9,999 · 12k · 3.4M · 1.2B · 5.0T. */
export function compact(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (n >= 999_950_000_000) return `${(n / 1e12).toFixed(1)}T`;
  if (n >= 999_950_000) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 999_500) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  return n.toLocaleString('en-US');
}

/** A value or baseline of the evidence: as the report has it (already rounded), '–' when missing. */
export function measure(v: unknown): string {
  if (!isNumber(v)) return '–';
  return Number.isInteger(v) ? v.toLocaleString('en-US') : String(Math.round(v * 10_000) / 10_000);
}

/** An RFC3339 time as "YYYY-MM-DD HH:MM"; other text as it is. */
export function shortTime(s: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(s) ? `${s.slice(0, 10)} ${s.slice(11, 16)}` : s;
}

/** Days from `first` to `last` (RFC3339): one decimal under 100, whole above; null when either is not a time. */
export function spanDays(first: unknown, last: unknown): string | null {
  const days = (Date.parse(String(last)) - Date.parse(String(first))) / 86_400_000;
  if (!Number.isFinite(days)) return null;
  return days < 100 ? days.toFixed(1) : String(Math.round(days));
}

/** At most `width` characters (code points), the last one an ellipsis when cut. */
export function cut(text: string, width: number): string {
  const chars = [...text];
  return chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : text;
}
