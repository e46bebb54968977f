/**
 * The set of account pairs the linkage graph has scored, as keys lo·n + hi in one Float64Array with open
 * addressing (linear probing, at most half full). At full scale the graph scores millions of pairs, and a
 * Set<number> of keys past 2³¹ costs several times as much: a boxed number and a table entry each.
 */
import { hashInt } from '../features/hash.js';

export class PairSet {
  /** key + 1 per slot; 0 is empty. */
  private slots = new Float64Array(1024);
  private count = 0;

  /** Add `key` (a non-negative integer below 2^53 − 1); false when it was already there. */
  add(key: number): boolean {
    if (this.count * 2 >= this.slots.length) this.grow();
    return this.insert(key + 1);
  }

  private insert(stored: number): boolean {
    const mask = this.slots.length - 1;
    for (let i = hashInt(stored) & mask; ; i = (i + 1) & mask) {
      const held = this.slots[i];
      if (held === stored) return false;
      if (held === 0) {
        this.slots[i] = stored;
        this.count++;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    this.count = 0;
    for (const stored of old) if (stored !== 0) this.insert(stored);
  }
}
