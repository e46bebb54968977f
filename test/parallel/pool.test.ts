import { RecordBatchReader, Table, tableFromArrays, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeatureExtractor, featureRow } from '../../src/features/extract.js';
import type { Rejection } from '../../src/ingest/collector.js';
import { ingest } from '../../src/ingest/ingest.js';
import { LineSplitter } from '../../src/ingest/lines.js';
import { LineSegmenter, type SegmentItem } from '../../src/parallel/line-segmenter.js';
import { ReaderWorkers } from '../../src/parallel/pool.js';
import { simulate } from '../../src/simulate/index.js';
import { fixture, tempDir } from '../helpers/ingest.js';

/** Lines (number, text or too-long head) as one LineSplitter over the whole input sees them. */
function serialLines(chunks: Buffer[], max: number): string[] {
  const out: string[] = [];
  const splitter = new LineSplitter(max, { line: (t, n) => out.push(`${n}:${t}`), tooLong: (h, n) => out.push(`${n}!${h.slice(0, 5)}`) });
  for (const c of chunks) splitter.push(c);
  splitter.end();
  return out;
}

/** The same, through the segmenter and one LineSplitter per segment, numbering lines across segments. */
function segmentedLines(chunks: Buffer[], max: number, segmentBytes: number): string[] {
  const items: SegmentItem[] = [];
  const segmenter = new LineSegmenter(segmentBytes, max, (i) => items.push(i));
  for (const c of chunks) segmenter.push(c);
  segmenter.end();
  const out: string[] = [];
  let base = 0;
  for (const item of items) {
    if ('tooLong' in item) {
      out.push(`${++base}!${item.tooLong.slice(0, 5)}`);
      continue;
    }
    const offset = base;
    const splitter = new LineSplitter(max, { line: (t, n) => out.push(`${n + offset}:${t}`), tooLong: (h, n) => out.push(`${n + offset}!${h.slice(0, 5)}`) }, false);
    splitter.push(Buffer.from(item.bytes));
    splitter.end();
    base += splitter.lines;
  }
  return out;
}

