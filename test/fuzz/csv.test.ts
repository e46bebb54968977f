/**
 * Fuzzing the CSV reader through ingest(): generated well-formed CSV (RFC 4180 quoting, arbitrary cell text
 * with quotes, commas, CR/LF, NUL, any Unicode; some rows with the wrong number of cells) and plain garbage.
 *
 * Properties: no exception escapes ingest(); in well-formed CSV every data row is counted exactly once as
 * accepted, rejected or filtered, and valid canonical rows come out with the account id, token counts and
 * time they went in with; in garbage no more records are counted than there are physical lines.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'vitest';
import { type CanonicalRecord, formatTime, ingest, parseTime } from '../../src/index.js';

const SEED = 0x5eed_c5f;
const RUNS = 1500;
const GARBAGE_RUNS = 700;

const MIN_MS = Date.UTC(1974, 0, 1);
const MAX_MS = Date.UTC(2999, 11, 30);

/** Cells are text in CSV: every time encoding is a string. */
const TS_ARB = fc.tuple(fc.integer({ min: MIN_MS, max: MAX_MS }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1000, max: 989_999 })).map(([ms, kind, sub]) => {
  const s = Math.floor(ms / 1000);
  switch (kind) {
    case 0:
      return { raw: new Date(ms).toISOString(), ms };
    case 1:
      return { raw: String(ms), ms };
    case 2:
      return { raw: String(s), ms: s * 1000 };
    case 3:
      return { raw: new Date(ms).toISOString().replace('T', ' ').replace('Z', ''), ms };
    default:
      // ns; the sub-ms part keeps clear of both rounding edges (time.test.ts pins the known bug there).
      return { raw: `${ms}${String(sub).padStart(6, '0')}`, ms };
  }
});

const ACCOUNT_ARB = fc
  .oneof({ weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }) }, fc.constantFrom('a,b', 'say "hi"', 'line\nbreak', 'cr\rlf', '\u0000', ' padded ', '=1+1'))
  .filter((s) => s !== '' && s !== '-' && s.trim().length > 0);

const COUNT_ARB = fc.option(fc.nat({ max: 10_000_000 }), { nil: undefined });

const CELL_ARB = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '"', '""', ',', '\n', '\r\n', '\r', ' ', '-', 'null', '{"a":1}', '\uFEFF') },
);

const EXTRA_COLUMNS = ['x_note', 'x_meta', 'user_agent', 'model'];
const HEADER = ['ts', 'account_id', 'input_tokens', 'output_tokens', 'request_id'];

interface ValidRow {
  account: string;
  ts: { raw: string; ms: number };
  input?: number;
  output?: number;
}

type Row = { kind: 'valid'; v: ValidRow; extra: string[] } | { kind: 'random'; cells: string[] };

const FILE_ARB = fc
  .record({ extras: fc.subarray(EXTRA_COLUMNS), order: fc.nat(), crlf: fc.boolean(), bom: fc.boolean(), finalNewline: fc.boolean(), quoteAll: fc.boolean() })
  .chain((layout) => {
    const width = HEADER.length + layout.extras.length;
    const row: fc.Arbitrary<Row> = fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .record({ v: fc.record({ account: ACCOUNT_ARB, ts: TS_ARB, input: COUNT_ARB, output: COUNT_ARB }), extra: fc.array(CELL_ARB, { minLength: layout.extras.length, maxLength: layout.extras.length }) })
          .map((r) => ({ kind: 'valid' as const, ...r })),
      },
      { weight: 2, arbitrary: fc.array(CELL_ARB, { minLength: 1, maxLength: width + 2 }).map((cells) => ({ kind: 'random' as const, cells })) },
    );
    return fc.record({ layout: fc.constant(layout), rows: fc.array(row, { maxLength: 10 }) });
  });

function quote(cell: string, always: boolean): string {
  return always || /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}

interface Layout {
  extras: string[];
  order: number;
  crlf: boolean;
  bom: boolean;
  finalNewline: boolean;
  quoteAll: boolean;
}

