/**
 * Fuzzing parseTime / formatTime (src/ingest/time.ts): never a throw, always NaN or whole epoch ms in
 * [1970, 3000), and the right instant for every encoding CONTRACT §3 lists.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { describe, expect, it } from 'vitest';
import { formatTime, parseTime } from '../../src/index.js';

const SEED = 0x5eed_71e;
const RUNS = 2000;
const MAX_MS = Date.UTC(3000, 0, 1);
/** Below 1e11 a number is read as epoch seconds (time.ts epochToMs). */
const MS_FROM = 1e11;

const pad = (n: number, w: number): string => String(Math.trunc(n)).padStart(w, '0');

function check<T>(arb: fc.Arbitrary<T>, predicate: (v: T) => void, seedOffset: number, numRuns = RUNS): void {
  fc.assert(
    fc.property(arb, (v) => {
      predicate(v);
    }),
    { seed: SEED + seedOffset, numRuns },
  );
}

/** Text that looks like times often enough to reach every branch of the parser. */
const TIMEISH = fc
  .array(
    fc.oneof(
      fc.constantFrom('-', ':', 'T', 't', ' ', 'Z', 'z', '+', '.', ',', '/', 'Jan', 'apr', '\u0000', '\n', '٣', '１', 'e', 'E', 'Infinity', 'NaN', '0x'),
      fc.integer({ min: 0, max: 9999 }).map(String),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(''));

function wellFormed(v: number): void {
  if (Number.isNaN(v)) return;
  assert.ok(Number.isInteger(v) && v >= 0 && v < MAX_MS, `parseTime gave ${v}`);
}

describe('fuzz: parseTime', () => {
  it('never throws, and returns NaN or whole epoch ms in [1970, 3000)', () => {
    check(fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withNullPrototype: true }), (v) => wellFormed(parseTime(v)), 0);
    check(fc.string({ unit: 'binary', maxLength: 50 }), (v) => wellFormed(parseTime(v)), 1);
    check(TIMEISH, (v) => wellFormed(parseTime(v)), 2);
    check(fc.oneof(fc.double(), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.date({ noInvalidDate: false })), (v) => wellFormed(parseTime(v)), 3);
  });

  it('reads epoch ms as numbers and digit strings exactly', () => {
    check(fc.integer({ min: MS_FROM, max: MAX_MS - 1 }), (ms) => {
      expect(parseTime(ms)).toBe(ms);
      expect(parseTime(String(ms))).toBe(ms);
      expect(parseTime(` ${ms} `)).toBe(ms);
    }, 4);
  });

  it('reads epoch seconds (whole and with a fraction) as numbers and strings', () => {
    check(fc.tuple(fc.integer({ min: 0, max: MAX_MS / 1000 - 1 }), fc.integer({ min: 0, max: 999 })), ([s, frac]) => {
      expect(parseTime(s)).toBe(s * 1000);
      expect(parseTime(String(s))).toBe(s * 1000);
      expect(parseTime(`${s}.${pad(frac, 3)}`)).toBe(s * 1000 + frac);
    }, 5);
  });

  it('reads epoch µs and ns by magnitude (away from the float rounding edges)', () => {
    // Up to 2255 µs fit in a double exactly; ns never do, so the sub-ms part stays inside [.001, .990).
    check(fc.tuple(fc.integer({ min: MS_FROM, max: Date.UTC(2255, 0, 1) }), fc.integer({ min: 0, max: 999 })), ([ms, us]) => {
      expect(parseTime(ms * 1000 + us)).toBe(ms);
      expect(parseTime(`${ms}${pad(us, 3)}`)).toBe(ms);
    }, 6);
    check(fc.tuple(fc.integer({ min: MS_FROM, max: MAX_MS - 1 }), fc.integer({ min: 1000, max: 989_999 })), ([ms, ns]) => {
      expect(parseTime(`${ms}${pad(ns, 6)}`)).toBe(ms);
      expect(parseTime(BigInt(ms) * 1_000_000n + BigInt(ns))).toBe(ms);
    }, 7);
  });

  it('reads RFC3339 / ISO 8601 with any offset, fraction length and separator', () => {
    const arb = fc.record({
      ms: fc.integer({ min: Date.UTC(1970, 0, 2), max: Date.UTC(2999, 11, 30) }),
      offset: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
      colon: fc.boolean(),
      zulu: fc.constantFrom('Z', 'z', '+00:00', '-00:00', '+0000', ''),
      useOffset: fc.boolean(),
      sep: fc.constantFrom('T', 't', ' '),
      fracDigits: fc.integer({ min: 0, max: 9 }),
      extra: fc.integer({ min: 0, max: 999_999 }),
      comma: fc.boolean(),
    });
    check(arb, (a) => {
      const offset = a.useOffset ? a.offset : 0;
      const local = new Date(a.ms + offset * 60_000).toISOString();
      const digits = `${local.slice(20, 23)}${pad(a.extra, 6)}`.slice(0, a.fracDigits);
      const frac = a.fracDigits === 0 ? '' : `${a.comma ? ',' : '.'}${digits}`;
      const abs = Math.abs(offset);
      const zone = a.useOffset ? `${offset < 0 ? '-' : '+'}${pad(abs / 60, 2)}${a.colon ? ':' : ''}${pad(abs % 60, 2)}` : a.zulu;
      const text = `${local.slice(0, 10)}${a.sep}${local.slice(11, 19)}${frac}${zone}`;
      // Fractions are cut (not rounded) to whole ms: .4 → 400, .4350000 → 435.
      const keptMs = a.fracDigits === 0 ? 0 : Number(`${digits}00`.slice(0, 3));
      const expected = a.ms - (a.ms % 1000) + keptMs;
      expect(parseTime(text), text).toBe(expected);
    }, 8);
  });

  it('formatTime(parseTime(x)) is x for every canonical ISO string, and parseTime(formatTime(ms)) is ms', () => {
    check(fc.integer({ min: 0, max: MAX_MS - 1 }), (ms) => {
      const iso = new Date(ms).toISOString();
      expect(formatTime(parseTime(iso))).toBe(iso);
      expect(parseTime(formatTime(ms))).toBe(ms);
    }, 9);
  });

  it('rejects calendar dates that do not exist', () => {
    check(fc.tuple(fc.integer({ min: 1970, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 29, max: 35 })), ([y, m, d]) => {
      const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const text = `${y}-${pad(m, 2)}-${pad(d, 2)}T00:00:00Z`;
      if (d > days) expect(parseTime(text), text).toBeNaN();
      else expect(parseTime(text), text).toBe(Date.UTC(y, m - 1, d));
    }, 10, 500);
  });

  // Was a bug (src/ingest/time.ts epochToMs, now BigInt for long digit strings): digit strings of ns (and µs after 2255) go through a double,
  // so a whole-ms ns value can land 1 ms early ('1704082755554000000' → …553; ~12% of 2024–2026 instants)
  // and a sub-ms part ≥ ~.9999 rounds up to the next ms — while the Arrow reader divides the exact 64-bit
  // value, so one instant gives two values across formats. BigInt division of digit strings fixes it.
  it('reads ns digit strings exactly (no float rounding)', () => {
    expect(parseTime('1704082755554000000')).toBe(1704082755554);
    expect(parseTime('1700000000000999999')).toBe(1700000000000);
  });

  // Was a bug (src/ingest/time.ts offsetMinutes): offsets outside ±23:59 are accepted and
  // shift the time by up to ~4 days; RFC 3339 allows hours 00–23 and minutes 00–59.
  it('rejects impossible zone offsets (+99:99)', () => {
    expect(parseTime('2026-04-22T09:14:03Z')).toBe(Date.UTC(2026, 3, 22, 9, 14, 3));
    expect(parseTime('2026-04-22T09:14:03+99:99')).toBeNaN();
  });
});
