/**
 * Splits a byte stream into top-level JSON values, whatever their layout: one per line (JSONL),
 * pretty-printed over many lines (saved API pages), or several concatenated. Used for page-style presets
 * and for inputs that start with a lone `{` or `[`. Text outside any value is reported line by line.
 */

export interface DocumentSink {
  document(text: string, startLine: number): void;
  garbage(text: string, lineNo: number): void;
  tooLong(head: string, startLine: number): void;
}

const HEAD_BYTES = 1000;

export class JsonDocumentSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: Buffer[] = [];
  private bytes = 0;
  private tooLong = false;
  private head = '';
  private startLine = 1;
  private lineNo = 1;
  private garbageParts: number[] = [];
  private first = true;

  constructor(private readonly maxBytes: number, private readonly sink: DocumentSink) {}

  push(chunk: Buffer): void {
    let i = 0;
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    let docStart = this.depth > 0 ? i : -1;
    for (; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.depth === 0) {
        if (b === 10) {
          this.flushGarbage();
          this.lineNo++;
        } else if (b === 0x7b || b === 0x5b) {
          this.flushGarbage();
          this.depth = 1;
          this.startLine = this.lineNo;
          docStart = i;
        } else if (b !== 32 && b !== 9 && b !== 13) {
          if (this.garbageParts.length < HEAD_BYTES) this.garbageParts.push(b);
          else this.garbageParts.length = HEAD_BYTES + 1;
        }
        continue;
      }
      if (b === 10) this.lineNo++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === 0x5c) this.escaped = true;
        else if (b === 0x22) this.inString = false;
      } else if (b === 0x22) this.inString = true;
      else if (b === 0x7b || b === 0x5b) this.depth++;
      else if (b === 0x7d || b === 0x5d) {
        this.depth--;
        if (this.depth === 0) {
          this.take(chunk, docStart, i + 1);
          this.finishDocument();
          docStart = -1;
        }
      }
    }
    if (this.depth > 0 && docStart >= 0) this.take(chunk, docStart, chunk.length);
  }

  end(): void {
    this.flushGarbage();
    if (this.depth > 0) {
      // Truncated: hand what we have to the parser, which reports it as malformed.
      this.depth = 0;
      this.finishDocument();
    }
  }

  private take(chunk: Buffer, start: number, end: number): void {
    if (this.tooLong) return;
    if (this.bytes + (end - start) > this.maxBytes) {
      this.tooLong = true;
      this.head = Buffer.concat([...this.parts, chunk.subarray(start, Math.min(end, start + HEAD_BYTES))]).subarray(0, HEAD_BYTES).toString('utf8');
      this.parts = [];
      this.bytes = 0;
      return;
    }
    this.parts.push(Buffer.from(chunk.subarray(start, end)));
    this.bytes += end - start;
  }

  private finishDocument(): void {
    this.inString = false;
    this.escaped = false;
    if (this.tooLong) {
      this.tooLong = false;
      this.sink.tooLong(this.head, this.startLine);
    } else {
      this.sink.document(Buffer.concat(this.parts).toString('utf8'), this.startLine);
    }
    this.parts = [];
    this.bytes = 0;
  }

  private flushGarbage(): void {
    if (this.garbageParts.length === 0) return;
    this.sink.garbage(Buffer.from(this.garbageParts.slice(0, HEAD_BYTES)).toString('utf8'), this.lineNo);
    this.garbageParts = [];
  }
}
