/**
 * CSV input with a header row (RFC 4180: `,` between cells, `"` quotes, `""` inside quotes, LF, CRLF or a
 * bare CR between records, newlines allowed inside quoted cells). Cells stay text; validation parses
 * numbers and times the same way for every format.
 *
 * Reading is in two steps so that one bad record can never take others with it:
 * 1. `CsvRecordSplitter` cuts the byte stream into records, tracking only whether it is inside a quoted
 *    cell (so a newline there continues the record). A quote opens a quoted cell only at the start of a
 *    cell; once a record's quoting is broken (a stray quote, text after a closing quote) no quote opens
 *    anything until its line ends, so the next line starts a new record and each bad line costs exactly
 *    one rejection. A record longer than the limit is not held: it is skipped to its end and reported once
 *    as `line_too_long` (memory stays bounded by the limit). A quoted cell may hold line ends; when a record
 *    that ran over line ends that way breaks (text after its closing quote, or no closing quote at all), the
 *    quote was a stray one: the record's first line is rejected and the lines after it are read again
 *    (within the limit; past it, the record is one `line_too_long`).
 * 2. `parseRecord` splits one record into cells, strictly; a quoting error (a quote inside an unquoted
 *    cell, text after a closing quote, an unterminated quote) rejects that record as `malformed_csv`.
 * Rows whose cell count differs from the header's are `malformed_csv` too. The run goes on.
 */
import type { RowSink } from './collector.js';
import { CANONICAL_FIELDS } from './record.js';
import { BomStripper, BoundedCarry } from './lines.js';
import type { SourceRecord } from './presets/index.js';
import { ownString } from '../io/own-string.js';
import { cellsRowMaker } from './row-maker.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
/** Records longer than this have their short cells copied (parseRecord): a kept cell would otherwise hold the record. */
const OWN_CELLS_FROM = 1024;
/** Cells up to this long are copied: identifiers, addresses, agents and hashes, what states keep. */
const OWN_CELL_CHARS = 256;

// Splitter states: where the last byte left us inside the current record.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Inside a quoted cell, right after a `"`: either `""` (escaped) or the closing quote. */
const QUOTE_SEEN = 3;
/** The record's quoting is broken: it ends at the next line end, whatever follows. */
const BROKEN = 4;

export interface CsvRecordSink {
  /** One whole record (without its line end), starting at 1-based line `line`. */
  record(text: string, line: number): void;
  /** A record longer than the limit, skipped to its end: its first bytes. */
  tooLong(head: string, line: number): void;
}

/** Position of the next `byte` in `chunk` from `from` on, or the chunk's length when there is none. */
function indexIn(chunk: Buffer, byte: number, from: number): number {
  const at = chunk.indexOf(byte, from);
  return at < 0 ? chunk.length : at;
}

/**
 * Cuts a CSV byte stream into records without holding more than one record (capped at `maxRecordBytes`).
 * Handles a UTF-8 BOM at the start, LF, CRLF and bare CR line ends, and a last record without a line end;
 * an unterminated quoted cell runs to the end of the input. Blank lines are passed on as "".
 */
export class CsvRecordSplitter {
  private readonly carry: BoundedCarry;
  private state = FIELD_START;
  /** 1-based line the next byte is on, and the line the current record started on. */
  private line = 1;
  private recordLine = 1;
  /** The last byte was a CR that ended a record: an LF right after it belongs to it. */
  private afterCR = false;
  private readonly bom = new BomStripper();

  constructor(maxRecordBytes: number, private readonly sink: CsvRecordSink) {
    this.carry = new BoundedCarry(maxRecordBytes);
  }

  push(chunk: Buffer): void {
    this.scanAll(this.bom.push(chunk));
  }

  /** The last record, when the input does not end with a line end. */
  end(): void {
    const rest = this.bom.end();
    if (rest.length > 0) this.scanAll(rest);
    // A quote that opened a cell and never closed, over line ends: the line it is on is the bad record.
    while (this.state === QUOTED && this.runsOverLines) this.scanAll(this.restart(Buffer.alloc(0), 0, 0));
    if (this.carry.pending) this.emit(Buffer.alloc(0), 0, 0);
    this.state = FIELD_START;
    this.afterCR = false;
  }

  private scanAll(chunk: Buffer): void {
    for (let next: Buffer | undefined = chunk; next; ) next = this.scan(next, 0);
  }

