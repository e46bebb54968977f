import { makeData, makeVector, TimestampMillisecond, Bool, Dictionary, Float32, Float64, Int32, Int64, Table, TimestampMicrosecond, Utf8, tableToIPC, vectorFromArray, Struct, Field, RecordBatchReader } from 'apache-arrow';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, readRecords, tempDir } from '../helpers/ingest.js';
import { readArrow, readArrowBatch } from '../../src/ingest/arrow.js';
import type { RowSink } from '../../src/ingest/collector.js';
import type { SourceRecord } from '../../src/ingest/presets/index.js';

async function rowsOf(ipc: Uint8Array): Promise<{ rows: SourceRecord[]; lines: number[] }> {
  const rows: SourceRecord[] = [];
  const lines: number[] = [];
  const sink: RowSink = {
    add: (row, line) => {
      rows.push(row);
      lines.push(line);
    },
    reject: () => {
      throw new Error('no rejection expected');
    },
  };
  async function* bytes(): AsyncGenerator<Buffer> {
    yield Buffer.from(ipc);
  }
  await readArrow(bytes(), sink);
  return { rows, lines };
}

describe('readArrow column decoding', () => {
  const n = 7;
  const strings = ['acct_a', null, 'acct_ü', '', 'acct_c', null, 'acct_e'];
  const table = new Table({
    account_id: vectorFromArray(strings, new Utf8()),
    model: vectorFromArray(['m1', 'm2', null, 'm1', 'm1', 'm2', 'm3'], new Dictionary(new Utf8(), new Int32())),
    tokens: vectorFromArray([1n, null, 3n, 4n, 5n, 6n, 7n], new Int64()),
    small: vectorFromArray([1, 2, null, 4, 5, 6, 7], new Int32()),
    ratio: vectorFromArray([0.5, null, 1.5, 2, 2.5, 3, 3.5], new Float32()),
    temperature: vectorFromArray([0, 0.7, null, 1, 1, 1, 1], new Float64()),
    ok: vectorFromArray([true, false, null, true, true, false, true], new Bool()),
    // Exact 64-bit µs values (the builders would go through float ms).
    ts: makeVector(makeData({ type: new TimestampMicrosecond(), length: n, nullCount: 0, data: BigInt64Array.from([1_700_000_000_000_999n, 1n, 2n, 3n, 4n, 5n, 6n]) })),
    created: vectorFromArray([1_600_000_000_000, null, 1, 2, 3, 4, 5], new TimestampMillisecond()),
    meta: vectorFromArray(
      Array.from({ length: n }, (_, i) => ({ ip: `10.0.0.${i}` })),
      new Struct([new Field('ip', new Utf8(), true)]),
    ),
  });

  it('gives every cell the value (or null) apache-arrow gives, with exact-ms timestamps and JSON for nested values', async () => {
    const { rows, lines } = await rowsOf(tableToIPC(table, 'stream'));
    expect(lines).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows.map((r) => r.account_id)).toEqual(strings);
    expect(rows.map((r) => r.model)).toEqual(['m1', 'm2', null, 'm1', 'm1', 'm2', 'm3']);
    expect(rows.map((r) => r.tokens)).toEqual([1n, null, 3n, 4n, 5n, 6n, 7n]);
    expect(rows.map((r) => r.small)).toEqual([1, 2, null, 4, 5, 6, 7]);
    expect(rows.map((r) => r.ratio)).toEqual([0.5, null, 1.5, 2, 2.5, 3, 3.5]);
    expect(rows.map((r) => r.ok)).toEqual([true, false, null, true, true, false, true]);
    expect(rows[0].ts).toEqual(new Date(1_700_000_000_000));
    expect(rows[0].created).toEqual(new Date(1_600_000_000_000));
    expect(rows[1].created).toBeNull();
    expect(rows.map((r) => r.meta)).toEqual(Array.from({ length: n }, (_, i) => ({ ip: `10.0.0.${i}` })));
  });

  it('reads sliced and multi-batch data at the right offsets', async () => {
    const sliced = table.slice(2, 6);
    const twice = new Table([...sliced.batches, ...table.slice(1, 3).batches]);
    const { rows, lines } = await rowsOf(tableToIPC(twice, 'file'));
    expect(lines).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows.map((r) => r.account_id)).toEqual([...strings.slice(2, 6), ...strings.slice(1, 3)]);
    expect(rows.map((r) => r.model)).toEqual([null, 'm1', 'm1', 'm2', 'm2', null]);
    expect(rows.map((r) => r.small)).toEqual([null, 4, 5, 6, 2, null]);
    const reader = await RecordBatchReader.from(tableToIPC(twice, 'file'));
    expect([...reader].length).toBe(2);
  });

  // Batches are decoded 1,024 rows at a time into reused column arrays: rows past the first window, a short
  // last window, and rows a worker skips must all come out as the one-pass decoding gave them.
  const big = 2500;
  const bigTable = new Table({
    account_id: vectorFromArray(Array.from({ length: big }, (_, i) => (i % 97 === 5 ? null : `acct_${i % 7}`)), new Utf8()),
    model: vectorFromArray(Array.from({ length: big }, (_, i) => (i % 11 === 0 ? null : `m${i % 3}`)), new Dictionary(new Utf8(), new Int32())),
    tokens: vectorFromArray(Array.from({ length: big }, (_, i) => (i % 13 === 0 ? null : BigInt(i))), new Int64()),
    ts: vectorFromArray(Array.from({ length: big }, (_, i) => 1_700_000_000_000 + i), new TimestampMillisecond()),
    ok: vectorFromArray(Array.from({ length: big }, (_, i) => i % 2 === 0), new Bool()),
  });
  const expected = (i: number): SourceRecord => ({
    account_id: i % 97 === 5 ? null : `acct_${i % 7}`,
    model: i % 11 === 0 ? null : `m${i % 3}`,
    tokens: i % 13 === 0 ? null : BigInt(i),
    ts: new Date(1_700_000_000_000 + i),
    ok: i % 2 === 0,
  });

  it('reads a batch longer than its decoding window whole, in order', async () => {
    const { rows, lines } = await rowsOf(tableToIPC(bigTable, 'file'));
    expect(lines).toEqual(Array.from({ length: big }, (_, i) => i + 1));
    expect(rows).toEqual(Array.from({ length: big }, (_, i) => expected(i)));
  });

  it('reads only the rows of the accounts it owns, across windows', () => {
    const rows: SourceRecord[] = [];
    const lines: number[] = [];
    const sink: RowSink = { add: (row, line) => (rows.push(row), lines.push(line)), reject: () => expect.unreachable() };
    const owned = (cell: unknown): boolean => cell === 'acct_3' || cell === null;
    expect(readArrowBatch(bigTable.batches[0], sink, 10, owned)).toBe(big);
    const want = Array.from({ length: big }, (_, i) => i).filter((i) => owned(expected(i).account_id));
    expect(lines).toEqual(want.map((i) => i + 10));
    expect(rows).toEqual(want.map(expected));
  });

  it('reads a dictionary held in several chunks', () => {
    const dictionary = vectorFromArray(['m0', 'm1'], new Utf8()).concat(vectorFromArray(['m2', 'm3'], new Utf8()));
    expect(dictionary.data).toHaveLength(2);
    const keys = Int32Array.from({ length: 1500 }, (_, i) => i % 4);
    const model = makeVector(makeData({ type: new Dictionary(new Utf8(), new Int32()), length: keys.length, nullCount: 0, data: keys, dictionary }));
    const rows: SourceRecord[] = [];
    const sink: RowSink = { add: (row) => void rows.push(row), reject: () => expect.unreachable() };
    readArrowBatch(new Table({ model }).batches[0], sink, 1);
    expect(rows.map((r) => r.model)).toEqual(Array.from(keys, (k) => `m${k}`));
  });
});

