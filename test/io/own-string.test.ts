import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/ingest/csv.js';
import { RecordBatch } from '../../src/ingest/record.js';
import { appendValidated } from '../../src/ingest/validate.js';
import { ownString } from '../../src/io/own-string.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap bytes still held per value once `make` has made 200 values, each cut from a ~100 KB text. */
function heldPerValue(make: (i: number, big: string) => string): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = Array.from({ length: 200 }, (_, i) => make(i, `${String(i).padStart(6, '0')},${'p'.repeat(100_000)}`));
  gc();
  expect(kept).toHaveLength(200);
  return (process.memoryUsage().heapUsed - before) / kept.length;
}

// From the first call on: the copy must not depend on the code having been optimised.
describe('values cut from long texts do not keep them alive', () => {
  it('a substring view holds its whole source (why the copies are made)', () => {
    expect(heldPerValue((_, big) => big.slice(0, 30))).toBeGreaterThan(50_000);
  });

  it('ownString copies a view into a string of its own, equal to it', () => {
    expect(heldPerValue((_, big) => ownString(big.slice(0, 30)))).toBeLessThan(5_000);
    const big = `acct_0123456789abcdef,${'x'.repeat(1000)}`;
    expect(ownString(big.slice(0, 21))).toBe('acct_0123456789abcdef');
    expect(ownString('short')).toBe('short');
    expect(ownString('ünïcødé "quoted" \\ and 😀 past thirteen')).toBe('ünïcødé "quoted" \\ and 😀 past thirteen');
  });

  it('the short cells of a long CSV record are copies', () => {
    expect(heldPerValue((i, big) => parseRecord(`acct_${String(i).padStart(16, '0')},"${big}"`)![0])).toBeLessThan(5_000);
    expect(parseRecord(`acct_0000000000000001,"a ""quoted"" prompt ${'x'.repeat(2000)}",203.0.113.254`)).toEqual([
      'acct_0000000000000001',
      `a "quoted" prompt ${'x'.repeat(2000)}`,
      '203.0.113.254',
    ]);
  });

  it('a value cut to its longest kept length is a copy', () => {
    const batch = new RecordBatch(200);
    const held = heldPerValue((i, big) => {
      expect(appendValidated({ account_id: 'a', ts: '2026-01-01T00:00:00Z', user_agent: big }, batch)).toBeNull();
      return batch.strings.user_agent[i] as string;
    });
    expect(held).toBeLessThan(10_000);
    expect(batch.strings.user_agent[0]).toHaveLength(4096);
  });
});
