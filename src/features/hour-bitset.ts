import { bytes } from './slab.js';
import type { WireReader, WireWriter } from './wire.js';

/**
 * The set of UTC hour slots an account was active in, as a bitmap that grows in both directions from the
 * first hour seen: a year of activity costs 1.1 KB per account, however many requests it made.
 */
export class HourBitset {
  private bits = bytes(16);
  private base = 0; // hour index of bit 0
  private empty = true;

  add(hour: number): void {
    if (this.empty) {
      this.base = hour - (hour % 8) - 64;
      this.empty = false;
    }
    let off = hour - this.base;
    if (off < 0) {
      const grow = Math.max(-off, this.bits.length * 8) + 7;
      const growBytes = Math.ceil(grow / 8);
      const next = new Uint8Array(this.bits.length + growBytes);
      next.set(this.bits, growBytes);
      this.bits = next;
      this.base -= growBytes * 8;
      off = hour - this.base;
    } else if (off >= this.bits.length * 8) {
      const next = new Uint8Array(Math.max(this.bits.length * 2, (off >> 3) + 1));
      next.set(this.bits);
      this.bits = next;
    }
    this.bits[off >> 3] |= 1 << (off & 7);
  }

  writeTo(w: WireWriter): void {
    w.byteArray(this.bits);
    w.num(this.base);
    w.num(this.empty ? 1 : 0);
  }

  readFrom(r: WireReader): void {
    this.bits = r.byteArray();
    this.base = r.num();
    this.empty = r.num() === 1;
  }

  /** Number of active hours. */
  hours(): number {
    let n = 0;
    for (const b of this.bits) {
      let x = b;
      while (x) {
        x &= x - 1;
        n++;
      }
    }
    return n;
  }

  merge(other: HourBitset): void {
    other.forEachHour((hour) => this.add(hour));
  }

  /** Each active hour (hours since the epoch), ascending. */
  forEachHour(fn: (hour: number) => void): void {
    for (let i = 0; i < this.bits.length; i++) {
      if (this.bits[i] === 0) continue;
      for (let j = 0; j < 8; j++) if (this.bits[i] & (1 << j)) fn(this.base + i * 8 + j);
    }
  }

  /** Number of distinct UTC days with at least one active hour. */
  days(): number {
    const days = new Set<number>();
    this.forEachHour((hour) => days.add(Math.floor(hour / 24)));
    return days.size;
  }
}
