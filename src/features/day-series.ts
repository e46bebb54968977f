/**
 * Exchanges per UTC day of one account (and per model): what a cluster's timeline and model-mix charts are
 * summed from. A typed array from the account's first day; it keeps MAX_DAYS days from the earliest one, so
 * a hostile dump with timestamps spread over decades cannot make it large. The kept window depends only on
 * the earliest day, so the result is the same in any input order.
 */
import { float64s } from './slab.js';
import type { WireReader, WireWriter } from './wire.js';

export const MAX_DAYS = 1100;
const DAY_MS = 86_400_000;

export function dayOf(ts: number): number {
  return Math.floor(ts / DAY_MS);
}

export class DaySeries {
  private base = 0;
  private values = float64s(0);

  add(day: number, weight: number): void {
    if (this.values.length === 0) {
      this.base = day;
      this.values = float64s(8);
    } else if (day < this.base) {
      this.rebase(day);
    }
    const off = day - this.base;
    if (off >= MAX_DAYS) return;
    if (off >= this.values.length) this.grow(off + 1);
    this.values[off] += weight;
  }

  private grow(length: number): void {
    const next = new Float64Array(Math.min(MAX_DAYS, Math.max(length, this.values.length * 2)));
    next.set(this.values);
    this.values = next;
  }

  private rebase(day: number): void {
    const shift = this.base - day;
    const keep = Math.max(0, Math.min(this.values.length, MAX_DAYS - shift));
    const next = new Float64Array(keep > 0 ? shift + keep : 8);
    if (keep > 0) next.set(this.values.subarray(0, keep), shift);
    this.values = next;
    this.base = day;
  }

  /** Add another series (a partial state of the same account). */
  merge(other: DaySeries): void {
    other.forEach((day, weight) => this.add(day, weight));
  }

  /** Exchanges on `day` (0 outside the series). */
  get(day: number): number {
    const off = day - this.base;
    return off >= 0 && off < this.values.length ? this.values[off] : 0;
  }

  forEach(fn: (day: number, weight: number) => void): void {
    for (let i = 0; i < this.values.length; i++) if (this.values[i] !== 0) fn(this.base + i, this.values[i]);
  }

  writeTo(w: WireWriter): void {
    w.num(this.base);
    w.nums(this.values);
  }

  readFrom(r: WireReader): void {
    this.base = r.num();
    this.values = r.nums();
  }
}

/** Per-model first use and daily exchanges, for the MAX_MODELS models first used earliest (ties by name). */
export const MAX_MODELS = 64;

export class ModelTimeline {
  readonly models = new Map<string, { first: number; daily: DaySeries }>();

  add(model: string, ts: number, weight: number): void {
    let entry = this.models.get(model);
    if (entry === undefined) {
      entry = { first: ts, daily: new DaySeries() };
      this.models.set(model, entry);
      // Keeping the earliest-first models means a model kept at the end was never evicted on the way.
      if (this.models.size > MAX_MODELS && this.evictLatest() === model) return;
    } else if (ts < entry.first) {
      entry.first = ts;
    }
    entry.daily.add(dayOf(ts), weight);
  }

  private evictLatest(): string {
    let latest: string | undefined;
    let at = Number.NEGATIVE_INFINITY;
    for (const [m, e] of this.models) if (e.first > at || (e.first === at && m > (latest as string))) [latest, at] = [m, e.first];
    this.models.delete(latest as string);
    return latest as string;
  }

  merge(other: ModelTimeline): void {
    for (const [model, e] of other.models) {
      const mine = this.models.get(model);
      if (mine === undefined) {
        const copy = { first: e.first, daily: new DaySeries() };
        copy.daily.merge(e.daily);
        this.models.set(model, copy);
        if (this.models.size > MAX_MODELS) this.evictLatest();
      } else {
        if (e.first < mine.first) mine.first = e.first;
        mine.daily.merge(e.daily);
      }
    }
  }

  writeTo(w: WireWriter): void {
    w.num(this.models.size);
    for (const [model, e] of this.models) {
      w.str(model);
      w.num(e.first);
      e.daily.writeTo(w);
    }
  }

  readFrom(r: WireReader): void {
    this.models.clear();
    for (let i = r.num(); i > 0; i--) {
      const entry = { first: 0, daily: new DaySeries() };
      this.models.set(r.str() as string, entry);
      entry.first = r.num();
      entry.daily.readFrom(r);
    }
  }

  firstUse(model: string): number | undefined {
    return this.models.get(model)?.first;
  }
}
