import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from '../../src/analyze.js';
import { InputError, UsageError } from '../../src/errors.js';
import { jsonlToArrow } from '../helpers/arrow.js';
import { fixture, readRecords, tempDir } from '../helpers/ingest.js';

const SMALL = fixture('ingest/small.jsonl');

function comparable(records: Awaited<ReturnType<typeof readRecords>>['records']) {
  return records.map((r) => ({ ...r }));
}

describe('ingest: formats', () => {
  it('reads the canonical JSONL fixture exactly', async () => {
    const { stats, records } = await readRecords({ inputs: [SMALL] });
    expect(stats.records).toBe(9);
    expect(stats.rejected).toBe(0);
    const first = records[0];
    expect(first).toMatchObject({ account_id: 'acct_a', ts: Date.UTC(2026, 3, 22, 0, 0, 1), asn: '64500', input_tokens: 120, output_tokens: 900, request_count: 1, temperature: 0.7 });
    expect(records[2].ts).toBe(Date.UTC(2026, 3, 22, 10, 0, 3));
    expect(records[3]).toMatchObject({ account_id: 'acct_b', ts: Date.UTC(2026, 3, 22, 20), request_count: 5, org_id: null, prompt: null });
    expect(records[4]).toMatchObject({ ts: Date.UTC(2026, 3, 22, 21), request_count: 3 });
    expect(records[5]).toMatchObject({ ts: Date.UTC(2026, 3, 22, 22), request_count: 1 });
    expect(records[6]).toMatchObject({ ts: Date.UTC(2026, 3, 22, 23), account_created_at: Date.UTC(2026, 3, 20) });
    expect(records[7].ts).toBe(Date.UTC(2026, 3, 25, 18, 30, 0, 125));
    expect(records[8].ts).toBe(Date.UTC(2026, 3, 26, 18, 30, 0, 125));
  });

  it('reads the CSV copy (BOM, CRLF) into the same records', async () => {
    const jsonl = await readRecords({ inputs: [SMALL] });
    const csv = await readRecords({ inputs: [fixture('ingest/small.csv')] });
    expect(csv.stats.records).toBe(9);
    expect(comparable(csv.records)).toEqual(comparable(jsonl.records));
  });

  it.each([
    ['file', 'ns'],
    ['file', 's'],
    ['stream', 'us'],
    ['stream', 'ms'],
  ] as const)('reads Arrow %s format with %s timestamps into the same records', async (format, unit) => {
    const dir = tempDir();
    const path = join(dir, `small.${format}.arrow`);
    writeFileSync(path, jsonlToArrow(SMALL, format, unit));
    const jsonl = await readRecords({ inputs: [SMALL] });
    const arrow = await readRecords({ inputs: [path] });
    const expected = comparable(jsonl.records);
    // Second-precision timestamps lose the milliseconds.
    if (unit === 's') for (const r of expected) r.ts = Math.floor(r.ts / 1000) * 1000;
    expect(comparable(arrow.records)).toEqual(expected);
  });

  it('decompresses gzip for every format', async () => {
    const dir = tempDir();
    const gz = join(dir, 'logs.jsonl.gz');
    writeFileSync(gz, gzipSync(Buffer.from(`\uFEFF${await import('node:fs').then((fs) => fs.readFileSync(SMALL, 'utf8'))}`)));
    const arrowGz = join(dir, 'logs.arrow.gz');
    writeFileSync(arrowGz, gzipSync(jsonlToArrow(SMALL, 'stream')));
    const csvGz = join(dir, 'logs.gz');
    writeFileSync(csvGz, gzipSync(await import('node:fs').then((fs) => fs.readFileSync(fixture('ingest/small.csv')))));
    for (const path of [gz, arrowGz, csvGz]) {
      const { stats } = await readRecords({ inputs: [path] });
      expect(stats.records, path).toBe(9);
    }
  });

  it('reads a gzipped Arrow file and an Arrow file on stdin (spooled to a scratch file, then removed)', async () => {
    const dir = tempDir();
    const path = join(dir, 'logs.arrow.gz');
    const file = jsonlToArrow(SMALL, 'file', 'ms');
    writeFileSync(path, gzipSync(file));
    const jsonl = await readRecords({ inputs: [SMALL] });
    const gz = await readRecords({ inputs: [path] });
    expect(comparable(gz.records)).toEqual(comparable(jsonl.records));
    const piped = await readRecords({ inputs: ['-'], stdin: Readable.from([Buffer.from(file)]) });
    expect(comparable(piped.records)).toEqual(comparable(jsonl.records));
  });

  it('reads stdin with -', async () => {
    const { readFileSync } = await import('node:fs');
    const stdin = Readable.from([gzipSync(readFileSync(SMALL))]);
    const { stats, records } = await readRecords({ inputs: ['-'], stdin });
    expect(stats.records).toBe(9);
    expect(stats.files).toEqual(['<stdin>']);
    expect(records[8].account_id).toBe('acct_c');
  });

  it('honours --input-format over sniffing', async () => {
    const { stats } = await readRecords({ inputs: [SMALL], inputFormat: 'csv' });
    // Read as CSV, the first JSON line is a (garbage) header and every row is ragged or unmappable.
    expect(stats.records).toBe(0);
  });

  it('reads several files in order and counts them', async () => {
    const { stats } = await readRecords({ inputs: [SMALL, fixture('ingest/small.csv')] });
    expect(stats.records).toBe(18);
    expect(stats.files).toHaveLength(2);
  });

  it('reads a pretty-printed JSON array document', async () => {
    const dir = tempDir();
    const path = join(dir, 'pretty.json');
    writeFileSync(path, JSON.stringify([{ ts: '2026-04-22T00:00:00Z', account_id: 'a' }, { ts: '2026-04-22T00:00:01Z', account_id: 'b' }], null, 2));
    const { stats, records } = await readRecords({ inputs: [path] });
    expect(stats.records).toBe(2);
    expect(records.map((r) => r.account_id)).toEqual(['a', 'b']);
  });

  it('reads each element of a top-level array as a document: the array may pass the length limit, a bad element spoils only itself', async () => {
    const dir = tempDir();
    const path = join(dir, 'spend.json');
    const element = (i: number): string => JSON.stringify({ ts: '2026-04-22T00:00:00Z', account_id: `a${i % 7}`, note: `x,]}[{ "${'y'.repeat(200)}` }, null, 2);
    // 400 elements of ~300 bytes (120 KB in all) under a 4 KB limit; a broken one and a scalar among them.
    const body = [...Array.from({ length: 200 }, (_, i) => element(i)), '{"ts": broken}', '"a string"', ...Array.from({ length: 200 }, (_, i) => element(i + 200))];
    writeFileSync(path, `[\n${body.join(',\n')}\n]\n`);
    const { stats, records, rejections } = await readRecords({ inputs: [path], maxLineBytes: 4096, maxRejected: 1 });
    expect(stats.records).toBe(400);
    expect(new Set(records.map((r) => r.account_id)).size).toBe(7);
    expect(Object.fromEntries(stats.rejectedByReason)).toEqual({ malformed_json: 1, not_an_object: 1 });
    // Each element is named by the line it starts on.
    const linesBefore = 1 + 200 * element(0).split('\n').length;
    expect(rejections.map((r) => [r.reason, r.line])).toEqual([['malformed_json', linesBefore + 1], ['not_an_object', linesBefore + 2]]);
  });

  it('keeps the whole elements of a cut-off array and reports the last one', async () => {
    const dir = tempDir();
    const path = join(dir, 'cut.json');
    writeFileSync(path, '[{"ts":"2026-04-22T00:00:00Z","account_id":"a"}, {"ts":"2026-04-22T00:00:01Z","account_id":"b"}, {"ts":"2026-04-2');
    const { stats, records } = await readRecords({ inputs: [path], maxRejected: 1 });
    expect(records.map((r) => r.account_id)).toEqual(['a', 'b']);
    expect(Object.fromEntries(stats.rejectedByReason)).toEqual({ malformed_json: 1 });
  });

  it('keeps a canonical record whose extra fields look like a preset\'s verdict ("filtered")', async () => {
    const dir = tempDir();
    const path = join(dir, 'extra.jsonl');
    writeFileSync(path, '{"ts":"2026-04-22T00:00:00Z","account_id":"a","filtered":"health_check"}\n');
    const { stats } = await readRecords({ inputs: [path] });
    expect(stats.records).toBe(1);
    expect(stats.filtered).toBe(0);
  });

  it('accepts an empty file', async () => {
    const dir = tempDir();
    const path = join(dir, 'empty.jsonl');
    writeFileSync(path, '');
    const { stats } = await readRecords({ inputs: [path] });
    expect(stats.records).toBe(0);
    expect(stats.rejected).toBe(0);
  });
});

