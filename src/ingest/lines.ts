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

export class LineSplitter {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private skipping = false;
  private skippedHead = '';
  private lineNo = 0;
  private first: boolean;

  /** `atFileStart`: strip a BOM from the first bytes (false for a later slice of a file). */
  constructor(private readonly maxLineBytes: number, private readonly sink: LineSink, atFileStart = true) {
    this.first = atFileStart;
  }

  push(chunk: Buffer): void {
    let start = 0;
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) start = 3;
    }
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      this.emit(chunk, start, nl);
      start = nl + 1;
    }
    if (start < chunk.length) this.hold(chunk, start, chunk.length);
  }

  end(): void {
    if (this.skipping || this.carryBytes > 0) this.emit(Buffer.alloc(0), 0, 0);
  }

  get lines(): number {
    return this.lineNo;
  }

  private hold(chunk: Buffer, start: number, end: number): void {
    if (this.skipping) return;
    const part = chunk.subarray(start, end);
    if (this.carryBytes + part.length > this.maxLineBytes) {
      this.skipping = true;
      this.skippedHead = Buffer.concat([...this.carry, part.subarray(0, HEAD_BYTES)]).subarray(0, HEAD_BYTES).toString('utf8');
      this.carry = [];
      this.carryBytes = 0;
      return;
    }
    // Copy: the chunk's memory may be reused by the stream.
    this.carry.push(Buffer.from(part));
    this.carryBytes += part.length;
  }

  private emit(chunk: Buffer, start: number, end: number): void {
    this.lineNo++;
    if (this.skipping) {
      this.skipping = false;
      this.sink.tooLong(this.skippedHead, this.lineNo);
      return;
    }
    let text: string;
    if (this.carryBytes > 0) {
      if (this.carryBytes + (end - start) > this.maxLineBytes) {
        const head = Buffer.concat([...this.carry, chunk.subarray(start, Math.min(end, start + HEAD_BYTES))]).subarray(0, HEAD_BYTES).toString('utf8');
        this.carry = [];
        this.carryBytes = 0;
        this.sink.tooLong(head, this.lineNo);
        return;
      }
      this.carry.push(chunk.subarray(start, end));
      text = Buffer.concat(this.carry).toString('utf8');
      this.carry = [];
      this.carryBytes = 0;
    } else {
      if (end - start > this.maxLineBytes) {
        this.sink.tooLong(chunk.subarray(start, Math.min(end, start + HEAD_BYTES)).toString('utf8'), this.lineNo);
        return;
      }
      text = chunk.toString('utf8', start, end);
    }
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    this.sink.line(text, this.lineNo);
  }
}
