import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { accountOwner, AccountRouter, csvRecordOwner } from '../../src/parallel/account-router.js';
import { SegmentProcessor } from '../../src/parallel/segment-processor.js';
import { fixture } from '../helpers/ingest.js';

/** The owner of each line of `text` (lines asked about in order, as LineSplitter does). */
function owners(text: string, workers: number, fallback: number): number[] {
  const bytes = Buffer.from(text);
  const router = new AccountRouter(workers, fallback);
  const out: number[] = [];
  for (let start = 0; start < bytes.length; ) {
    const nl = bytes.indexOf(10, start);
    const end = nl < 0 ? bytes.length : nl;
    out.push(router.owner(bytes, start, end));
    start = end + 1;
  }
  return out;
}

describe('AccountRouter', () => {
  it('gives every line of one account the same worker, however the key and value are spaced', () => {
    const lines = ['{"account_id":"acct_7","ts":1}', '{"ts":2, "account_id" : "acct_7"}', '{"model":"m","account_id":\t"acct_7","x":[1]}'];
    const found = owners(lines.join('\n'), 5, 4);
    expect(new Set(found).size).toBe(1);
  });

  it('sends a line without the key to the fallback, without taking the next line\'s key for it', () => {
    const text = ['{"user":"u1"}', 'not json at all', '{"account_id":"a"}', '{"user":"u2"}'].join('\n');
    const found = owners(text, 3, 2);
    expect(found[0]).toBe(2);
    expect(found[1]).toBe(2);
    expect(found[3]).toBe(2);
    expect(found[2]).toBe(owners('{"account_id":"a"}', 3, 0)[0]);
  });

  it('routes unquoted ids by their text up to the next delimiter', () => {
    expect(owners('{"account_id":12345,"ts":1}', 7, 0)).toEqual(owners('{"account_id":12345}', 7, 1));
  });

  it('spreads many accounts evenly over the workers', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `{"account_id":"acct_${i.toString(16)}"}`).join('\n');
    const counts = [0, 0, 0];
    for (const w of owners(text, 3, 0)) counts[w]++;
    for (const c of counts) expect(c).toBeGreaterThan(3000);
  });
});

describe('accountOwner', () => {
  it('names the worker a plainly written id is routed to, from JSONL and from CSV', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `acct_${(i * 7919).toString(36)}`);
    const jsonl = owners(ids.map((id) => `{"account_id":"${id}"}`).join('\n'), 3, 0);
    expect(ids.map((id) => accountOwner(id, 3))).toEqual(jsonl);
    expect(ids.map((id) => csvRecordOwner(`2026-04-01,${id},x`, 1, 3, 0))).toEqual(jsonl);
  });
});

describe('csvRecordOwner', () => {
  it('finds the account cell past quoted cells with commas, doubled quotes and line breaks', () => {
    const plain = csvRecordOwner('2026-04-22T00:00:00Z,acct_9,m', 1, 7, 6);
    expect(csvRecordOwner('"2026-04-22T00:00:00Z",acct_9,"a, ""b""\nc"', 1, 7, 6)).toBe(plain);
    expect(csvRecordOwner('"x, ""y"", z",acct_9', 1, 7, 6)).toBe(plain);
    expect(csvRecordOwner('acct_9', 0, 7, 6)).toBe(plain);
  });

  it('sends a record with too few cells or an unterminated quote to the fallback', () => {
    expect(csvRecordOwner('only-one-cell', 1, 7, 6)).toBe(6);
    expect(csvRecordOwner('"open, acct_9', 1, 7, 6)).toBe(6);
  });
});

describe('SegmentProcessor shares', () => {
  it('split one segment into disjoint account sets whose counts add up to one thread\'s reading', () => {
    const demo = gunzipSync(readFileSync(fixture('demo/logs.jsonl.gz'))).toString('utf8').split('\n').slice(0, 5000);
    const dirty = readFileSync(fixture('ingest/dirty.jsonl'), 'utf8');
    const bytes = Buffer.from(`${demo.join('\n')}\n${dirty}`);
    const config = { preset: 'canonical', maps: [], maxLineBytes: 4096, keepRejections: true };
    const whole = new SegmentProcessor(config);
    const all = whole.process(0, bytes, 'f');
    const parts = [0, 1].map((index) => {
      const p = new SegmentProcessor(config);
      return { p, r: p.process(0, bytes, 'f', { index, of: 2 }) };
    });

    const ids = parts.map(({ p }) => new Set(p.finish().features.accounts.keys()));
    expect([...ids[0]].filter((id) => ids[1].has(id))).toEqual([]);
    expect(ids[0].size + ids[1].size).toBe(whole.finish().features.accounts.size);
    expect(Math.min(ids[0].size, ids[1].size)).toBeGreaterThan(0.3 * (ids[0].size + ids[1].size));
    for (const { r } of parts) expect(r.lines).toBe(all.lines);
    expect(parts[0].r.counts.records + parts[1].r.counts.records).toBe(all.counts.records);
    expect(parts[0].r.counts.rejected + parts[1].r.counts.rejected).toBe(all.counts.rejected);
    expect(all.counts.rejected).toBeGreaterThan(5);
    const lines = (rs: { line: number }[]): number[] => rs.map((r) => r.line);
    expect([...lines(parts[0].r.rejections), ...lines(parts[1].r.rejections)].sort((a, b) => a - b)).toEqual(lines(all.rejections));
  });

  it('split CSV records the same way, every worker learning the header from the first segment', () => {
    const header = 'ts,account_id,prompt';
    const texts = ['', 'a"b,c', header];
    for (let i = 0; i < 3000; i++) texts.push(`2026-04-22T00:00:${String(i % 60).padStart(2, '0')}Z,acct_${i % 97},"say ""hi"", ${i}"`);
    texts.push('2026-04-22T00:00:00Z,acct_1', 'not,a,"closed');
    const csv = { texts, lines: texts.map((_, i) => i + 1), tooLong: [1] };
    const config = { preset: 'canonical', maps: [], maxLineBytes: 4096, keepRejections: true };
    const whole = new SegmentProcessor(config);
    const all = whole.processCsv(5, csv, 'f');
    const parts = [0, 1, 2].map((index) => {
      const p = new SegmentProcessor(config);
      return { p, r: p.processCsv(5, csv, 'f', { index, of: 3 }) };
    });
    const ids = parts.map(({ p }) => [...p.finish().features.accounts.keys()]);
    expect(ids.flat().sort()).toEqual([...whole.finish().features.accounts.keys()].sort());
    for (const part of ids) expect(part.length).toBeGreaterThan(15);
    const sum = (f: (r: (typeof parts)[number]['r']) => number): number => parts.reduce((n, { r }) => n + f(r), 0);
    expect(sum((r) => r.counts.records)).toBe(all.counts.records);
    expect(sum((r) => r.counts.rejected)).toBe(all.counts.rejected);
    expect(all.counts.records).toBe(3000);
    expect(all.rejections.map((r) => r.reason)).toEqual(['line_too_long', 'malformed_csv', 'malformed_csv']);
    expect(parts.flatMap(({ r }) => r.rejections).sort((a, b) => a.line - b.line)).toEqual(all.rejections);
  });
});