describe('LineSegmenter', () => {
  it('cuts any chunking of any text into segments whose lines are exactly the single-threaded lines', () => {
    const line = fc.oneof(fc.string({ maxLength: 12 }), fc.constant(''), fc.constant('x'.repeat(40)), fc.constant('a\r'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.boolean(), fc.boolean(), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 64 }), (lines, bom, trailing, cuts, segmentBytes) => {
        const text = Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join('\n')}${trailing ? '\n' : ''}`);
        const chunks: Buffer[] = [];
        for (let at = 0, i = 0; at < text.length; i++) {
          const n = cuts[i % cuts.length];
          chunks.push(text.subarray(at, at + n));
          at += n;
        }
        expect(segmentedLines(chunks, 30, segmentBytes)).toEqual(serialLines(chunks, 30));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

/** Workers give exactly one thread's counts, rejections (line numbers included) and features. */
function expectSameAsOneThread(parallel: Awaited<ReturnType<typeof read>>, serial: Awaited<ReturnType<typeof read>>): void {
  expect(parallel.stats).toEqual(serial.stats);
  expect(parallel.rejections).toEqual(serial.rejections);
  expect(parallel.rows).toEqual(serial.rows);
}

async function read(inputs: string[], workers: number) {
  const rejections: Rejection[] = [];
  const features = new FeatureExtractor();
  const pool = workers > 1 ? new ReaderWorkers(workers, { preset: 'canonical', maps: ['topic=meta.topic'], maxLineBytes: 4096, keepRejections: true }, 64 * 1024) : undefined;
  const stats = await ingest(
    { inputs, maxRejected: 1, maxLineBytes: 4096, maps: ['topic=meta.topic'], parallel: pool, onReject: (r) => rejections.push(r) },
    (batch) => features.add(batch),
  );
  await pool?.collect(features);
  const rows = features.ids().map((id) => featureRow(id, features.accounts.get(id)!));
  const settled = [...features.accounts.values()].filter((s) => s.isSettled).length;
  return { stats: { ...stats, rejectedByReason: [...stats.rejectedByReason].sort(), filteredByReason: [...stats.filteredByReason] }, rejections, rows, settled };
}

describe('ReaderWorkers', () => {
  it('gives exactly the single-threaded features, counts and rejections (line numbers included)', async () => {
    const dir = tempDir();
    // The demo dump (hundreds of 64 KiB segments) with bad and over-long lines spliced in.
    const demo = gunzipSync(readFileSync(fixture('demo/logs.jsonl.gz'))).toString('utf8').split('\n');
    const dirty = readFileSync(fixture('ingest/dirty.jsonl'), 'utf8').split('\n');
    const mixed: string[] = [];
    demo.forEach((line, i) => {
      mixed.push(line);
      if (i % 997 === 0) mixed.push(dirty[(i / 997) % dirty.length]);
      if (i % 4999 === 0) mixed.push(`{"account_id":"long","pad":"${'x'.repeat(9000)}"}`);
    });
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(file, mixed.join('\n'));
    const second = join(dir, 'second.jsonl');
    writeFileSync(second, demo.slice(0, 3000).join('\n'));

    const serial = await read([file, second], 1);
    const parallel = await read([file, second], 2);
    expect(serial.stats.records).toBeGreaterThan(30_000);
    expect(serial.rejections.length).toBeGreaterThan(30);
    expectSameAsOneThread(parallel, serial);
  }, 120_000);
});

describe('ReaderWorkers hand-over', () => {
  it('brings every account back once when each worker sends its states in several chunks', async () => {
    const dir = tempDir();
    const file = join(dir, 'many.jsonl');
    // 9,000 accounts: each of two workers holds more than one chunk's worth (2,000 states per message).
    writeFileSync(file, Array.from({ length: 18_000 }, (_, i) => JSON.stringify({ ts: 1_700_000_000_000 + i * 1000, account_id: `acct_${i % 9000}`, input_tokens: i % 7 })).join('\n'));
    const serial = await read([file], 1);
    const parallel = await read([file], 2);
    expect(parallel.rows).toHaveLength(9000);
    expectSameAsOneThread(parallel, serial);
  }, 120_000);
});

describe('ReaderWorkers hand-over of accounts split between workers', () => {
  it('merges the states of an account whose lines went to two workers (decoy key first, escaped id) exactly', async () => {
    const dir = tempDir();
    const file = join(dir, 'split.jsonl');
    // 300 accounts of 200 rows each, from 100 IPs (past what settling keeps). A quarter of the accounts have a
    // third of their lines routed by a nested decoy "account_id" that comes first, another quarter a sixth of
    // theirs with the id written with an escape; the other half are routed whole and settled by their worker.
    const lines = Array.from({ length: 60_000 }, (_, i) => {
      const k = i % 300;
      const account = `acct_${k}`;
      const j = Math.floor(i / 300); // the account's row number
      const row = { ts: 1_700_000_000_000 + i * 7_000, ip: `10.0.${j % 7}.${j % 100}`, input_tokens: i % 11 };
      if (k % 4 === 0 && j % 3 === 0) return JSON.stringify({ meta: { account_id: `decoy_${j % 13}` }, account_id: account, ...row });
      if (k % 4 === 1 && j % 6 === 1) return JSON.stringify({ account_id: account, ...row }).replace('acct_', 'acct\\u005f');
      return JSON.stringify({ account_id: account, ...row });
    });
    writeFileSync(file, lines.join('\n'));
    const serial = await read([file], 1);
    expect(serial.rows).toHaveLength(300);
    expect(serial.rows[0].distinct_ips).toBeGreaterThan(64);
    for (const workers of [2, 3]) {
      const parallel = await read([file], workers);
      expectSameAsOneThread(parallel, serial);
      // Accounts routed whole were settled by their worker; those with a stray state elsewhere were not.
      expect(parallel.settled).toBeGreaterThanOrEqual(150);
      expect(parallel.settled).toBeLessThan(250);
    }
  }, 120_000);
});

describe('ReaderWorkers with inputs read on the main thread', () => {
  it('merges an account the workers read (JSONL) with the same account read here (an Arrow stream) whole', async () => {
    const dir = tempDir();
    const jsonl = join(dir, 'logs.jsonl');
    const ts = (i: number) => 1_700_000_000_000 + i * 7_000;
    writeFileSync(jsonl, Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ ts: ts(i), account_id: `acct_${i % 300}`, ip: `10.1.${i % 5}.${(i * 7) % 97}`, input_tokens: i % 13 })).join('\n'));
    // The stream format has no footer to seek batches by, so it is read on the main thread.
    const stream = join(dir, 'more.arrows');
    const n = 600;
    writeFileSync(stream, tableToIPC(tableFromArrays({ ts: Float64Array.from({ length: n }, (_, i) => ts(30_000 + i)), account_id: Array.from({ length: n }, (_, i) => `acct_${i % 300}`), input_tokens: Float64Array.from({ length: n }, (_, i) => i % 5) }), 'stream'));
    const serial = await read([jsonl, stream], 1);
    const parallel = await read([jsonl, stream], 2);
    expect(serial.rows).toHaveLength(300);
    expect(serial.stats.records).toBe(30_600);
    expectSameAsOneThread(parallel, serial);
  }, 120_000);
});

describe('ReaderWorkers on CSV', () => {
  it('gives exactly the single-threaded features, counts and rejections for CSV with quoted newlines and bad records', async () => {
    const dir = tempDir();
    await simulate({ out: dir, scale: 0.0005, seed: 21, formats: ['csv'] });
    const [header, ...rows] = readFileSync(join(dir, 'logs.csv'), 'utf8').split('\n');
    const cells = header.split(',');
    const row = (values: Record<string, string>): string => cells.map((c) => values[c] ?? '').join(',');
    const mixed = ['', 'a"b,c', header];
    rows.forEach((line, i) => {
      mixed.push(line);
      if (i % 1499 === 0) mixed.push(row({ ts: '2026-05-01T00:00:00Z', account_id: 'quoted', prompt: '"two\nlines, one record"' }));
      if (i % 2003 === 0) mixed.push('"b" ,2');
      if (i % 4999 === 0) mixed.push(row({ ts: '2026-05-01T00:00:00Z', account_id: 'long', prompt: `"${'y\n'.repeat(3000)}"` }));
    });
    const file = join(dir, 'mixed.csv');
    writeFileSync(file, mixed.join('\r\n'));
    const serial = await read([file], 1);
    const parallel = await read([file], 2);
    expect(serial.stats.records).toBeGreaterThan(20_000);
    expect(serial.rejections.map((r) => r.reason)).toEqual(expect.arrayContaining(['malformed_csv', 'line_too_long']));
    expectSameAsOneThread(parallel, serial);
  }, 120_000);
});

describe('ReaderWorkers line numbers', () => {
  it('restart with each input, also when one path is given twice', async () => {
    const dir = tempDir();
    const dirty = readFileSync(fixture('ingest/dirty.jsonl'), 'utf8');
    const file = join(dir, 'dirty-many.jsonl');
    writeFileSync(file, Array.from({ length: 600 }, () => dirty).join('\n'));
    const serial = await read([file, file], 1);
    const parallel = await read([file, file], 2);
    expect(parallel.rejections).toEqual(serial.rejections);
    const lines = serial.rejections.map((r) => r.line);
    expect(Math.max(...lines)).toBeLessThan(600 * 20);
  }, 60_000);
});

describe('ReaderWorkers on Arrow', () => {
  /** An Arrow IPC file of `batches` record batches, with rows that are rejected (no account, negative tokens). */
  function arrowFile(path: string, batches: number, format: 'file' | 'stream'): void {
    const n = batches * 1500;
    const table = tableFromArrays({
      ts: Float64Array.from({ length: n }, (_, i) => Date.UTC(2026, 4, 1) + i * 61_000),
      account_id: Array.from({ length: n }, (_, i) => (i % 97 === 0 ? null : `acct_${i % 53}`)),
      model: Array.from({ length: n }, (_, i) => `m${i % 3}`),
      input_tokens: Float64Array.from({ length: n }, (_, i) => (i % 131 === 0 ? -1 : i % 900)),
      output_tokens: Float64Array.from({ length: n }, (_, i) => i % 700),
      ip: Array.from({ length: n }, (_, i) => `10.0.${i % 7}.${i % 11}`),
    });
    // Inferred string columns are dictionary-encoded; a plain Utf8 one too (workers decode it only at their rows).
    const agents = vectorFromArray(Array.from({ length: n }, (_, i) => (i % 89 === 0 ? null : `agent/${i % 13}`)), new Utf8());
    const withAgents = table.assign(new Table({ user_agent: agents }));
    // Slices of one table share its schema and dictionaries; each becomes a record batch of the file.
    const parts = Array.from({ length: batches }, (_, b) => withAgents.slice(b * 1500, (b + 1) * 1500));
    writeFileSync(path, tableToIPC(new Table(parts.flatMap((t) => t.batches)), format));
  }

  it('gives exactly the single-threaded features, counts and rejections, batch by batch, across inputs', async () => {
    const dir = tempDir();
    const file = join(dir, 'logs.arrow');
    arrowFile(file, 9, 'file');
    const stream = join(dir, 'logs-stream.arrow');
    arrowFile(stream, 3, 'stream');
    const dirty = join(dir, 'dirty.jsonl');
    writeFileSync(dirty, readFileSync(fixture('ingest/dirty.jsonl')));
    const inputs = [file, dirty, stream, file];
    const serial = await read(inputs, 1);
    const parallel = await read(inputs, 2);
    expect(serial.stats.records).toBeGreaterThan(25_000);
    expect(new Set(serial.rejections.filter((r) => r.file !== dirty).map((r) => r.reason))).toEqual(new Set(['missing_account_id', 'bad_tokens']));
    // Line numbers are row numbers counted across batches, restarting with each input.
    expect(serial.rejections.filter((r) => r.file === file && r.reason === 'missing_account_id').slice(0, 2).map((r) => r.line)).toEqual([1, 98]);
    expectSameAsOneThread(parallel, serial);
  }, 120_000);

  it('a damaged Arrow file read by the workers is one input error naming it', async () => {
    const dir = tempDir();
    const file = join(dir, 'cut.arrow');
    arrowFile(file, 4, 'file');
    const bytes = readFileSync(file);
    // Keep the footer (the batch index) and wreck the third batch's message header, where the footer points.
    const reader = RecordBatchReader.from(bytes) as unknown as { open(): void; footer: { getRecordBatch(i: number): { offset: number } } };
    reader.open();
    const at = Number(reader.footer.getRecordBatch(2).offset);
    bytes.fill(0xee, at, at + 64);
    writeFileSync(file, bytes);
    await expect(read([file], 2)).rejects.toThrow(/cut\.arrow: cannot read arrow input/);
  }, 60_000);
});
