/**
 * The CSV record splitter against a byte-at-a-time model of the rules in src/ingest/csv.ts (its own first
 * version): on any bytes, cut into chunks anywhere, it must emit the same records starting on the same
 * lines, and the same over-long ones. The splitter jumps between quotes and line ends; the model looks at
 * every byte, so a jump that skips a byte that matters shows up here.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { CsvRecordSplitter } from '../../src/ingest/csv.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const [FIELD_START, UNQUOTED, QUOTED, QUOTE_SEEN, BROKEN] = [0, 1, 2, 3, 4];

type Emitted = [kind: 'record' | 'tooLong', text: string, line: number];

/** Records of `input` (whole, no BOM, no length limit) by the rules, one byte at a time. */
function modelRecords(input: Buffer): Emitted[] {
  const out: Emitted[] = [];
  let state = FIELD_START;
  let afterCR = false;
  let line = 1;
  let recordLine = 1;
  let start = 0;
  let i = 0;
  // A record that ran over line ends inside a quoted cell and then broke: its first line is a record, and
  // the bytes after that line end are read again.
  const restart = (): void => {
    let eol = start;
    while (input[eol] !== LF && input[eol] !== CR) eol++;
    out.push(['record', input.toString('utf8', start, eol), recordLine]);
    line = recordLine + 1;
    recordLine = line;
    state = FIELD_START;
    afterCR = false;
    i = eol + (input[eol] === CR && input[eol + 1] === LF ? 2 : 1);
    start = i;
  };
  for (;;) {
    for (; i < input.length; i++) {
      if (step(input[i])) {
        restart();
        i--;
      }
    }
    if (state === QUOTED && line > recordLine) restart();
    else break;
  }
  if (start < input.length) out.push(['record', input.toString('utf8', start), recordLine]);
  return out;

  /** One byte by the rules; true when the record must restart. */
  function step(b: number): boolean {
    if ((b === LF || b === CR) && state !== QUOTED) {
      if (b === LF && afterCR) {
        afterCR = false;
        start = i + 1;
        return false;
      }
      afterCR = b === CR;
      line++;
      out.push(['record', input.toString('utf8', start, i), recordLine]);
      state = FIELD_START;
      start = i + 1;
      recordLine = line;
      return false;
    }
    afterCR = false;
    if (state === FIELD_START) state = b === QUOTE ? QUOTED : b === COMMA ? FIELD_START : UNQUOTED;
    else if (state === UNQUOTED) {
      if (b === COMMA) state = FIELD_START;
      else if (b === QUOTE) state = BROKEN;
    } else if (state === QUOTED) {
      if (b === QUOTE) state = QUOTE_SEEN;
      else if (b === LF) line++;
    } else if (state === QUOTE_SEEN) state = b === QUOTE ? QUOTED : b === COMMA ? FIELD_START : BROKEN;
    return state === BROKEN && line > recordLine;
  }
}

function splitterRecords(input: Buffer, cuts: number[], maxRecordBytes = 1 << 20): Emitted[] {
  const out: Emitted[] = [];
  const splitter = new CsvRecordSplitter(maxRecordBytes, {
    record: (text, line) => out.push(['record', text, line]),
    tooLong: (head, line) => out.push(['tooLong', head, line]),
  });
  let at = 0;
  for (const cut of [...cuts.filter((c) => c < input.length)].sort((a, b) => a - b)) {
    splitter.push(input.subarray(at, cut));
    at = cut;
  }
  splitter.push(input.subarray(at));
  splitter.end();
  return out;
}

// The bytes that matter to the rules, and some that do not.
const CSV_BYTES = fc.array(fc.constantFrom('"', ',', '\n', '\r', 'a', 'b', ' ', 'é', '""', '",', ',"', '\r\n'), { maxLength: 80 }).map((parts) => Buffer.from(parts.join('')));

describe('CSV record splitter', () => {
  it('emits the records and lines of the byte-at-a-time rules, however the input is chunked', () => {
    fc.assert(
      fc.property(CSV_BYTES, fc.array(fc.nat({ max: 90 }), { maxLength: 6 }), (input, cuts) => {
        assert.deepEqual(splitterRecords(input, cuts), modelRecords(input));
      }),
      { seed: 0xc5f5, numRuns: 4000 },
    );
  });

  it.each([[[5, 17]], [[3, 9, 30]], [[]]])('reports an over-long record once, at its line, and goes on with the next (chunks cut at %j)', (cuts) => {
    const input = Buffer.from('a,b\n"long\n,,,,,,,,,,,,,,,,,,,,,,,,,,,,"\nc,"d\ne"\n');
    const out = splitterRecords(input, cuts, 16);
    assert.deepEqual(
      out.map(([kind, , line]) => [kind, line]),
      [
        ['record', 1],
        ['tooLong', 2],
        ['record', 4],
      ],
    );
    assert.equal(out[2][1], 'c,"d\ne"');
  });
});