describe('ingest: rejections', () => {
  it('counts every bad line with its reason and goes on', async () => {
    const { stats, records, rejections } = await readRecords({ inputs: [fixture('ingest/dirty.jsonl')], maxLineBytes: 2048 });
    expect(records.map((r) => r.account_id)).toEqual(['ok1', 'ok2', 'ok3']);
    expect(records[2]).toMatchObject({ input_tokens: 0, output_tokens: 0, ip: null });
    expect(Object.fromEntries(stats.rejectedByReason)).toEqual({
      malformed_json: 1,
      missing_account_id: 2,
      bad_ts: 2,
      missing_ts: 1,
      bad_tokens: 3,
      bad_request_count: 2,
      not_an_object: 4,
      line_too_long: 1,
    });
    expect(stats.rejected).toBe(16);
    expect(rejections[0]).toEqual({ file: fixture('ingest/dirty.jsonl'), line: 3, reason: 'malformed_json', text: '{"ts":"2026-04-22T00:00:00Z"' });
    const long = rejections.find((r) => r.reason === 'line_too_long');
    expect(long?.line).toBe(19);
    expect(long?.text.length).toBe(1000);
    // The array on line 14 explodes into three non-object records, each named by its index.
    expect(rejections.filter((r) => r.line === 14).map((r) => r.index)).toEqual([0, 1, 2]);
  });

  it('a stray quote opening a cell that never closes costs its own line: the rows after it are read, on one thread or several', async () => {
    const dir = tempDir();
    const path = join(dir, 'stray.csv');
    const rows = (from: number): string[] => Array.from({ length: 20_000 }, (_, i) => `2026-05-01T00:00:00Z,acct_${(from + i) % 900},${i % 7},${'x'.repeat(40)}`);
    // 2.6 MB: past one 1 MiB run, so that workers read it; the second stray quote is closed by a later one.
    writeFileSync(path, ['ts,account_id,input_tokens,note', ...rows(0), '2026-05-01T00:00:00Z,"evil,5,x', ...rows(20_000), '2026-05-01T00:00:00Z,"open,1,x', ...rows(40_000).slice(0, 10), '2026-05-01T00:00:00Z,a,1,"closed" late', ...rows(50_000)].join('\n'));
    for (const workers of [1, 2]) {
      const { stats } = await analyzeLogs({ inputs: [path], maxRejected: 1, workers });
      expect(stats.records, `workers ${workers}`).toBe(60_010);
      expect(Object.fromEntries(stats.rejectedByReason)).toEqual({ malformed_csv: 3 });
    }
  });

  it('reads canonical columns in any case (a warehouse export upper-cases them), an exact name winning', async () => {
    const dir = tempDir();
    const upper = join(dir, 'upper.csv');
    writeFileSync(upper, ' TS , Account_ID ,INPUT_TOKENS\n2026-05-01T00:00:00Z,a,5\n');
    const { records } = await readRecords({ inputs: [upper] });
    expect(records.map((r) => [r.account_id, r.input_tokens])).toEqual([['a', 5]]);
    const both = join(dir, 'both.csv');
    writeFileSync(both, 'ts,ACCOUNT_ID,account_id\n2026-05-01T00:00:00Z,upper,exact\n');
    expect((await readRecords({ inputs: [both] })).records.map((r) => r.account_id)).toEqual(['exact']);
  });

  it('takes SQL and pandas NULL markers as absent, and skips a row of empty cells', async () => {
    const dir = tempDir();
    const path = join(dir, 'nulls.csv');
    writeFileSync(path, 'ts,account_id,input_tokens,output_tokens,model\n2026-05-01T00:00:00Z,a,NULL,\\N,NULL\n,,,,\n2026-05-01T00:00:01Z,b,NaN,7,null\n2026-05-01T00:00:02Z,NULL,1,1,m\n');
    const { stats, records } = await readRecords({ inputs: [path], maxRejected: 1 });
    expect(records.map((r) => [r.account_id, r.input_tokens, r.output_tokens, r.model])).toEqual([['a', 0, 0, null], ['b', 0, 7, null]]);
    expect(Object.fromEntries(stats.rejectedByReason)).toEqual({ missing_account_id: 1 });
  });

  it('cuts a rejected line\'s text for --errors without splitting a surrogate pair', async () => {
    const dir = tempDir();
    const path = join(dir, 'emoji.jsonl');
    writeFileSync(path, `{"ts":"x","account_id":"${'a'.repeat(960)}😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀"}\n`);
    const { rejections } = await readRecords({ inputs: [path], maxRejected: 1 });
    const text = rejections[0].text;
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(text).not.toMatch(/[\ud800-\udbff]$/);
    expect(JSON.parse(JSON.stringify(text))).toBe(text);
  });

  it('refuses UTF-16 and compressions it cannot read in one line that says what to do', async () => {
    const dir = tempDir();
    const cases: [string, Buffer, RegExp][] = [
      ['ps.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"ts":1}', 'utf16le')]), /UTF-16 .*iconv -f UTF-16 -t UTF-8/],
      ['logs.csv.xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2]), /xz-compressed; decompress it first/],
      ['logs.zip', Buffer.from('PK\x03\x04rest', 'latin1'), /zip archive/],
    ];
    for (const [name, bytes, message] of cases) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      await expect(readRecords({ inputs: [path] }), name).rejects.toThrow(message);
    }
  });

  it('fails with one clear line when more than --max-rejected is garbage', async () => {
    const promise = readRecords({ inputs: [fixture('ingest/dirty.jsonl')], maxRejected: 0.5 });
    await expect(promise).rejects.toBeInstanceOf(InputError);
    await expect(promise).rejects.toThrow("15 of 19 records rejected (78.9% > --max-rejected 0.5): not_an_object 4, bad_tokens 3, bad_request_count 2; --errors FILE lists them");
  });

  it('rejects ragged and unterminated CSV rows', async () => {
    const dir = tempDir();
    const path = join(dir, 'ragged.csv');
    writeFileSync(path, 'ts,account_id,input_tokens\n2026-04-22T00:00:00Z,a,1\n2026-04-22T00:00:00Z,b\n2026-04-22T00:00:00Z,c,1,extra\n2026-04-22T00:00:00Z,d,-1\n2026-04-22T00:00:00Z,"e,2\n');
    const { stats, records } = await readRecords({ inputs: [path] });
    expect(records.map((r) => r.account_id)).toEqual(['a']);
    expect(stats.rejectedByReason.get('malformed_csv')).toBe(3);
    expect(stats.rejectedByReason.get('bad_tokens')).toBe(1);
  });

  it('names a missing file, a directory, an unknown preset and a bad --map', async () => {
    await expect(readRecords({ inputs: ['/nonexistent/logs.jsonl'] })).rejects.toThrow('/nonexistent/logs.jsonl: no such file');
    await expect(readRecords({ inputs: [tempDir()] })).rejects.toThrow(/is a directory/);
    await expect(readRecords({ inputs: [SMALL], preset: 'nope' })).rejects.toBeInstanceOf(UsageError);
    await expect(readRecords({ inputs: [SMALL], maps: ['nonfield=x'] })).rejects.toThrow(/not a canonical field/);
    await expect(readRecords({ inputs: [SMALL], maps: ['account_id'] })).rejects.toThrow(/expected field=path/);
  });

  it('reports truncated gzip as one input error naming the file, whether it breaks in the head or later', async () => {
    const dir = tempDir();
    const line = `${JSON.stringify({ ts: '2026-04-22T00:00:00Z', account_id: 'a' })}\n`;
    for (const [name, copies] of [['small.jsonl.gz', 100], ['big.jsonl.gz', 200_000]] as const) {
      const gz = gzipSync(Buffer.from(line.repeat(copies)));
      const path = join(dir, name);
      writeFileSync(path, gz.subarray(0, Math.floor(gz.length * 0.6)));
      await expect(readRecords({ inputs: [path] })).rejects.toThrow(`${path}: truncated or corrupt gzip data (unexpected end of file)`);
    }
  });

  it('counts hostile JSON (200,000 nested brackets, 1e400, 100,000 digits) as rejections, not crashes', async () => {
    const dir = tempDir();
    const path = join(dir, 'hostile.jsonl');
    const ok = { ts: '2026-04-22T00:00:00Z', account_id: 'a' };
    writeFileSync(path, ['['.repeat(200_000), JSON.stringify(ok).replace('}', ',"input_tokens":1e400}'), JSON.stringify(ok).replace('}', `,"output_tokens":${'9'.repeat(100_000)}}`), JSON.stringify(ok)].join('\n'));
    const { stats } = await readRecords({ inputs: [path] });
    expect(stats.records).toBe(1);
    expect(Object.fromEntries(stats.rejectedByReason)).toEqual({ malformed_json: 1, bad_tokens: 2 });
  });

  it('reports a corrupt Arrow file as an input error naming it', async () => {
    const dir = tempDir();
    const path = join(dir, 'fake.arrow');
    writeFileSync(path, Buffer.concat([Buffer.from('ARROW1\0\0'), Buffer.alloc(64, 0x41)]));
    await expect(readRecords({ inputs: [path] })).rejects.toThrow(/fake\.arrow: cannot read arrow input/);
  });
});

