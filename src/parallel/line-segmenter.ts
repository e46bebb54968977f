/**
 * Cuts a byte stream into segments of whole lines for the workers, copying each byte once (into memory the
 * workers share). A line that outgrows `maxLineBytes` before its newline arrives is not held: it becomes a
 * `tooLong` item (its first bytes) in the same sequence, so that it is counted and numbered exactly where a
 * single thread would.
 */
import { BomStripper } from '../ingest/lines.js';

export type SegmentItem = { bytes: Uint8Array } | { tooLong: string };

const HEAD_BYTES = 1000;

export class LineSegmenter {
  private parts: Buffer[] = [];
  private bytes = 0;
  /** Bytes of `parts` that end with a newline (the rest is an unfinished line). */
  private complete = 0;
  private skipping = false;
  private skippedHead = '';
  private readonly bom = new BomStripper();

  constructor(
    private readonly segmentBytes: number,
    private readonly maxLineBytes: number,
    private readonly emit: (item: SegmentItem) => void,
  ) {}

  push(input: Buffer): void {
    // A BOM is stripped here, as LineSplitter does, so that no segment carries one.
    const chunk = this.bom.push(input);
    let start = 0;
    if (this.skipping) {
      const nl = chunk.indexOf(10);
      if (nl < 0) return;
      this.skipping = false;
      this.emit({ tooLong: this.skippedHead });
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last < start) {
      this.hold(chunk.subarray(start));
      return;
    }
    this.parts.push(chunk.subarray(start));
    this.bytes += chunk.length - start;
    this.complete = this.bytes - (chunk.length - last - 1);
    if (this.complete >= this.segmentBytes) this.cut();
  }

  end(): void {
    const rest = this.bom.end();
    if (rest.length > 0) this.push(rest);
    if (this.skipping) {
      this.skipping = false;
      this.emit({ tooLong: this.skippedHead });
    }
    this.complete = this.bytes;
    if (this.bytes > 0) this.cut();
  }

  /** A chunk with no newline: part of one line; beyond the limit, skip to its end. */
  private hold(part: Buffer): void {
    const unfinished = this.bytes - this.complete + part.length;
    if (unfinished <= this.maxLineBytes) {
      this.parts.push(part);
      this.bytes += part.length;
      return;
    }
    // Send the whole lines before it, then remember the long line's head and drop the rest as it comes.
    this.parts.push(part);
    this.bytes += part.length;
    this.skippedHead = Buffer.concat(this.parts).subarray(this.complete, this.complete + HEAD_BYTES).toString('utf8');
    if (this.complete > 0) this.cut();
    this.parts = [];
    this.bytes = 0;
    this.skipping = true;
  }

  /** Emit the complete lines as one segment in shared memory of its own (every worker reads it); keep the tail. */
  private cut(): void {
    const segment = new Uint8Array(new SharedArrayBuffer(this.complete));
    const rest: Buffer[] = [];
    let offset = 0;
    for (const part of this.parts) {
      const take = Math.min(part.length, this.complete - offset);
      if (take > 0) segment.set(part.subarray(0, take), offset);
      if (take < part.length) rest.push(part.subarray(take));
      offset += take;
    }
    this.emit({ bytes: segment });
    this.parts = rest;
    this.bytes -= this.complete;
    this.complete = 0;
  }
}
