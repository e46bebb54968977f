/**
 * Timestamp parsing for every encoding the exports use (formats.md §0.3). Returns epoch milliseconds,
 * or NaN when the value is not a time we accept. One function serves every format so that the same
 * instant read from JSONL, CSV or Arrow gives the same number.
 */

const MIN_MS = Date.UTC(1970, 0, 1);
/** parseTime accepts 1970-01-01 ≤ ts < 3000-01-01. */
export const MAX_MS = Date.UTC(3000, 0, 1);

// 2025-05-02T14:07:31Z, 2024-05-24T12:23:02.4350000Z, 2025-04-22 09:14:03.201, …+02:00, …+0200
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
// nginx $time_local: 14/Jan/2025:11:06:14 +0000
const CLF_RE = /^(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})\s+([+-]\d{4})$/;
const EPOCH_RE = /^\d+(?:\.\d+)?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function inRange(ms: number): number {
  return ms >= MIN_MS && ms < MAX_MS ? ms : NaN;
}

/** Epoch seconds, ms, µs or ns told apart by magnitude (seconds until year 5138, then ms, µs, ns). */
export function epochToMs(n: number): number {
  if (!Number.isFinite(n) || n < 0) return NaN;
  // Whole milliseconds everywhere, so the same instant is the same number in every input format.
  if (n < 1e11) return inRange(Math.round(n * 1000));
  if (n < 1e14) return inRange(Math.floor(n));
  if (n < 1e17) return inRange(Math.floor(n / 1e3));
  return inRange(Math.floor(n / 1e6));
}

/**
 * An integer epoch (a bigint, or digits past what a double holds): µs and ns are cut to whole milliseconds
 * as integers (as the Arrow reader does with int64), not rounded through a float.
 */
function bigEpochToMs(n: bigint): number {
  if (n < 0n) return NaN;
  if (n < 100_000_000_000_000n) return epochToMs(Number(n)); // s or ms: exact as a double
  return inRange(Number(n < 100_000_000_000_000_000n ? n / 1000n : n / 1_000_000n));
}

/** Epoch digits as text, with an optional fraction. */
function epochDigitsToMs(s: string): number {
  const dot = s.indexOf('.');
  const whole = dot < 0 ? s : s.slice(0, dot);
  return whole.length <= 15 ? epochToMs(Number(s)) : bigEpochToMs(BigInt(whole));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return false;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS_IN_MONTH[mo - 1] + (leap ? 1 : 0);
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hh = Number(digits.slice(0, 2));
  const mm = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  // Real zones lie within ±18:00 (RFC 3339 allows up to 23:59); anything beyond is not a time.
  if (hh > 23 || mm > 59) return NaN;
  return sign * (hh * 60 + mm);
}

function parseIso(m: RegExpExecArray): number {
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!validDate(y, mo, d, h, mi, s)) return NaN;
  // Keep whole milliseconds: .4350000 (7 digits, .NET) and .201000 must land on the same value as .435 / .201.
  const fracMs = m[7] ? Number(`${m[7]}00`.slice(0, 3)) : 0;
  const ms = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) + fracMs - offsetMinutes(m[8]) * 60_000;
  return inRange(ms);
}

function parseClf(m: RegExpExecArray): number {
  const mo = MONTHS.indexOf(m[2].toLowerCase()) + 1;
  const [d, y, h, mi, s] = [Number(m[1]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])];
  if (mo === 0 || !validDate(y, mo, d, h, mi, s)) return NaN;
  return inRange(Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes(m[7]) * 60_000);
}

function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

// The day of the previous fast-path timestamp: exports repeat the same date for millions of rows.
let lastDay = '';
let lastDayMs = NaN;

/**
 * `YYYY-MM-DDTHH:MM:SS[.mmm]Z`, the form most exports write, read without a regex. Anything else (or an
 * odd value such as a leap second) returns undefined and takes the general path.
 */
function fastIso(s: string): number | undefined {
  const n = s.length;
  if ((n !== 20 && n !== 24) || s.charCodeAt(n - 1) !== 90 || s.charCodeAt(10) !== 84) return undefined;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  const frac = n === 24 ? (s.charCodeAt(19) === 46 ? digits(s, 20, 3) : -1) : 0;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || frac < 0) return undefined;
  const day = s.slice(0, 10);
  if (day !== lastDay) {
    const y = digits(s, 0, 4);
    const mo = digits(s, 5, 2);
    const d = digits(s, 8, 2);
    if (y < 0 || mo < 0 || d < 0 || !validDate(y, mo, d, 0, 0, 0)) return undefined;
    lastDay = day;
    lastDayMs = Date.UTC(y, mo - 1, d);
  }
  return inRange(lastDayMs + h * 3_600_000 + mi * 60_000 + sec * 1000 + frac);
}

/** Parse any accepted time value to epoch ms (NaN if not a time). */
export function parseTime(value: unknown): number {
  if (typeof value === 'number') return epochToMs(value);
  if (typeof value === 'bigint') return bigEpochToMs(value);
  if (value instanceof Date) return inRange(value.getTime());
  if (typeof value !== 'string') return NaN;
  const fast = fastIso(value);
  if (fast !== undefined) return fast;
  const s = value.trim();
  if (s.length === 0 || s.length > 40) return NaN;
  if (EPOCH_RE.test(s)) return epochDigitsToMs(s);
  let m = ISO_RE.exec(s);
  if (m) return parseIso(m);
  m = CLF_RE.exec(s);
  if (m) return parseClf(m);
  return NaN;
}

/** RFC3339 in UTC with milliseconds, the one way the tool writes times. */
export function formatTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(Math.floor(ms)).toISOString() : '';
}
