/**
 * Bounded-memory counting for per-account features. Every sketch here depends only on the multiset of
 * values it saw, never on their order, so results are identical whatever order the inputs come in.
 *
 * Both keep the values with the `k` smallest hashes (a bottom-k sample). While at most `k` distinct values
 * were seen everything is exact; past that the distinct count is the KMV estimate (k−1)/h_k, relative
 * standard error ≈ 1/√(k−2) (6.3% at k = 256, 12.7% at k = 64). Pruning happens at 1.25k held values (slack()); any
 * value among the k smallest hashes overall is never pruned, so the final sample is order-independent.
 */
import { HASH_SPACE, hashString } from './hash.js';
import { float64s } from './slab.js';
import type { WireReader, WireWriter } from './wire.js';

/** A copy of `values` in a buffer twice as long (at most `max`). */
export function grown(values: Float64Array, max: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(Math.min(max, values.length * 2));
  next.set(values);
  return next;
}

/** Values held before pruning back to k: a quarter more, so a sketch costs at most 1.25 k entries. */
export function slack(k: number): number {
  return k + Math.max(8, k >> 2);
}

/** The lower of two admission thresholds, where undefined is none (admit everything). */
export function lower(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** The one empty map every counter starts with (never written: counters make their own on first use). */
const EMPTY: Map<string, number> = new Map();

/** Exact weights for held values (e.g. IPs, models, templates with their exchange counts). */
export class ValueCounter {
  /**
   * Held value → weight. Hashes are recomputed when pruning: cheaper than an object per held value. Shared
   * by every counter that has seen at most one value (most counters of most accounts: one org, one card,
   * one country), whose value lives in the pending slot alone until a second one comes.
   */
  private held: Map<string, number> = EMPTY;
  // Hashes at or past the threshold are not admitted; undefined until the first pruning. Optional numbers
  // here are undefined rather than a sentinel such as 2⁵³ or NaN: a field that only ever holds numbers gets
  // a boxed number of its own in every instance (32 bytes a counter, fourteen counters an account).
  private threshold: number | undefined = undefined;
  // Accounts repeat the value of their previous row most of the time (same IP, agent, org): that value's
  // whole weight is kept here and written to the map when another value comes or the counter is pruned, so
  // a change of value costs one map read and one write. The map's entry for it is stale meanwhile.
  private pendingValue: string | undefined;
  private pendingWeight = 0;
  // The last value refused by the threshold, so that a repeated refused value is not hashed again.
  private refused: string | undefined;
  /** The distinct count once settled (settle()). */
  private settledDistinct: number | undefined = undefined;
  total = 0;

  constructor(private readonly k = 256) {}

  /** Its fields, for another thread (wire.ts); `readFrom` on a counter of the same k reads them back. */
  writeTo(w: WireWriter): void {
    w.optionalNum(this.threshold);
    w.num(this.total);
    w.num(this.pendingWeight);
    w.optionalNum(this.settledDistinct);
    w.str(this.pendingValue);
    w.str(this.refused);
    w.num(this.held.size);
    for (const [v, weight] of this.held) {
      w.str(v);
      w.num(weight);
    }
  }

  readFrom(r: WireReader): void {
    this.threshold = r.optionalNum();
    this.total = r.num();
    this.pendingWeight = r.num();
    this.settledDistinct = r.optionalNum();
    this.pendingValue = r.str();
    this.refused = r.str();
    const size = r.num();
    // A counter that has seen at most one value shares the empty map (see `held`).
    this.held = size === 0 ? EMPTY : new Map();
    for (let i = 0; i < size; i++) this.held.set(r.str() as string, r.num());
  }

  add(value: string, weight: number): void {
    this.total += weight;
    this.admit(value, weight);
  }

  /** Count `weight` for `value` if the sample admits it (add without the total). */
  private admit(value: string, weight: number): void {
    if (value === this.pendingValue) {
      this.pendingWeight += weight;
      return;
    }
    if (value === this.refused) return;
    if (this.held === EMPTY && this.pendingValue === undefined && this.threshold === undefined) {
      this.pendingValue = value;
      this.pendingWeight = weight;
      return;
    }
    // Every held value hashes below the threshold, so a value at or past it is refused without a map lookup
    // (past k distinct values, most values of a busy counter are).
    if (this.threshold !== undefined && hashString(value) >= this.threshold) {
      this.refused = value;
      return;
    }
    this.flush();
    let before = this.held.get(value);
    if (before === undefined) {
      before = 0;
      if (this.held.size + 1 >= slack(this.k)) {
        this.held.set(value, 0);
        this.prune();
        if (!this.held.has(value)) return;
      }
    }
    this.pendingValue = value;
    this.pendingWeight = before + weight;
  }

  private flush(): void {
    if (this.pendingValue === undefined) return;
    if (this.held === EMPTY) this.held = new Map();
    this.held.set(this.pendingValue, this.pendingWeight);
    this.pendingValue = undefined;
    this.pendingWeight = 0;
  }

  /** The one value held in the pending slot alone, if that is all the counter has seen. */
  private get solo(): boolean {
    return this.held === EMPTY && this.pendingValue !== undefined;
  }

  /** Keep the k values with the smallest hashes; the k+1-th hash becomes the admission threshold. */
  private prune(): void {
    this.flush();
    if (this.held.size <= this.k) return;
    const hs = Float64Array.from(this.held.keys(), (v) => hashString(v)).sort();
    this.dropFrom(hs[this.k]);
  }

  private dropFrom(threshold: number): void {
    this.flush();
    this.threshold = threshold;
    for (const v of this.held.keys()) if (hashString(v) >= threshold) this.held.delete(v);
    this.refused = undefined;
  }

  /**
   * Fold in a counter of the same k built over other rows: the result is the counter of all the rows. The
   * other counter is left as it was, and a one-value counter gets no map from being merged.
   */
  merge(other: ValueCounter): void {
    if (this.settledDistinct !== undefined || other.settledDistinct !== undefined) throw new Error('a settled counter cannot be merged');
    this.total += other.total;
    // The other's pending value carries its whole weight; its map entry is stale.
    for (const [v, w] of other.held) if (v !== other.pendingValue) this.admit(v, w);
    if (other.pendingValue !== undefined) this.admit(other.pendingValue, other.pendingWeight);
    const threshold = lower(this.threshold, other.threshold);
    if (threshold !== this.threshold) this.dropFrom(threshold as number);
  }

  /**
   * Keep only what is read once the dump is read: the `keep` heaviest values with their weights, the total
   * and the distinct count. entries(), top(), distinct() and total answer as before (entries() up to
   * `keep`); the counter takes no more values.
   */
  settle(keep: number): void {
    const distinct = this.distinct();
    const kept = this.entries().slice(0, keep);
    this.held = EMPTY;
    this.pendingValue = undefined;
    this.pendingWeight = 0;
    this.refused = undefined;
    // One value lives in the pending slot alone, as in a counter that has only seen one.
    if (kept.length === 1) [[this.pendingValue, this.pendingWeight]] = kept;
    else if (kept.length > 1) this.held = new Map(kept);
    this.settledDistinct = distinct;
  }

  /** Every distinct value seen is held exactly. */
  get exact(): boolean {
    if (!this.solo) this.flush();
    return this.threshold === undefined && this.held.size <= this.k;
  }

  distinct(): number {
    if (this.settledDistinct !== undefined) return this.settledDistinct;
    if (this.exact) return this.solo ? 1 : this.held.size;
    this.prune();
    let max = 0;
    for (const v of this.held.keys()) max = Math.max(max, hashString(v));
    return Math.round(((this.k - 1) * HASH_SPACE) / max);
  }

  /** Held values by weight, heaviest first; ties by value, so the order is deterministic. */
  entries(): [string, number][] {
    if (this.solo) return [[this.pendingValue!, this.pendingWeight]];
    this.prune();
    return [...this.held.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  top(): { value: string; share: number } | null {
    const [first] = this.entries();
    return first && this.total > 0 ? { value: first[0], share: first[1] / this.total } : null;
  }
}

/** Distinct count only, on a typed array (for high-cardinality values such as prompts or active seconds). */
export class DistinctSketch {
  private hashes: Float64Array;
  private n = 0;
  /** Hashes at or past this are not kept; undefined while all are (see ValueCounter's threshold). */
  private threshold: number | undefined = undefined;

  constructor(private readonly k = 64) {
    // Most accounts are light: start small and grow to the full buffer only when values keep coming.
    this.hashes = float64s(Math.min(8, slack(k)));
  }

  add(hash: number): void {
    if (this.threshold !== undefined && hash >= this.threshold) return;
    this.hashes[this.n++] = hash;
    if (this.n < this.hashes.length) return;
    if (this.hashes.length < slack(this.k)) this.hashes = grown(this.hashes, slack(this.k));
    else this.compact();
  }

  /** Sort, drop duplicates, keep the k smallest (duplicates may sit in the buffer until then). */
  private compact(): void {
    const sorted = this.hashes.subarray(0, this.n).sort();
    let u = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[u++] = sorted[i];
    if (u > this.k) {
      this.threshold = sorted[this.k];
      u = this.k;
    }
    this.n = u;
  }

  /** Fold in a sketch of the same k built over other values. */
  merge(other: DistinctSketch): void {
    const theirs = other.signature();
    const threshold = lower(this.threshold, other.threshold);
    this.compact();
    const all = new Float64Array(this.n + theirs.length + this.k);
    all.set(this.hashes.subarray(0, this.n));
    all.set(theirs, this.n);
    this.hashes = all;
    this.n += theirs.length;
    this.threshold = threshold;
    if (threshold !== undefined) {
      let u = 0;
      for (let i = 0; i < this.n; i++) if (this.hashes[i] < threshold) this.hashes[u++] = this.hashes[i];
      this.n = u;
    }
    this.compact();
    if (this.hashes.length !== slack(this.k)) {
      const next = new Float64Array(slack(this.k));
      next.set(this.hashes.subarray(0, this.n));
      this.hashes = next;
    }
  }

  writeTo(w: WireWriter): void {
    w.nums(this.hashes);
    w.num(this.n);
    w.optionalNum(this.threshold);
  }

  readFrom(r: WireReader): void {
    this.hashes = r.nums();
    this.n = r.num();
    this.threshold = r.optionalNum();
  }

  get exact(): boolean {
    this.compact();
    return this.threshold === undefined;
  }

  distinct(): number {
    this.compact();
    if (this.threshold === undefined) return this.n;
    return Math.round(((this.k - 1) * HASH_SPACE) / this.hashes[this.k - 1]);
  }

  /** The held hashes, ascending: a bottom-k MinHash signature of the set, comparable across accounts. */
  signature(): Float64Array {
    this.compact();
    return this.hashes.slice(0, this.n);
  }
}
