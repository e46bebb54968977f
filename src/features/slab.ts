/**
 * Small typed arrays carved out of shared buffers. A typed array with a buffer of its own costs about 200
 * bytes besides its values (the ArrayBuffer, its backing store and their bookkeeping), a view into a shared
 * buffer about 100, and the garbage collector then tracks one buffer instead of thousands. Every account
 * state holds seven or eight small arrays (histograms, the first entries of its samples), so for a dump of
 * many light accounts this is about a tenth of the state.
 *
 * A slab lives as long as any view into it: only arrays that live as long as their account belong here
 * (an array that a sample outgrows leaves its slot unused, a few dozen bytes). A view's `.buffer` is the
 * whole slab, so views are copied, never transferred, between threads (wire.ts copies values).
 */

const SLAB_BYTES = 64 * 1024;
/** Longer arrays get buffers of their own: carving them would waste slab space when they are replaced. */
export const MAX_CARVED_BYTES = 512;

// Zero-length arrays hold nothing to share or overwrite (writes past the end are ignored): one of each.
const NO_FLOAT64S = new Float64Array(0);
const NO_BYTES = new Uint8Array(0);

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/** The offset of `byteLength` bytes of the current slab, 8-byte aligned; a new slab when this one is full. */
function carve(byteLength: number): number {
  const size = (byteLength + 7) & ~7;
  if (used + size > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const at = used;
  used += size;
  return at;
}

/** A zeroed Float64Array of `length`, from a slab when it is small (the one empty array when it is 0). */
export function float64s(length: number): Float64Array<ArrayBuffer> {
  if (length === 0) return NO_FLOAT64S;
  if (length * 8 > MAX_CARVED_BYTES) return new Float64Array(length);
  const at = carve(length * 8);
  return new Float64Array(slab, at, length);
}

/** A zeroed Uint8Array of `length`, from a slab when it is small. */
export function bytes(length: number): Uint8Array<ArrayBuffer> {
  if (length === 0) return NO_BYTES;
  if (length > MAX_CARVED_BYTES) return new Uint8Array(length);
  const at = carve(length);
  return new Uint8Array(slab, at, length);
}