describe('compressed Arrow IPC (pyarrow: fixtures/ingest/arrow-compressed/make.py)', () => {
  it.each(['lz4.arrow', 'zstd.arrow', 'lz4.arrows'])('reads %s: LZ4-frame and Zstandard buffers, files and streams', async (name) => {
    const { rows } = await rowsOf(readFileSync(fixture(`ingest/arrow-compressed/${name}`)));
    expect(rows).toHaveLength(600);
    // int64 columns arrive as bigints, as from any Arrow file (validation makes them numbers).
    expect(rows[0]).toMatchObject({ account_id: 'acct_0', model: 'helix-3-medium', input_tokens: 100n, output_tokens: 900n });
    expect(rows[599]).toMatchObject({ account_id: 'acct_4', input_tokens: 149n, output_tokens: 909n });
    expect((rows[599].ts as Date).toISOString()).toBe(new Date(1777636800000 + 599 * 60000).toISOString());
    expect(rows.reduce((a, r) => a + Number(r.input_tokens), 0)).toBe(74700);
    expect(rows.reduce((a, r) => a + Number(r.output_tokens), 0)).toBe(542700);
  });
});

describe('damaged Arrow', () => {
  it('a file cut short is one line saying so, not a TypeError from inside apache-arrow', async () => {
    const table = new Table({ ts: vectorFromArray(['2026-05-01T00:00:00Z', '2026-05-01T00:00:01Z']), account_id: vectorFromArray(['a', 'b']) });
    const whole = tableToIPC(table, 'file');
    const path = join(tempDir(), 'cut.arrow');
    writeFileSync(path, whole.subarray(0, whole.length - 40));
    await expect(readRecords({ inputs: [path] })).rejects.toThrow(/cut\.arrow: cannot read arrow input: damaged or truncated Arrow IPC data after 0 rows/);
  });
});