function render(file: { layout: Layout; rows: Row[] }) {
  const { layout } = file;
  const columns = [...HEADER, ...layout.extras];
  // A fixed rotation of the columns, so that account_id and ts are not always first.
  const shift = layout.order % columns.length;
  const order = [...columns.slice(shift), ...columns.slice(0, shift)];
  const valid = new Map<string, ValidRow>();
  let counted = 0;
  const lines = [order.map((c) => quote(c, layout.quoteAll)).join(',')];
  file.rows.forEach((row, i) => {
    let cells: string[];
    if (row.kind === 'valid') {
      const id = `rid-${i}`;
      valid.set(id, row.v);
      const byName: Record<string, string> = {
        ts: row.v.ts.raw,
        account_id: row.v.account,
        input_tokens: row.v.input === undefined ? '' : String(row.v.input),
        output_tokens: row.v.output === undefined ? '' : String(row.v.output),
        request_id: id,
      };
      layout.extras.forEach((c, k) => {
        byName[c] = row.extra[k];
      });
      cells = order.map((c) => byName[c]);
    } else {
      cells = row.cells;
    }
    // csv.ts: a row of blank cells only is a blank line (or a spreadsheet's empty row), not a record.
    if (!cells.every((c) => c.trim() === '')) counted++;
    lines.push(cells.map((c) => quote(c, layout.quoteAll)).join(','));
  });
  const eol = layout.crlf ? '\r\n' : '\n';
  return { text: `${layout.bom ? '\uFEFF' : ''}${lines.join(eol)}${layout.finalNewline ? eol : ''}`, valid, counted };
}

async function run(text: string) {
  const accepted: CanonicalRecord[] = [];
  let rejections = 0;
  const stats = await ingest(
    { inputs: ['-'], stdin: Readable.from([Buffer.from(text, 'utf8')]), inputFormat: 'csv', maxRejected: 1, onReject: () => rejections++ },
    (batch) => {
      for (let i = 0; i < batch.length; i++) accepted.push(batch.row(i));
    },
  );
  assert.equal(stats.records, accepted.length);
  assert.equal(stats.rejected, rejections);
  assert.equal([...stats.rejectedByReason.values()].reduce((a, b) => a + b, 0), stats.rejected);
  return { stats, accepted };
}

describe('fuzz: CSV ingest', () => {
  it(`counts every row of well-formed CSV and round-trips valid rows (${RUNS} generated files)`, async () => {
    await fc.assert(
      fc.asyncProperty(FILE_ARB, async (file) => {
        const { text, valid, counted } = render(file);
        const { stats, accepted } = await run(text);
        assert.equal(stats.records + stats.rejected + stats.filtered, counted, 'accepted + rejected + filtered = data rows');
        const seen = new Set<string>();
        for (const r of accepted) {
          assert.ok(r.account_id.length > 0);
          assert.equal(parseTime(formatTime(r.ts)), r.ts);
          const v = r.request_id ? valid.get(r.request_id) : undefined;
          if (!v || !r.request_id) continue;
          seen.add(r.request_id);
          assert.equal(r.account_id, v.account.trim().slice(0, 4096));
          assert.equal(r.ts, v.ts.ms, `ts ${v.ts.raw}`);
          assert.equal(r.input_tokens, v.input ?? 0);
          assert.equal(r.output_tokens, v.output ?? 0);
        }
        assert.deepEqual([...valid.keys()].filter((id) => !seen.has(id)), [], 'every valid row is accepted');
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  const GARBAGE = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc
      .array(fc.oneof(fc.constantFrom('"', ',', '\n', '\r', '\r\n', '""', '\u0000', 'ts', 'account_id', '2026-04-22T00:00:00Z'), fc.string({ maxLength: 5 })), { maxLength: 60 })
      .map((parts) => parts.join('')),
  );

  it(`never throws on garbage, and its counts agree with what it delivered (${GARBAGE_RUNS} generated files)`, async () => {
    await fc.assert(
      fc.asyncProperty(GARBAGE, async (t) => {
        await run(t);
      }),
      { seed: SEED + 1, numRuns: GARBAGE_RUNS },
    );
  });

  // Was a KNOWN BUG (src/ingest/csv.ts with csv-parse's skip_records_with_error; csv.ts now splits records itself): after an invalid closing quote
  // (`"b" ,2`, `"a"b`) csv-parse reports the record several times and stays inside the quote, so the
  // following rows are swallowed into one CSV_QUOTE_NOT_CLOSED rejection — more rejections than lines here,
  // valid rows lost in test/hardening/hostile-inputs.test.ts. Turn into `it` when fixed.
  it('never counts more records than physical lines', async () => {
    await fc.assert(
      fc.asyncProperty(GARBAGE, async (t) => {
        const { stats } = await run(t);
        // A broken header line is itself counted as a rejected record, so the bound is every physical line.
        const physical = t.split(/\r\n|\r|\n/).length;
        assert.ok(stats.records + stats.rejected + stats.filtered <= physical, `${stats.records} + ${stats.rejected} records from ${physical} lines`);
      }),
      { seed: SEED + 1, numRuns: GARBAGE_RUNS },
    );
  });
});
