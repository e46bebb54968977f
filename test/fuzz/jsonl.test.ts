/**
 * Fuzzing the JSONL reader through the library's ingest(): generated files mixing valid canonical records,
 * arbitrary JSON values, records with canonical keys and arbitrary values, and garbage text.
 *
 * Properties: no exception escapes ingest(); every non-blank line is counted exactly once as accepted,
 * rejected or filtered (an array line counts once per element: it is an envelope of records); and every
 * valid canonical record comes out with the account id, token counts and time it went in with.
 * A fixed seed keeps CI deterministic; change SEED locally to explore.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'vitest';
import { type CanonicalRecord, formatTime, ingest, parseTime } from '../../src/index.js';
import { tempDir } from '../helpers/ingest.js';

const SEED = 0x5eed_0008;
/** Files fed on stdin (cheap), and files on disk named .jsonl whose first line may be anything. */
const RUNS = 2000;
const FILE_RUNS = 300;

/** Whole-ms instants the epoch encodings can all express (ms ≥ 1e11: smaller numbers are read as seconds). */
const MIN_MS = Date.UTC(1974, 0, 1);
const MAX_MS = Date.UTC(2999, 11, 30);

const ACCOUNT_ARB = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }).map((s) => ` ${s}\t`) },
  // Up to the 4,096-character limit (a longer id is bad_field: test/hardening).
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 4080, max: 4092 }), fc.string({ maxLength: 4 })).map(([n, s]) => `${s}${'x'.repeat(n)}`) },
).filter((s) => s !== '' && s !== '-' && s.trim().length > 0);

/** What validation makes of a valid account id: trimmed. */
const expectedAccount = (s: string): string => s.trim();

interface Ts {
  raw: unknown;
  ms: number;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** One instant in one of the encodings CONTRACT §3 accepts, with the epoch ms it must parse to. */
const TS_ARB: fc.Arbitrary<Ts> = fc
  .tuple(fc.integer({ min: MIN_MS, max: MAX_MS }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1000, max: 989_999 }), fc.integer({ min: -14 * 60, max: 14 * 60 }))
  .map(([ms, kind, sub, offset]) => {
    const d = new Date(ms);
    const s = Math.floor(ms / 1000);
    switch (kind) {
      case 0:
        return { raw: d.toISOString(), ms };
      case 1:
        return { raw: ms, ms };
      case 2:
        return { raw: String(ms), ms };
      case 3:
        return { raw: s, ms: s * 1000 };
      case 4:
        return { raw: `${s}.${pad(ms % 1000, 3)}`, ms };
      case 5:
        // µs / ns digit strings: the sub-ms part keeps clear of both float rounding edges (.000 and .99x),
        // where parseTime is off by one ms (pinned as a known bug in test/fuzz/time.test.ts).
        return { raw: `${ms}${pad(Math.floor(sub / 1000), 3)}`, ms };
      case 6:
        return { raw: `${ms}${pad(sub, 6)}`, ms };
      case 7:
        return { raw: ms * 1000 + Math.floor(sub / 1000), ms };
      case 8:
        // "YYYY-MM-DD HH:MM:SS.fff", no zone → UTC
        return { raw: d.toISOString().replace('T', ' ').replace('Z', ''), ms };
      case 9: {
        // Local time with a numeric offset, ±hh:mm or ±hhmm.
        const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
        const sign = offset < 0 ? '-' : '+';
        const a = Math.abs(offset);
        const zone = `${sign}${pad(Math.floor(a / 60), 2)}${ms % 2 ? ':' : ''}${pad(a % 60, 2)}`;
        return { raw: `${local}${zone}`, ms };
      }
      case 10:
        // Seconds precision with lower-case z and extra fractional digits (.NET writes 7).
        return { raw: `${d.toISOString().slice(0, 23)}${pad(sub % 10_000, 4)}z`, ms };
      default:
        return { raw: `${d.toISOString().slice(0, 10)}`, ms: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) };
    }
  });

interface Count {
  raw: unknown;
  value: number;
}

const COUNT_ARB: fc.Arbitrary<Count | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant({ raw: null, value: 0 }),
  fc.constant({ raw: '', value: 0 }),
  fc.maxSafeNat().map((n) => ({ raw: n, value: n })),
  fc.nat({ max: 1_000_000 }).map((n) => ({ raw: String(n), value: n })),
  fc.nat({ max: 1_000_000 }).map((n) => ({ raw: ` ${n}.0 `, value: n })),
);

interface Valid {
  account: string;
  ts: Ts;
  input?: Count;
  output?: Count;
}

const VALID_ARB: fc.Arbitrary<Valid> = fc.record({ account: ACCOUNT_ARB, ts: TS_ARB, input: COUNT_ARB, output: COUNT_ARB });

const CANONICAL_KEYS = ['ts', 'account_id', 'org_id', 'model', 'input_tokens', 'output_tokens', 'request_count', 'ip', 'asn', 'prompt', 'account_created_at', 'temperature', 'latency_ms'];