  /** The current record ran over a line end inside a quoted cell, and is held whole (not past the limit). */
  private get runsOverLines(): boolean {
    return this.line > this.recordLine && !this.carry.overflowed;
  }

  /**
   * The current record (held, then `chunk[start, end)`) turned out broken after running over line ends
   * inside a quoted cell: a stray quote opened a cell that never closed where it should. Its first line is
   * the bad record; the lines after it are read again as records of their own (returned, followed by the
   * rest of `chunk`), so that one stray quote costs one line and not every record up to the next quote.
   */
  private restart(chunk: Buffer, start: number, end: number): Buffer {
    const item = this.carry.takeBytes(chunk, start, end);
    if ('tooLong' in item) {
      // It passed the limit with these last bytes: one line_too_long, as any record that long.
      this.sink.tooLong(item.tooLong, this.recordLine);
      this.state = BROKEN;
      return chunk.subarray(end);
    }
    const { bytes } = item;
    let eol = 0;
    while (bytes[eol] !== LF && bytes[eol] !== CR) eol++;
    this.sink.record(bytes.toString('utf8', 0, eol), this.recordLine);
    this.line = this.recordLine + 1;
    this.recordLine = this.line;
    this.state = FIELD_START;
    this.afterCR = false;
    const after = eol + (bytes[eol] === CR && bytes[eol + 1] === LF ? 2 : 1);
    // Copied: `bytes` may be a view of the stream's chunk, whose memory the stream may reuse.
    return Buffer.concat([bytes.subarray(after), chunk.subarray(end)]);
  }

  /** Scans `chunk` from the start of a record at `start`; returns what to scan next after a restart(). */
  private scan(chunk: Buffer, start: number): Buffer | undefined {
    let state = this.state;
    let afterCR = this.afterCR;
    // Most bytes change nothing: only quotes and line ends do, and a comma only by deciding whether the quote
    // right after it opens a cell. So the scan jumps to the next quote or line end (found natively, each
    // looked up again only once passed) and steps through that one byte by the rules.
    let nextQuote = -1;
    let nextLF = -1;
    let nextCR = -1;
    const end = chunk.length;
    for (let i = start; i < end; i++) {
      if (state !== QUOTE_SEEN && state !== FIELD_START) {
        if (nextLF < i) nextLF = indexIn(chunk, LF, i);
        let to = nextLF;
        if (state !== QUOTED) {
          if (nextCR < i) nextCR = indexIn(chunk, CR, i);
          to = Math.min(to, nextCR);
        }
        if (state !== BROKEN) {
          if (nextQuote < i) nextQuote = indexIn(chunk, QUOTE, i);
          to = Math.min(to, nextQuote);
        }
        if (to > i) {
          // The bytes skipped were none of those: inside an unquoted cell, only a comma just before `to`
          // leaves the record at the start of a cell. (A CR that ended a record left FIELD_START, where no
          // jump is made, so `afterCR` is already false here.)
          if (state === UNQUOTED && chunk[to - 1] === COMMA) state = FIELD_START;
          i = to;
          if (i === end) break;
        }
      }
      const b = chunk[i];
      if ((b === LF || b === CR) && state !== QUOTED) {
        if (b === LF && afterCR) {
          // The LF of a CRLF whose CR ended the record.
          afterCR = false;
          start = i + 1;
          continue;
        }
        afterCR = b === CR;
        this.line++;
        this.emit(chunk, start, i);
        state = FIELD_START;
        start = i + 1;
        this.recordLine = this.line;
        continue;
      }
      afterCR = false;
      switch (state) {
        case FIELD_START:
          state = b === QUOTE ? QUOTED : b === COMMA ? FIELD_START : UNQUOTED;
          break;
        case UNQUOTED:
          if (b === COMMA) state = FIELD_START;
          else if (b === QUOTE) state = BROKEN; // a quote inside an unquoted cell
          break;
        case QUOTED:
          if (b === QUOTE) state = QUOTE_SEEN;
          else if (b === LF) this.line++;
          break;
        case QUOTE_SEEN:
          state = b === QUOTE ? QUOTED : b === COMMA ? FIELD_START : BROKEN; // text after a closing quote
          break;
        default: // BROKEN: only a line end matters
      }
      if (state === BROKEN && this.runsOverLines) return this.restart(chunk, start, i + 1);
    }
    this.state = state;
    this.afterCR = afterCR;
    if (start < chunk.length) this.carry.hold(chunk, start, chunk.length);
    return undefined;
  }

