/**
 * Splits a byte stream into top-level JSON values, whatever their layout: one per line (JSONL),
 * pretty-printed over many lines (saved API pages), or several concatenated. Used for page-style presets
 * and for inputs that start with a lone `{` or `[`. Text outside any value is reported line by line.
 *
 * A top-level array is not one value but a run of them: each element is a document of its own, starting on
 * its own line. A spend-log export saved whole (`curl …/spend/logs > logs.json`) is tens of MB in one array;
 * read as one document it passed the length limit and lost every record, and one bad element spoilt all.
 * Every preset's explode treats an array element by element, so the records are the same.
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
  /** Inside a top-level array (depth 1 is between or inside its elements). */
  private inArray = false;
  /** An element of the top-level array is being read. */
  private inElement = false;

  constructor(private readonly maxBytes: number, private readonly sink: DocumentSink) {}

  push(chunk: Buffer): void {
    let i = 0;
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    let docStart = this.reading ? i : -1;
    for (; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.depth === 0) {
        if (b === 10) {
          this.flushGarbage();
          this.lineNo++;
        } else if (b === 0x7b) {
          this.flushGarbage();
          this.depth = 1;
          this.startLine = this.lineNo;
          docStart = i;
        } else if (b === 0x5b) {
          this.flushGarbage();
          this.depth = 1;
          this.inArray = true;
        } else if (b !== 32 && b !== 9 && b !== 13) {
          if (this.garbageParts.length < HEAD_BYTES) this.garbageParts.push(b);
          else this.garbageParts.length = HEAD_BYTES + 1;
        }
        continue;
      }
      if (this.inArray && this.depth === 1 && !this.inString) {
        // Between the top-level array's elements, or in one that is not an object or array.
        if (b === 0x2c || b === 0x5d) {
          if (this.inElement) {
            this.take(chunk, docStart, i);
            this.finishDocument();
            this.inElement = false;
            docStart = -1;
          }
          if (b === 0x5d) {
            this.depth = 0;
            this.inArray = false;
          }
          continue;
        }
        if (!this.inElement) {
          if (b === 10) this.lineNo++;
          if (b === 10 || b === 32 || b === 9 || b === 13) continue;
          this.inElement = true;
          this.startLine = this.lineNo;
          docStart = i;
        }
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
        // (An element of a top-level array ends at the comma or bracket after it.)
        if (this.depth === 0) {
          this.take(chunk, docStart, i + 1);
          this.finishDocument();
          docStart = -1;
        }
      }
    }
    if (this.reading && docStart >= 0) this.take(chunk, docStart, chunk.length);
  }

  /** A document (or an element of the top-level array) is being read. */
  private get reading(): boolean {
    return this.inArray ? this.inElement : this.depth > 0;
  }

  end(): void {
    this.flushGarbage();
    if (this.reading) {
      // Truncated: hand what we have to the parser, which reports it as malformed.
      this.finishDocument();
    }
    this.depth = 0;
    this.inArray = false;
    this.inElement = false;
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