describe('ingest: --map', () => {
  it('maps fields from dotted paths, brackets and JSON strings, with units', async () => {
    const dir = tempDir();
    const path = join(dir, 'custom.jsonl');
    writeFileSync(
      path,
      `${JSON.stringify({ when: 1776852000, who: { id: 'u1' }, meta: '{"cf.user_id":"u9","n":[5,6]}', usage: { in: 10, out: 20 }, rt: 1.5 })}\n`,
    );
    const { records, warnings } = await readRecords({
      inputs: [path],
      maps: ['ts=when', 'account_id=who.id', 'org_id=meta["cf.user_id"]', 'input_tokens=usage.in', 'output_tokens=meta.n.1', 'latency_ms=rt:s', 'model=nowhere'],
    });
    expect(records[0]).toMatchObject({ account_id: 'u1', org_id: 'u9', input_tokens: 10, output_tokens: 6, latency_ms: 1500, model: null });
    expect(warnings).toContain('--map model=nowhere: path never matched any record');
  });

  it('maps CSV columns whose names contain dots', async () => {
    const dir = tempDir();
    const path = join(dir, 'dots.csv');
    writeFileSync(path, 'time,user.id,meta\n2026-04-22T00:00:00Z,u1,"{""team"":""t1""}"\n');
    const { records } = await readRecords({ inputs: [path], maps: ['ts=time', 'account_id=user.id', 'org_id=meta.team'] });
    expect(records[0]).toMatchObject({ account_id: 'u1', org_id: 't1' });
  });
});
