/**
 * Hostile inputs through the built CLI, as an attacker-supplied export would arrive: every run must end
 * with exit 0 or 2, at most one line on stderr (no stack, no "internal error"), within a time limit, with
 * valid JSON on stdout when it exits 0, and with each rejected record counted under its reason.
 * Big inputs (a 60 MB line, a 400 MB gzip bomb) are generated in a temp dir and removed afterwards.
 *
 * The tests under "bugs found here" failed when this suite was written; they were fixed and stay as
 * regression tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/index.js';
import { fixture } from '../helpers/ingest.js';

const BIN = new URL('../../bin/distill-forensics', import.meta.url).pathname;
const RSS_LIMIT_MB = 600;
const OK_LINE = JSON.stringify({ ts: '2026-04-22T00:00:00Z', account_id: 'ok' });

let DIR = '';
beforeAll(() => {
  DIR = mkdtempSync(join(tmpdir(), 'distill-forensics-hostile-'));
});
afterAll(() => {
  if (DIR) rmSync(DIR, { recursive: true, force: true });
});

// ---- running the CLI ----

/** GNU time reports a child's peak RSS exactly; without it, /proc/<pid>/status VmHWM is polled. */
const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', '-o', '/dev/null', 'true']).status === 0;

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** Peak resident set size, when the platform lets us measure it. */
  peakRssMb?: number;
}

let runs = 0;