/** Canonical keys with arbitrary values: exercises every rejection reason. */
const LOOSE_RECORD_ARB = fc.dictionary(fc.constantFrom(...CANONICAL_KEYS), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary' }), TS_ARB.map((t) => t.raw)), { maxKeys: 8 });

type Line = { kind: 'valid'; valid: Valid } | { kind: 'text'; text: string };

const LINE_ARB: fc.Arbitrary<Line> = fc.oneof(
  { weight: 5, arbitrary: VALID_ARB.map((valid) => ({ kind: 'valid' as const, valid })) },
  { weight: 3, arbitrary: LOOSE_RECORD_ARB.map((o) => ({ kind: 'text' as const, text: JSON.stringify(o) })) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({ kind: 'text' as const, text: JSON.stringify(v) })) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((text) => ({ kind: 'text' as const, text })) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', '{', '[', '{"account_id":"x"', 'null', '"just a string"', '[]', '[{}]', '\u0000', '\uFEFF{}').map((text) => ({ kind: 'text' as const, text })) },
);

const FILE_ARB = fc.record({
  lines: fc.array(LINE_ARB, { minLength: 0, maxLength: 12 }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
});

interface File {
  lines: Line[];
  crlf: boolean;
  bom: boolean;
  finalNewline: boolean;
}

/**
 * On stdin a first line that opens a JSON value without closing it switches the reader to whole-document
 * mode (jsonl.ts wantsDocuments), where the line-count invariant does not hold; those runs start with a
 * fixed valid line. Files named .jsonl are always line-delimited.
 */
const FIRST_LINE: Line = { kind: 'valid', valid: { account: 'first', ts: { raw: '2026-04-22T00:00:00Z', ms: Date.UTC(2026, 3, 22) } } };

function render(file: File, leading: Line[] = []): { text: string; valid: Map<string, Valid> } {
  const valid = new Map<string, Valid>();
  const texts = [...leading, ...file.lines].map((line, i) => {
    if (line.kind === 'text') return line.text;
    const id = `rid-${i}`;
    valid.set(id, line.valid);
    const o: Record<string, unknown> = { request_id: id, account_id: line.valid.account, ts: line.valid.ts.raw };
    if (line.valid.input) o.input_tokens = line.valid.input.raw;
    if (line.valid.output) o.output_tokens = line.valid.output.raw;
    return JSON.stringify(o);
  });
  const eol = file.crlf ? '\r\n' : '\n';
  const text = `${file.bom ? '\uFEFF' : ''}${texts.join(eol)}${file.finalNewline && texts.length ? eol : ''}`;
  return { text, valid };
}

/**
 * How many records the file holds, judged independently of the reader: each non-blank line is one record,
 * except a line that is a JSON array, which holds one per element (CONTRACT §3; formats.md §9.4).
 */
function expectedCount(text: string): number {
  const decoded = Buffer.from(text, 'utf8').toString('utf8').replace(/^\uFEFF/, '');
  let n = 0;
  for (let line of decoded.split('\n')) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim().length === 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      n++;
      continue;
    }
    n += Array.isArray(value) ? value.length : 1;
  }
  return n;
}

async function check(text: string, valid: Map<string, Valid>, input: { path: string } | { stdin: true }): Promise<void> {
  const accepted: CanonicalRecord[] = [];
  let rejections = 0;
  const options = 'path' in input ? { inputs: [input.path] } : { inputs: ['-'], stdin: Readable.from([Buffer.from(text, 'utf8')]) };
  const stats = await ingest({ ...options, maxRejected: 1, onReject: () => rejections++ }, (batch) => {
    for (let i = 0; i < batch.length; i++) accepted.push(batch.row(i));
  });
  // node:assert, not expect: it is called ~100,000 times here and is much cheaper.
  assert.equal(stats.records + stats.rejected + stats.filtered, expectedCount(text), 'accepted + rejected + filtered = records in the file');
  assert.equal(stats.records, accepted.length);
  assert.equal(stats.rejected, rejections);
  assert.equal([...stats.rejectedByReason.values()].reduce((a, b) => a + b, 0), stats.rejected);

  const seen = new Set<string>();
  for (const r of accepted) {
    assert.ok(typeof r.account_id === 'string' && r.account_id.length > 0, 'accepted records have an account id');
    assert.ok(Number.isInteger(r.ts), 'ts is whole epoch ms');
    assert.equal(parseTime(formatTime(r.ts)), r.ts);
    const v = r.request_id ? valid.get(r.request_id) : undefined;
    if (!v || !r.request_id) continue;
    seen.add(r.request_id);
    assert.equal(r.account_id, expectedAccount(v.account));
    assert.equal(r.ts, v.ts.ms, `ts ${JSON.stringify(v.ts.raw)}`);
    assert.equal(formatTime(r.ts), new Date(v.ts.ms).toISOString());
    assert.equal(r.input_tokens, v.input?.value ?? 0);
    assert.equal(r.output_tokens, v.output?.value ?? 0);
    assert.equal(r.request_count, 1);
  }
  assert.deepEqual([...valid.keys()].filter((id) => !seen.has(id)), [], 'every valid record is accepted');
}

describe('fuzz: JSONL ingest', () => {
  it(`counts every line and round-trips valid records (${RUNS} generated inputs on stdin)`, async () => {
    await fc.assert(
      fc.asyncProperty(FILE_ARB, async (file) => {
        const { text, valid } = render(file, [FIRST_LINE]);
        await check(text, valid, { stdin: true });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`does the same for .jsonl files whose first line may be anything (${FILE_RUNS} generated files)`, async () => {
    const path = join(tempDir(), 'fuzz.jsonl');
    await fc.assert(
      fc.asyncProperty(FILE_ARB, async (file) => {
        const { text, valid } = render(file);
        writeFileSync(path, text);
        await check(text, valid, { path });
      }),
      { seed: SEED + 1, numRuns: FILE_RUNS },
    );
  });
});
