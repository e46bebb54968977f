/**
 * Which worker folds a JSONL line or CSV record: the one that owns its account, by a hash of the bytes of the
 * line's first `"account_id"` value (of the record's `account_id` cell). Every worker sees every segment
 * and reads only its own lines, so each holds the states of its own accounts: the states exist once across
 * workers instead of once per worker, which is what bounds memory on a dump of tens of thousands of busy
 * accounts. The owner is found before any parsing (for JSONL, on the raw bytes, before decoding). A line
 * without the key (another preset's field names, a broken line) goes to the segment's fallback worker.
 * Routing is only about memory: an account whose lines reach two workers (an id written two ways, the key
 * inside a prompt) has its two states merged at the end like any other.
 */
const KEY = Buffer.from('"account_id"');
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const QUOTE = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;
const CLOSE = 0x7d;
const SPACE = 0x20;
const TAB = 0x09;

export class AccountRouter {
  /** Where the key next occurs at or after the line being asked about (Infinity: nowhere). */
  private keyAt = -1;

  constructor(
    private readonly workers: number,
    private readonly fallback: number,
  ) {}

  /** The worker (0 … workers−1) owning the line `b[start, end)`: lines of one buffer, asked about in order. */
  owner(b: Buffer, start: number, end: number): number {
    if (this.keyAt < start) {
      const at = b.indexOf(KEY, start);
      this.keyAt = at < 0 ? Number.POSITIVE_INFINITY : at;
    }
    if (this.keyAt >= end) return this.fallback;
    let i = this.keyAt + KEY.length;
    while (i < end && (b[i] === SPACE || b[i] === TAB || b[i] === COLON)) i++;
    // FNV-1a over the value's bytes: its characters for a string, up to the next delimiter otherwise.
    let hash = FNV_OFFSET;
    if (b[i] === QUOTE) {
      for (i++; i < end && b[i] !== QUOTE; i++) hash = Math.imul(hash ^ b[i], FNV_PRIME);
    } else {
      for (; i < end && b[i] !== COMMA && b[i] !== CLOSE && b[i] !== SPACE; i++) hash = Math.imul(hash ^ b[i], FNV_PRIME);
    }
    return (hash >>> 0) % this.workers;
  }
}

/**
 * The worker owning an account, from its id: the worker its lines are routed to when the key is found and
 * the id is written plainly (FNV-1a over its characters, which are its bytes when ASCII).
 */
export function accountOwner(id: string, workers: number): number {
  return textOwner(id, 0, id.length, workers);
}

/** FNV-1a over the characters `text[start, end)`, as a worker number. */
function textOwner(text: string, start: number, end: number, workers: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return (hash >>> 0) % workers;
}

/** Index just past the CSV cell that starts at `i` (at its comma, or the end); -1 for an unterminated quote. */
function cellEnd(text: string, i: number): number {
  if (text.charCodeAt(i) === QUOTE) {
    for (let from = i + 1; ; ) {
      const q = text.indexOf('"', from);
      if (q < 0) return -1;
      if (text.charCodeAt(q + 1) !== QUOTE) {
        i = q + 1;
        break;
      }
      from = q + 2;
    }
  }
  const comma = text.indexOf(',', i);
  return comma < 0 ? text.length : comma;
}

/**
 * The worker owning a CSV record: by the text of its cell number `column` (the account_id column), found by
 * walking the cells before it without parsing the record. `fallback` for a record with fewer cells.
 */
export function csvRecordOwner(text: string, column: number, workers: number, fallback: number): number {
  let start = 0;
  for (let cell = 0; cell < column; cell++) {
    const end = cellEnd(text, start);
    if (end < 0 || end >= text.length) return fallback;
    start = end + 1;
  }
  const end = cellEnd(text, start);
  return end < 0 ? fallback : textOwner(text, start, end, workers);
}