function cli(args: string[], opts: { timeoutMs?: number; rss?: boolean } = {}): Promise<Result> {
  const env: NodeJS.ProcessEnv = { ...process.env, DEBUG: '', NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const rssFile = opts.rss && GNU_TIME ? join(DIR, `rss-${++runs}.txt`) : undefined;
  const [cmd, argv] = rssFile ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, BIN, ...args]] : [process.execPath, [BIN, ...args]];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let hwmKb = 0;
    const poll =
      opts.rss && !rssFile && existsSync('/proc/self/status')
        ? setInterval(() => {
            try {
              const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
              if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
            } catch {
              // exited
            }
          }, 20)
        : undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out after ${opts.timeoutMs ?? 60_000} ms: distill-forensics ${args.join(' ')}`));
    }, opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      let peakRssMb: number | undefined = hwmKb ? hwmKb / 1024 : undefined;
      if (rssFile && existsSync(rssFile)) {
        // GNU time prefixes "Command exited with non-zero status N" when the child fails.
        const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
        if (Number.isFinite(kb) && kb > 0) peakRssMb = kb / 1024;
      }
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), seconds: (performance.now() - started) / 1000, peakRssMb });
    });
  });
}

/** Exit 0 or 2, at most one stderr line and never a stack or an internal error; the report when exit 0. */
function expectClean(r: Result, what: string, json = true): Report | undefined {
  expect(r.signal, what).toBeNull();
  expect([0, 2], `${what}: exit ${r.code}, stderr ${r.stderr}`).toContain(r.code);
  const lines = r.stderr.split('\n').filter((l) => l.length > 0);
  expect(lines.length, `${what}: stderr ${r.stderr}`).toBeLessThanOrEqual(1);
  expect(r.stderr).not.toMatch(/internal error/i);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  if (r.code === 2) {
    expect(lines, what).toHaveLength(1);
    expect(lines[0]).toMatch(/^distill-forensics: \S/);
    return undefined;
  }
  return json ? (JSON.parse(r.stdout) as Report) : undefined;
}

async function scan(input: string, extra: string[] = [], opts: { timeoutMs?: number; rss?: boolean } = {}): Promise<{ r: Result; report?: Report }> {
  const r = await cli(['scan', input, '--format', 'json', ...extra], opts);
  return { r, report: expectClean(r, `scan ${input} ${extra.join(' ')}`) };
}

/** `features --out`: on exit 0 the table is there; on exit 2 nothing is, not even a temp file. */
async function features(input: string, extra: string[] = [], opts: { timeoutMs?: number; rss?: boolean } = {}): Promise<Result> {
  const dir = mkdtempSync(join(DIR, 'features-'));
  const out = join(dir, 'features.csv');
  const r = await cli(['features', input, '--out', out, ...extra], opts);
  expectClean(r, `features ${input} ${extra.join(' ')}`, false);
  expect(r.stdout).toBe('');
  expect(readdirSync(dir)).toEqual(r.code === 0 ? ['features.csv'] : []);
  if (r.code === 0) expect(r.stderr).toMatch(/^distill-forensics: \d+ records, \d+ rejected, \d+ filtered → \d+ accounts/);
  return r;
}

function expectCounts(report: Report | undefined, records: number, rejectedByReason: Record<string, number>): void {
  expect(report).toBeDefined();
  expect(report!.input.records).toBe(records);
  expect(report!.input.rejected_by_reason).toEqual(rejectedByReason);
  expect(report!.input.rejected).toBe(Object.values(rejectedByReason).reduce((a, b) => a + b, 0));
}

// ---- generated inputs ----

/** Seeded PRNG (mulberry32), so the "random" binary is the same on every run. */
function randomBytes(seed: number, n: number): Buffer {
  let a = seed >>> 0;
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    b[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return b;
}

function write(name: string, content: string | Buffer): string {
  const path = join(DIR, name);
  writeFileSync(path, content);
  return path;
}

/** A file of `mb` MiB of `fill` between `head` and `tail`, written in 1 MiB steps. */
function bigFile(name: string, head: string, mb: number, fill: number, tail: string): string {
  const path = join(DIR, name);
  const fd = openSync(path, 'w');
  writeSync(fd, head);
  const chunk = Buffer.alloc(1 << 20, fill);
  for (let i = 0; i < mb; i++) writeSync(fd, chunk);
  writeSync(fd, tail);
  closeSync(fd);
  return path;
}

/** 400 MiB of spaces gzipped by streaming (never in memory): ~400 KB on disk. */
async function gzipBomb(name: string, mb = 400): Promise<string> {
  const path = join(DIR, name);
  const chunk = Buffer.alloc(1 << 20, 0x20);
  await pipeline(
    Readable.from((function* () {
      for (let i = 0; i < mb; i++) yield chunk;
    })()),
    createGzip({ level: 6 }),
    createWriteStream(path),
  );
  return path;
}

// ---- the corpus ----

describe('hostile inputs: small files', { concurrent: true }, () => {
  it('an empty file: an empty report, and an empty feature table', async () => {
    const input = fixture('hostile/empty.jsonl');
    const { report } = await scan(input);
    expectCounts(report, 0, {});
    expect(report!.clusters).toEqual([]);
    await features(input);
  });

  it('200,000 levels of nested brackets: counted as malformed JSON / not an object, the run goes on', async () => {
    const input = write('nested.jsonl', ['['.repeat(200_000), '{'.repeat(200_000), `${'['.repeat(200_000)}${']'.repeat(200_000)}`, `{"a":${'['.repeat(200_000)}`, OK_LINE].join('\n'));
    const strict = await scan(input);
    expect(strict.r.code).toBe(2);
    expect(strict.r.stderr).toMatch(/4 of 5 records rejected .*malformed_json 3, not_an_object 1/);
    const { report } = await scan(input, ['--max-rejected', '1']);
    expectCounts(report, 1, { malformed_json: 3, not_an_object: 1 });
    await features(input, ['--max-rejected', '1']);
  });

  it('1e400, -1e400, 1e-400 and 100,000-digit numbers in token, time and count fields', async () => {
    const digits = '9'.repeat(100_000);
    const rec = (extra: string): string => OK_LINE.replace('}', `,${extra}}`);
    const lines = [
      rec('"input_tokens":1e400'),
      rec('"input_tokens":-1e400'),
      rec(`"output_tokens":${digits}`),
      rec(`"output_tokens":"${digits}"`),
      rec('"ts2":1,"request_count":1e400'),
      OK_LINE.replace('"2026-04-22T00:00:00Z"', '1e400'),
      OK_LINE.replace('"2026-04-22T00:00:00Z"', `"${digits}"`),
      rec('"input_tokens":1e-400'), // parses as 0: accepted
      ...Array.from({ length: 4 }, () => OK_LINE),
    ];
    const input = write('numbers.jsonl', lines.join('\n'));
    const { report } = await scan(input, ['--max-rejected', '1']);
    expectCounts(report, 5, { bad_tokens: 4, bad_request_count: 1, bad_ts: 2 });
    expect(report!.clusters.flatMap((c) => [c.input_tokens, c.output_tokens, c.exchanges]).every(Number.isFinite)).toBe(true);
    await features(input, ['--max-rejected', '1']);
  });

  it.each([
    ['plain', ''],
    ['after gzip magic and a deflate header', '1f8b0800000000000003'],
    ['after Arrow file magic', '4152524f57310000'],
    ['after the Arrow stream continuation marker', 'ffffffff'],
    ['after {', '7b'],
  ])('256 KB of seeded random bytes %s', async (_name, prefix) => {
    const input = write(`random-${prefix || 'plain'}.bin`, Buffer.concat([Buffer.from(prefix, 'hex'), randomBytes(0xd15711 + prefix.length, 256 * 1024)]));
    const { r, report } = await scan(input, ['--max-rejected', '1']);
    if (prefix.startsWith('1f8b')) expect(r.stderr).toMatch(/truncated or corrupt gzip data/);
    if (prefix.startsWith('41')) expect(r.stderr).toMatch(/cannot read arrow input/);
    if (report) {
      expect(report.input.records).toBe(0);
      expect(report.input.rejected).toBe(Object.values(report.input.rejected_by_reason).reduce((a, b) => a + b, 0));
    }
    if (!prefix) await features(input, ['--max-rejected', '1']);
  });

  it('a truncated gzip: one line naming the file, and no output', async () => {
    const input = fixture('hostile/truncated.jsonl.gz');
    const { r } = await scan(input);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`distill-forensics: ${input}: truncated or corrupt gzip data (unexpected end of file)`);
    expect((await features(input)).code).toBe(2);
  });

  it('a fake Arrow file (ARROW1 magic, then garbage): one line naming the file', async () => {
    const input = fixture('hostile/fake.arrow');
    const { r } = await scan(input);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^distill-forensics: ${input.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot read arrow input: `));
    expect((await features(input)).code).toBe(2);
  });

  it('a CSV with 10,000 columns', async () => {
    const header = ['ts', 'account_id', ...Array.from({ length: 9_998 }, (_, i) => `c${i}`)];
    const rows = Array.from({ length: 20 }, (_, r) => ['2026-04-22T00:00:00Z', `acct_${r % 4}`, ...Array.from({ length: 9_998 }, (_, i) => String(i))].join(','));
    const input = write('wide.csv', `${[header.join(','), ...rows].join('\n')}\n`);
    const { report } = await scan(input);
    expectCounts(report, 20, {});
    expect(report!.input.accounts).toBe(4);
    await features(input);
  });

  it('a ragged CSV with an unterminated quote: short, long and unterminated rows rejected as malformed_csv', async () => {
    const input = fixture('hostile/ragged.csv');
    const strict = await scan(input);
    expect(strict.r.code).toBe(2);
    expect(strict.r.stderr).toMatch(/3 of 5 records rejected .*malformed_csv 3/);
    const { report } = await scan(input, ['--max-rejected', '1']);
    // The unterminated quote of row d costs row d alone: row e is read again after it.
    expectCounts(report, 2, { malformed_csv: 3 });
    await features(input, ['--max-rejected', '1']);
  });

  it('invalid UTF-8: bad bytes inside strings become U+FFFD, a line of garbage bytes is malformed JSON', async () => {
    const input = fixture('hostile/invalid-utf8.jsonl');
    const { report } = await scan(input, ['--max-rejected', '1']);
    expectCounts(report, 2, { malformed_json: 1 });
    const accounts = report!.clusters.flatMap((c) => c.accounts);
    expect(accounts).toContain('good');
    expect(accounts.find((a) => a.startsWith('bad'))).toMatch(/^bad\uFFFD+\(\uFFFD+$/);
    await features(input, ['--max-rejected', '1']);
  });

  it('NUL bytes: escaped NUL is kept (and escaped again on output), raw NUL makes the line malformed', async () => {
    const input = fixture('hostile/nul-bytes.jsonl');
    const { r, report } = await scan(input, ['--max-rejected', '1']);
    expectCounts(report, 2, { malformed_json: 2 });
    expect(report!.clusters.flatMap((c) => c.accounts).sort()).toEqual(['n\u0000ul', 'ok']);
    expect(r.stdout).not.toContain('\u0000');
    await features(input, ['--max-rejected', '1']);
  });

  it('CRLF line ends (with a BOM) are accepted normally, in JSONL and CSV alike', async () => {
    const reports: Report[] = [];
    for (const name of ['crlf.jsonl', 'crlf.csv']) {
      const input = fixture(`hostile/${name}`);
      const { report } = await scan(input);
      expectCounts(report, 50, {});
      expect(report!.input.accounts).toBe(5);
      expect(report!.input.time_range).toEqual({ first: '2026-04-22T00:00:00.000Z', last: '2026-04-22T00:00:49.000Z' });
      reports.push(report!);
      const f = await features(input);
      expect(f.stderr).toMatch(/50 records, 0 rejected, 0 filtered → 5 accounts/);
    }
    expect(reports[1].clusters).toEqual(reports[0].clusters);
  });
});

