import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashString } from '../../src/features/hash.js';
import { HourBitset } from '../../src/features/hour-bitset.js';
import { DistinctSketch, ValueCounter } from '../../src/features/sketch.js';

function counterOf(values: string[], k: number): ValueCounter {
  const c = new ValueCounter(k);
  for (const v of values) c.add(v, 1);
  return c;
}

describe('sketches', () => {
  it('ValueCounter is exact up to k distinct values', () => {
    const c = counterOf(['a', 'b', 'a', 'c', 'a'], 4);
    expect(c.exact).toBe(true);
    expect(c.distinct()).toBe(3);
    expect(c.top()).toEqual({ value: 'a', share: 0.6 });
    expect(c.entries()).toEqual([['a', 3], ['b', 1], ['c', 1]]);
  });

  it('ValueCounter and DistinctSketch do not depend on input order', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 400 }), fc.integer(), (values, seed) => {
        const shuffled = [...values].sort((a, b) => hashString(a, seed) - hashString(b, seed));
        const a = counterOf(values, 16);
        const b = counterOf(shuffled, 16);
        expect(b.distinct()).toBe(a.distinct());
        expect(b.entries()).toEqual(a.entries());
        const da = new DistinctSketch(16);
        const db = new DistinctSketch(16);
        for (const v of values) da.add(hashString(v));
        for (const v of shuffled) db.add(hashString(v));
        expect(db.distinct()).toBe(da.distinct());
        expect([...db.signature()]).toEqual([...da.signature()]);
      }),
      { numRuns: 300 },
    );
  });

  it('estimates large distinct counts within the documented error', () => {
    const n = 50_000;
    const c = new ValueCounter(256);
    const d = new DistinctSketch(64);
    for (let i = 0; i < n; i++) {
      const v = `ip-${i}`;
      c.add(v, 1);
      c.add(v, 1); // duplicates do not inflate the estimate
      d.add(hashString(v));
    }
    expect(c.exact).toBe(false);
    expect(Math.abs(c.distinct() - n) / n).toBeLessThan(3 * 0.063);
    expect(Math.abs(d.distinct() - n) / n).toBeLessThan(3 * 0.127);
    expect(c.entries()).toHaveLength(256);
  });

  it('merging sketches of two parts of a stream equals the sketch of the whole stream', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 3 }), fc.boolean()), { maxLength: 400 }), (rows) => {
        const whole = counterOf(rows.map(([v]) => v), 16);
        const left = counterOf(rows.filter(([, side]) => side).map(([v]) => v), 16);
        left.merge(counterOf(rows.filter(([, side]) => !side).map(([v]) => v), 16));
        expect(left.total).toBe(whole.total);
        expect(left.exact).toBe(whole.exact);
        expect(left.distinct()).toBe(whole.distinct());
        expect(left.entries()).toEqual(whole.entries());
        const dw = new DistinctSketch(16);
        const dl = new DistinctSketch(16);
        const dr = new DistinctSketch(16);
        for (const [v, side] of rows) {
          dw.add(hashString(v));
          (side ? dl : dr).add(hashString(v));
        }
        dl.merge(dr);
        expect(dl.exact).toBe(dw.exact);
        expect(dl.distinct()).toBe(dw.distinct());
        expect([...dl.signature()]).toEqual([...dw.signature()]);
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it('ValueCounter: merging parts of any size, one-value parts included, with weights, equals the whole; the parts stay as they were', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...'abcdefghijklmnop'), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 4 })), { maxLength: 200 }), (rows) => {
        const whole = new ValueCounter(3);
        const parts = Array.from({ length: 5 }, () => new ValueCounter(3));
        for (const [v, w, part] of rows) {
          whole.add(v, w);
          parts[part].add(v, w);
        }
        const before = parts.map((p) => p.entries());
        const merged = new ValueCounter(3);
        for (const p of parts) merged.merge(p);
        expect(parts.map((p) => p.entries())).toEqual(before);
        expect(merged.total).toBe(whole.total);
        expect(merged.distinct()).toBe(whole.distinct());
        expect(merged.entries()).toEqual(whole.entries());
      }),
      { numRuns: 500, seed: 5 },
    );
  });

  it('ValueCounter with one value seen answers like any other counter', () => {
    const c = new ValueCounter(8);
    c.add('org_1', 2);
    c.add('org_1', 3);
    expect([c.exact, c.distinct(), c.total]).toEqual([true, 1, 5]);
    expect(c.entries()).toEqual([['org_1', 5]]);
    expect(c.top()).toEqual({ value: 'org_1', share: 1 });
    c.add('org_2', 1);
    expect(c.entries()).toEqual([['org_1', 5], ['org_2', 1]]);
    expect(new ValueCounter(8).entries()).toEqual([]);
    expect(new ValueCounter(8).distinct()).toBe(0);
  });

  it('HourBitset counts hours and days, growing both ways', () => {
    const b = new HourBitset();
    const base = 500_000;
    for (const h of [base, base + 1, base + 1, base - 1000, base + 5000, base + 23]) b.add(h);
    expect(b.hours()).toBe(5);
    const days = new Set([base, base + 1, base - 1000, base + 5000, base + 23].map((h) => Math.floor(h / 24)));
    expect(b.days()).toBe(days.size);
  });

  it('a settled ValueCounter answers as before: its heaviest values, total and distinct count', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 300 }), fc.integer({ min: 1, max: 20 }), (values, keep) => {
        const live = counterOf(values, 16);
        const settled = counterOf(values, 16);
        settled.settle(keep);
        expect(settled.total).toBe(live.total);
        expect(settled.distinct()).toBe(live.distinct());
        expect(settled.entries()).toEqual(live.entries().slice(0, keep));
        expect(settled.top()).toEqual(live.top());
      }),
    );
  });

  it('a settled ValueCounter cannot be merged either way', () => {
    const settled = counterOf(['a', 'b'], 4);
    settled.settle(1);
    expect(() => settled.merge(counterOf(['c'], 4))).toThrow(/settled/);
    expect(() => counterOf(['c'], 4).merge(settled)).toThrow(/settled/);
  });
});
