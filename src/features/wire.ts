/**
 * Account states as flat buffers, for handing them from a worker thread to the main thread. Structured
 * cloning a state means some forty objects with their property names, rebuilt one property at a time on
 * the other side (~130 µs a state: 13 s for a dump of 100k light accounts); written here, a chunk of
 * states is one array of numbers, one of bytes and one of strings, and the two buffers are transferred,
 * not copied. Each class writes its own fields (`writeTo`) and reads them back into a fresh instance
 * (`readFrom`), in the same order.
 */
import { bytes, float64s } from './slab.js';

/** A chunk of states as sent between threads. */
export interface Wire {
  numbers: Float64Array<ArrayBuffer>;
  bytes: Uint8Array<ArrayBuffer>;
  strings: (string | undefined)[];
}

export class WireWriter {
  private numbers: Float64Array<ArrayBuffer>;
  private n = 0;
  private bytes: Uint8Array<ArrayBuffer>;
  private b = 0;
  private readonly strings: (string | undefined)[] = [];

  /** Room for this many numbers and bytes at first: the size of the last chunk spares growing copies. */
  constructor(numbers = 4096, bytes = 4096) {
    this.numbers = new Float64Array(Math.max(16, Math.ceil(numbers)));
    this.bytes = new Uint8Array(Math.max(16, Math.ceil(bytes)));
  }

  num(x: number): void {
    if (this.n === this.numbers.length) this.reserve(1);
    this.numbers[this.n++] = x;
  }

  /** A number that is never NaN, or undefined (written as NaN). */
  optionalNum(x: number | undefined): void {
    this.num(x ?? Number.NaN);
  }

  /** A typed array's length, then its values. */
  nums(values: Float64Array): void {
    this.reserve(values.length + 1);
    this.numbers[this.n++] = values.length;
    this.numbers.set(values, this.n);
    this.n += values.length;
  }

  /** Room for `count` more numbers. */
  private reserve(count: number): void {
    if (this.n + count <= this.numbers.length) return;
    const next = new Float64Array(Math.max(this.numbers.length * 2, this.n + count));
    next.set(this.numbers.subarray(0, this.n));
    this.numbers = next;
  }

  /** A byte array's length (with the numbers), then its bytes. */
  byteArray(values: Uint8Array): void {
    this.num(values.length);
    if (this.b + values.length > this.bytes.length) {
      const next = new Uint8Array(Math.max(this.bytes.length * 2, this.b + values.length));
      next.set(this.bytes.subarray(0, this.b));
      this.bytes = next;
    }
    this.bytes.set(values, this.b);
    this.b += values.length;
  }

  str(s: string | undefined): void {
    this.strings.push(s);
  }

  /** Bytes written so far (about what the states written take in memory). */
  get size(): number {
    return this.n * 8 + this.b + this.strings.length * 16;
  }

  /** Numbers and bytes written so far (a size for the next writer). */
  get counts(): { numbers: number; bytes: number } {
    return { numbers: this.n, bytes: this.b };
  }

  /** The chunk: views of the written part of the writer's own buffers, which can be transferred, not copied. */
  finish(): Wire {
    return { numbers: this.numbers.subarray(0, this.n), bytes: this.bytes.subarray(0, this.b), strings: this.strings };
  }
}

export class WireReader {
  private n = 0;
  private b = 0;
  private s = 0;

  constructor(private readonly wire: Wire) {}

  num(): number {
    return this.wire.numbers[this.n++];
  }

  optionalNum(): number | undefined {
    const x = this.num();
    return Number.isNaN(x) ? undefined : x;
  }

  /** A typed array as `nums` wrote it (copied by hand: slice() costs microseconds for a few numbers). */
  nums(): Float64Array<ArrayBuffer> {
    return this.numsInto(float64s(this.wire.numbers[this.n]));
  }

  /** Read a typed array into `target`, which has its length. */
  numsInto<T extends Float64Array>(target: T): T {
    const length = this.num();
    if (length !== target.length) throw new Error(`account state on the wire: ${length} numbers where ${target.length} belong`);
    const { numbers } = this.wire;
    for (let i = 0; i < length; i++) target[i] = numbers[this.n + i];
    this.n += length;
    return target;
  }

  byteArray(): Uint8Array<ArrayBuffer> {
    const length = this.num();
    const values = bytes(length);
    const source = this.wire.bytes;
    for (let i = 0; i < length; i++) values[i] = source[this.b + i];
    this.b += length;
    return values;
  }

  str(): string | undefined {
    return this.wire.strings[this.s++];
  }

  /** Everything written has been read. */
  get done(): boolean {
    return this.n === this.wire.numbers.length && this.b === this.wire.bytes.length && this.s === this.wire.strings.length;
  }
}