describe('hostile inputs: big files', () => {
  let longLine = '';
  beforeAll(() => {
    // One 60 MiB line (a record whose prompt is 60 MiB of "a"), then an ordinary line.
    longLine = bigFile('long-line.jsonl', '{"ts":"2026-04-22T00:00:00Z","account_id":"big","prompt":"', 60, 0x61, `"}\n${OK_LINE}\n`);
  });

  it('a 60 MB line with the default --max-line-bytes: accepted or rejected as line_too_long, never a crash', async () => {
    const { r, report } = await scan(longLine, ['--max-rejected', '1'], { rss: true });
    expect(report!.input.records + report!.input.rejected).toBe(2);
    if (report!.input.rejected) expect(report!.input.rejected_by_reason).toEqual({ line_too_long: 1 });
    if (r.peakRssMb !== undefined) expect(r.peakRssMb).toBeLessThan(RSS_LIMIT_MB);
  });

  it('a 60 MB line with --max-line-bytes 1000000: rejected as line_too_long and counted', async () => {
    const { r, report } = await scan(longLine, ['--max-line-bytes', '1000000', '--max-rejected', '1'], { rss: true });
    expectCounts(report, 1, { line_too_long: 1 });
    if (r.peakRssMb !== undefined) expect(r.peakRssMb).toBeLessThan(RSS_LIMIT_MB);
    const strict = await scan(longLine, ['--max-line-bytes', '1000000']);
    expect(strict.r.code).toBe(2);
    expect(strict.r.stderr).toMatch(/1 of 2 records rejected \(50\.0% > --max-rejected 0\.05\): line_too_long 1/);
    const f = await features(longLine, ['--max-line-bytes', '1000000', '--max-rejected', '1']);
    expect(f.stderr).toMatch(/1 records, 1 rejected/);
  });

  it('a gzip bomb (400 MB of spaces in ~400 KB): streamed with bounded memory', async () => {
    const bomb = await gzipBomb('bomb.gz');
    const { r, report } = await scan(bomb, [], { rss: true, timeoutMs: 90_000 });
    expectCounts(report, 0, {});
    if (r.peakRssMb !== undefined) expect(r.peakRssMb).toBeLessThan(RSS_LIMIT_MB);
    // The same bytes behind a gzip member holding "{": one 400 MB JSON line, skipped to its end.
    const jsonBomb = write('bomb.jsonl.gz', Buffer.concat([gzipSync('{'), readFileSync(bomb)]));
    const j = await scan(jsonBomb, ['--max-rejected', '1'], { rss: true, timeoutMs: 90_000 });
    expectCounts(j.report, 0, { line_too_long: 1 });
    if (j.r.peakRssMb !== undefined) expect(j.r.peakRssMb).toBeLessThan(RSS_LIMIT_MB);
    const f = await features(bomb, [], { rss: true, timeoutMs: 90_000 });
    if (f.peakRssMb !== undefined) expect(f.peakRssMb).toBeLessThan(RSS_LIMIT_MB);
  }, 240_000);
});