  private emit(chunk: Buffer, start: number, end: number): void {
    const item = this.carry.take(chunk, start, end);
    if ('tooLong' in item) this.sink.tooLong(item.tooLong, this.recordLine);
    else this.sink.record(item.text, this.recordLine);
  }
}

/** The cells of one record, or undefined when its quoting is broken. */
export function parseRecord(s: string): string[] | undefined {
  const cells = parseCells(s);
  // The short cells of a long record (one with a prompt) are copied, so that a value a state keeps does not
  // keep the record alive (own-string.ts); long cells (prompts) are read once and dropped.
  if (cells && s.length > OWN_CELLS_FROM) for (let i = 0; i < cells.length; i++) if (cells[i].length <= OWN_CELL_CHARS) cells[i] = ownString(cells[i]);
  return cells;
}

function parseCells(s: string): string[] | undefined {
  const cells: string[] = [];
  const n = s.length;
  let i = 0;
  for (;;) {
    if (s.charCodeAt(i) === QUOTE) {
      let cell = '';
      let from = i + 1;
      for (;;) {
        const q = s.indexOf('"', from);
        if (q < 0) return undefined; // unterminated
        if (s.charCodeAt(q + 1) === QUOTE) {
          cell += s.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        cell += s.slice(from, q);
        i = q + 1;
        break;
      }
      cells.push(cell);
      if (i >= n) return cells;
      if (s.charCodeAt(i) !== COMMA) return undefined; // text after the closing quote
      i++;
    } else {
      const comma = s.indexOf(',', i);
      const end = comma < 0 ? n : comma;
      const cell = s.slice(i, end);
      if (cell.includes('"')) return undefined; // a quote inside an unquoted cell
      cells.push(cell);
      if (comma < 0) return cells;
      i = comma + 1;
    }
  }
}

/** Canonical field names by their lower case: a warehouse export's `ACCOUNT_ID` is `account_id`. */
const CANONICAL_BY_LOWER = new Map(CANONICAL_FIELDS.map((f) => [f.toLowerCase(), f]));

/**
 * Column names from a header row: trimmed, unnamed ones numbered, a duplicated name given `_2`, `_3`… (so
 * no column silently shadows another), and a name that is a canonical field's in another case (Snowflake
 * and Oracle upper-case every column) given the field's own, unless the header also has its exact name.
 */
export function headerNames(cells: string[]): string[] {
  const seen = new Map<string, number>();
  const exact = new Set(cells.map((c) => c.trim()));
  return cells.map((c, i) => {
    const trimmed = c.trim();
    const canonical = CANONICAL_BY_LOWER.get(trimmed.toLowerCase());
    const name = (canonical && !exact.has(canonical) ? canonical : trimmed) || `column_${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

/**
 * What happens to each record: the first one that parses names the columns, every later one becomes a row
 * (or a counted rejection). `header` is given when the columns are already known (a worker's share).
 */
export class CsvRows {
  private makeRow: ((cells: readonly string[]) => SourceRecord) | undefined;

  constructor(private readonly collector: RowSink, public header?: string[]) {}

  record(text: string, line: number): void {
    // An empty line is no record.
    if (text.length === 0) return;
    const cells = parseRecord(text);
    if (!cells) {
      this.collector.reject('malformed_csv', line, () => text);
      return;
    }
    // The first record that parses is the header.
    if (!this.header) {
      this.header = headerNames(cells);
      return;
    }
    const header = this.header;
    // Blank cells only (a whitespace-only line, or `,,,,` as spreadsheets save an empty row): no record.
    if (cells.every((c) => c.trim() === '')) return;
    if (cells.length !== header.length) {
      this.collector.reject('malformed_csv', line, () => text);
      return;
    }
    this.makeRow ??= cellsRowMaker(header);
    this.collector.add(this.makeRow(cells), line, () => text);
  }

  tooLong(head: string, line: number): void {
    this.collector.reject('line_too_long', line, () => head);
  }

  /** A record another worker reads: only the header is taken from it, as `record` would. */
  skip(text: string): void {
    if (this.header || text.length === 0) return;
    const cells = parseRecord(text);
    if (cells) this.header = headerNames(cells);
  }
}

export async function readCsv(source: AsyncIterable<Buffer>, collector: RowSink, maxRecordBytes: number, onChunk?: () => void): Promise<void> {
  const splitter = new CsvRecordSplitter(maxRecordBytes, new CsvRows(collector));
  for await (const chunk of source) {
    splitter.push(chunk);
    onChunk?.();
  }
  splitter.end();
}
