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

/** Values held before pruning back to k: a quarter more, so a sketch costs at most 1.25 k entries. */
export function slack(k: number): number {
  return k + Math.max(8, k >> 2);
}

/** Exact weights for held values (e.g. IPs, models, templates with their exchange counts). */
export class ValueCounter {
  private readonly held = new Map<string, { hash: number; weight: number }>();
  private threshold = HASH_SPACE;
  // Accounts repeat the value of their previous row most of the time (same IP, agent, org): skip the lookup.
  private lastValue: string | undefined;
  private lastEntry: { hash: number; weight: number } | undefined;
  total = 0;

  constructor(private readonly k = 256) {}

  add(value: string, weight: number): void {
    this.total += weight;
    if (value === this.lastValue && this.lastEntry !== undefined) {
      this.lastEntry.weight += weight;
      return;
    }
    const e = this.held.get(value);
    this.lastValue = value;
    this.lastEntry = e;
    if (e !== undefined) {
      e.weight += weight;
      return;
    }
    // Hash only values not held: most rows repeat a value the account already used.
    const hash = hashString(value);
    if (hash >= this.threshold) return;
    this.lastEntry = { hash, weight };
    this.held.set(value, this.lastEntry);
    if (this.held.size >= slack(this.k)) this.prune();
  }

  private prune(): void {
    if (this.held.size <= this.k) return;
    const hs = Float64Array.from(this.held.values(), (e) => e.hash).sort();
    this.threshold = hs[this.k];
    for (const [v, e] of this.held) if (e.hash >= this.threshold) this.held.delete(v);
    this.lastValue = undefined;
    this.lastEntry = undefined;
  }

  /** Fold in a counter of the same k built over other rows: the result is the counter of all the rows. */
  merge(other: ValueCounter): void {
    this.total += other.total;
    const threshold = Math.min(this.threshold, other.threshold);
    for (const [v, e] of this.held) if (e.hash >= threshold) this.held.delete(v);
    for (const [v, e] of other.held) {
      if (e.hash >= threshold) continue;
      const mine = this.held.get(v);
      if (mine !== undefined) mine.weight += e.weight;
      else this.held.set(v, { hash: e.hash, weight: e.weight });
    }
    this.threshold = threshold;
    this.lastValue = undefined;
    this.lastEntry = undefined;
    if (this.held.size >= slack(this.k)) this.prune();
  }

  /** Every distinct value seen is held exactly. */
  get exact(): boolean {
    return this.threshold === HASH_SPACE && this.held.size <= this.k;
  }

  distinct(): number {
    if (this.exact) return this.held.size;
    this.prune();
    let max = 0;
    for (const e of this.held.values()) if (e.hash > max) max = e.hash;
    return Math.round(((this.k - 1) * HASH_SPACE) / max);
  }

  /** Held values by weight, heaviest first; ties by value, so the order is deterministic. */
  entries(): [string, number][] {
    this.prune();
    return [...this.held.entries()]
      .map(([v, e]): [string, number] => [v, e.weight])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
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
  private threshold = HASH_SPACE;

  constructor(private readonly k = 64) {
    this.hashes = new Float64Array(slack(k));
  }

  add(hash: number): void {
    if (hash >= this.threshold) return;
    this.hashes[this.n++] = hash;
    if (this.n >= this.hashes.length) this.compact();
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
    const threshold = Math.min(this.threshold, other.threshold);
    this.compact();
    const all = new Float64Array(this.n + theirs.length + this.k);
    all.set(this.hashes.subarray(0, this.n));
    all.set(theirs, this.n);
    this.hashes = all;
    this.n += theirs.length;
    this.threshold = threshold;
    let u = 0;
    for (let i = 0; i < this.n; i++) if (this.hashes[i] < threshold) this.hashes[u++] = this.hashes[i];
    this.n = u;
    this.compact();
    if (this.hashes.length !== slack(this.k)) {
      const next = new Float64Array(slack(this.k));
      next.set(this.hashes.subarray(0, this.n));
      this.hashes = next;
    }
  }

  get exact(): boolean {
    this.compact();
    return this.threshold === HASH_SPACE;
  }

  distinct(): number {
    this.compact();
    if (this.threshold === HASH_SPACE) return this.n;
    return Math.round(((this.k - 1) * HASH_SPACE) / this.hashes[this.k - 1]);
  }

  /** The held hashes, ascending: a bottom-k MinHash signature of the set, comparable across accounts. */
  signature(): Float64Array {
    this.compact();
    return this.hashes.slice(0, this.n);
  }
}