describe('hostile inputs: bugs found here', { concurrent: true }, () => {
  // Was a bug (src/ingest/validate.ts asString, now a counted bad_field): a deeply nested array/object in a string field (org_id,
  // model, user_agent, asn, account_id, prompt…) is JSON.stringify'd, which overflows the stack from ~5,000
  // levels; the RangeError escapes the reader and the whole run fails with exit 2 "<file>: cannot read jsonl
  // input: Maximum call stack size exceeded" instead of that one line being counted.
  it('a 5,000-deep array in org_id is one counted record, not a failed run', async () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const input = write('deep-field.jsonl', [OK_LINE.replace('}', `,"org_id":${deep}}`), OK_LINE].join('\n'));
    const { r, report } = await scan(input, ['--max-rejected', '1']);
    expect(r.code).toBe(0);
    expect(report!.input.records + report!.input.rejected).toBe(2);
  });

  // Was a bug (src/ingest/jsonl.ts, rejection text of an exploded element): with --errors, the text of a
  // not_an_object element is JSON.stringify'd — 200,000 levels overflow the stack and the run fails.
  // Was a bug: account ids that name no account reliably were accepted — 20-digit numbers rounded by
  // JSON.parse (two accounts merged), ids cut at 4,096 characters (merged too), true/1.5/[]/{} as ids, and
  // a deeply nested array accepted by the worker path but rejected on the main thread.
  it('account ids that are not text or exact integers, or over 4,096 characters, are bad_field; 2^53 - 1 and a quoted 20-digit id are kept', async () => {
    const ids = ['12345678901234567890', '12345678901234567891', 'true', '1.5', '[]', '{}', '1e400', `"${'A'.repeat(5000)}X"`, `"${'A'.repeat(5000)}Y"`, `${'['.repeat(5000)}${']'.repeat(5000)}`];
    const kept = ['9007199254740991', '"12345678901234567890"', '"-42"'];
    const input = write('ids.jsonl', [...ids, ...kept].map((id) => `{"ts":"2026-04-22T00:00:00Z","account_id":${id},"input_tokens":1}`).join('\n'));
    for (const workers of ['1', '2']) {
      const { report } = await scan(input, ['--max-rejected', '1', '--workers', workers]);
      expectCounts(report, 3, { bad_field: 10 });
      expect(report!.input.accounts).toBe(3);
    }
  });

  it('--errors with a deeply nested array element still completes', async () => {
    const input = write('deep-errors.jsonl', [`${'['.repeat(200_000)}${']'.repeat(200_000)}`, OK_LINE].join('\n'));
    const { r, report } = await scan(input, ['--max-rejected', '1', '--errors', join(DIR, 'deep-errors.ndjson')]);
    expect(r.code).toBe(0);
    expectCounts(report, 1, { not_an_object: 1 });
  });

  // Was a KNOWN BUG (src/ingest/presets/fields.ts, http-access.ts: String(v) on attacker JSON), fixed with
  // scalarText: an object with its own "toString" key threw "Cannot convert object to primitive value" and fails the run.
  it('an object with an own toString key in an http-access field is one counted record', async () => {
    const input = write('tostring.jsonl', [
      '{"msec":"1717430529.417","remote_addr":"198.51.100.23","method":"POST","uri":"/v1/chat/completions","account":"acct_1"}',
      '{"msec":"1717430530.417","remote_addr":{"toString":1},"method":"POST","uri":"/v1/chat/completions","account":"acct_2"}',
    ].join('\n'));
    const { r, report } = await scan(input, ['--preset', 'http-access', '--max-rejected', '1', '--quiet']);
    expect(r.code).toBe(0);
    expect(report!.input.records + report!.input.rejected + report!.input.filtered).toBe(2);
  });

  // Was a KNOWN BUG (src/ingest/csv.ts on csv-parse skip_records_with_error; csv.ts now splits records itself): after an invalid closing quote
  // (`"b" ,2`) csv-parse stays inside the quoted field, so the 20 valid rows after it vanish without a count
  // (observed: 1 record, 2 malformed_csv — 19 rows unaccounted for).
  it('a CSV row with a space after its closing quote costs that row only', async () => {
    const { report } = await scan(fixture('hostile/bad-closing-quote.csv'), ['--max-rejected', '1']);
    expectCounts(report, 21, { malformed_csv: 1 });
  });

  // Was a KNOWN BUG (src/ingest/csv.ts max_record_size; now CsvRecordSplitter): an over-long CSV row was reported once per chunk csv-parse
  // reads (61 line_too_long for one 60 MB row with --max-line-bytes 1000000) and the rows after it are lost.
  it('a 60 MB CSV row with --max-line-bytes 1000000 is one line_too_long, and the next row is kept', async () => {
    const input = bigFile('long-row.csv', 'ts,account_id,prompt\n2026-04-22T00:00:00Z,big,', 60, 0x61, '\n2026-04-22T00:00:00Z,next,x\n');
    const { report } = await scan(input, ['--max-line-bytes', '1000000', '--max-rejected', '1']);
    expectCounts(report, 1, { line_too_long: 1 });
  }, 120_000);
});
