/**
 * Splits a byte stream into lines without ever holding more than one line (capped at `maxLineBytes`) in
 * memory: a longer line is skipped to its end and reported once, with its first bytes, as too long.
 * Handles CRLF, a UTF-8 BOM at the start, and a last line without a newline.
 */

export interface LineSink {
  line(text: string, lineNo: number): void;
  tooLong(head: string, lineNo: number): void;
}

const HEAD_BYTES = 1000;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Strips a UTF-8 BOM from the start of a byte stream, even one split across its first chunks. */
export class BomStripper {
  /** The first bytes, while it is not yet known whether they are a BOM; undefined once known. */
  private head: Buffer | undefined = Buffer.alloc(0);

  /** The bytes to use of `chunk` (none while the first three bytes are still coming). */
  push(chunk: Buffer): Buffer {
    if (this.head === undefined) return chunk;
    const head = this.head.length > 0 ? Buffer.concat([this.head, chunk]) : chunk;
    if (head.length < 3 && BOM.subarray(0, head.length).equals(head)) {
      this.head = Buffer.from(head);
      return Buffer.alloc(0);
    }
    this.head = undefined;
    return head.subarray(0, 3).equals(BOM) ? head.subarray(3) : head;
  }

  /** At the end of the stream: bytes held back from a stream shorter than a BOM. */
  end(): Buffer {
    const rest = this.head ?? Buffer.alloc(0);
    this.head = undefined;
    return rest;
  }
}

/**
 * The unfinished line (or CSV record) that spans chunks, held up to a byte limit. Past the limit only its
 * first bytes are kept and the rest is skipped as it comes: a too-long item never sits in memory.
 */
export class BoundedCarry {
  private parts: Buffer[] = [];
  private bytes = 0;
  private skipping = false;
  private skippedHead = '';

  constructor(private readonly maxBytes: number) {}

  /** Something is held or being skipped. */
  get pending(): boolean {
    return this.skipping || this.bytes > 0;
  }

  /** The item passed the limit: only its head is kept. */
  get overflowed(): boolean {
    return this.skipping;
  }

  /** Hold `chunk[start, end)`, the continuation of the unfinished item. */
  hold(chunk: Buffer, start: number, end: number): void {
    if (this.skipping) return;
    const part = chunk.subarray(start, end);
    if (this.bytes + part.length > this.maxBytes) {
      this.skipping = true;
      this.skippedHead = Buffer.concat([...this.parts, part.subarray(0, HEAD_BYTES)]).subarray(0, HEAD_BYTES).toString('utf8');
      this.parts = [];
      this.bytes = 0;
      return;
    }
    // Copy: the chunk's memory may be reused by the stream.
    this.parts.push(Buffer.from(part));
    this.bytes += part.length;
  }

  /** The item that ends with `chunk[start, end)`: its text, or the head of a too-long one. */
  take(chunk: Buffer, start: number, end: number): { text: string } | { tooLong: string } {
    const item = this.takeBytes(chunk, start, end);
    return 'tooLong' in item ? item : { text: item.bytes.toString('utf8') };
  }

  /** As take(), its bytes (which may end inside a character). */
  takeBytes(chunk: Buffer, start: number, end: number): { bytes: Buffer } | { tooLong: string } {
    if (this.skipping) {
      this.skipping = false;
      return { tooLong: this.skippedHead };
    }
    if (this.bytes + (end - start) > this.maxBytes) {
      const head = Buffer.concat([...this.parts, chunk.subarray(start, Math.min(end, start + HEAD_BYTES))]).subarray(0, HEAD_BYTES).toString('utf8');
      this.parts = [];
      this.bytes = 0;
      return { tooLong: head };
    }
    if (this.bytes === 0) return { bytes: chunk.subarray(start, end) };
    this.parts.push(chunk.subarray(start, end));
    const bytes = Buffer.concat(this.parts);
    this.parts = [];
    this.bytes = 0;
    return { bytes };
  }
}

/** Whether to read the whole line `chunk[start, end)` (another worker reads it otherwise). */
export type LineFilter = (chunk: Buffer, start: number, end: number) => boolean;

export class LineSplitter {
  private readonly carry: BoundedCarry;
  private readonly bom: BomStripper | undefined;
  private lineNo = 0;

  /**
   * `atFileStart`: strip a BOM from the first bytes (false for a later slice of a file). `owns`: read only
   * the lines it accepts, counting the others (they must arrive whole: one chunk ending with a newline).
   */
  constructor(maxLineBytes: number, private readonly sink: LineSink, atFileStart = true, private readonly owns?: LineFilter) {
    this.carry = new BoundedCarry(maxLineBytes);
    this.bom = atFileStart ? new BomStripper() : undefined;
  }

  push(input: Buffer): void {
    const chunk = this.bom ? this.bom.push(input) : input;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      this.emit(chunk, start, nl);
      start = nl + 1;
    }
    if (start < chunk.length) this.carry.hold(chunk, start, chunk.length);
  }

  end(): void {
    const rest = this.bom?.end();
    if (rest?.length) this.push(rest);
    if (this.carry.pending) this.emit(Buffer.alloc(0), 0, 0);
  }

  get lines(): number {
    return this.lineNo;
  }

  private emit(chunk: Buffer, start: number, end: number): void {
    this.lineNo++;
    if (this.owns && !this.owns(chunk, start, end)) return;
    const item = this.carry.take(chunk, start, end);
    if ('tooLong' in item) {
      this.sink.tooLong(item.tooLong, this.lineNo);
      return;
    }
    const text = item.text.charCodeAt(item.text.length - 1) === 13 ? item.text.slice(0, -1) : item.text;
    this.sink.line(text, this.lineNo);
  }
}
