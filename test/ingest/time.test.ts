import { describe, expect, it } from 'vitest';
import { formatTime, parseTime } from '../../src/ingest/time.js';

const T = Date.UTC(2026, 3, 22, 9, 14, 3, 201); // 2026-04-22T09:14:03.201Z

describe('parseTime', () => {
  it.each([
    ['2026-04-22T09:14:03.201Z', T],
    ['2026-04-22T09:14:03.2010000Z', T], // Azure: 7 fractional digits
    ['2026-04-22T09:14:03.201000+00:00', T],
    ['2026-04-22 09:14:03.201', T], // Postgres dump, no zone → UTC
    ['2026-04-22T11:14:03.201+02:00', T],
    ['2026-04-22T11:14:03.201+0200', T],
    ['2026-04-22T04:14:03.201-05:00', T],
    ['2026-04-22T09:14:03.201999999Z', T], // ns precision truncates to the ms
    ['2026-04-22T09:14:03Z', T - 201],
    ['2026-04-22', Date.UTC(2026, 3, 22)],
    ['22/Apr/2026:11:14:03 +0200', T - 201], // nginx $time_local
  ])('parses %s', (text, expected) => {
    expect(parseTime(text)).toBe(expected);
  });

  it('tells epoch units apart by magnitude, as numbers and digit strings', () => {
    const s = Math.floor(T / 1000);
    expect(parseTime(s)).toBe(s * 1000);
    expect(parseTime(String(s))).toBe(s * 1000);
    expect(parseTime(T)).toBe(T);
    expect(parseTime(String(T))).toBe(T);
    expect(parseTime(T * 1000 + 999)).toBe(T); // µs
    expect(parseTime(`${T}999999`)).toBe(T); // ns as a string (beyond 2^53)
    expect(parseTime(BigInt(T) * 1_000_000n + 123n)).toBe(T);
    expect(parseTime('1717430529.417')).toBe(1717430529417); // nginx $msec
    expect(parseTime(new Date(T))).toBe(T);
  });

  it.each(['yesterday', '2026-02-30T00:00:00Z', '2026-13-01', '2026-04-22T24:00:00Z', '', '-5', 'NaN', '1e400', '2026-04-22T09:14:03Zjunk', '638515262815394150000000'])(
    'rejects %j',
    (text) => {
      expect(parseTime(text)).toBeNaN();
    },
  );

  it('reads a µs or ns epoch to the same whole millisecond as a bigint and as digits (no float rounding)', () => {
    for (const digits of ['1700000000123999999', '1700000000123999', '1704082755554000000']) {
      expect(parseTime(BigInt(digits))).toBe(parseTime(digits));
    }
    expect(parseTime(1700000000123999999n)).toBe(1700000000123);
    expect(parseTime(-1n)).toBeNaN();
  });

  it('rejects non-time values', () => {
    expect(parseTime(null)).toBeNaN();
    expect(parseTime({})).toBeNaN();
    expect(parseTime(Number.POSITIVE_INFINITY)).toBeNaN();
    expect(parseTime(-1)).toBeNaN();
  });

  it('formats as RFC3339 UTC with milliseconds', () => {
    expect(formatTime(T)).toBe('2026-04-22T09:14:03.201Z');
    expect(formatTime(Number.NaN)).toBe('');
  });
});
