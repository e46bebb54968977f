/**
 * Timing lockstep between two accounts: are they active in the same minutes far beyond what two
 * independent accounts of their volume would be? Each account carries a bottom-64 MinHash signature of its
 * active minutes (hashes shared by all accounts), so the Jaccard similarity of two minute sets is
 * estimated in O(64), and candidate pairs come from the minutes with the smallest hashes, which accounts in
 * lockstep hold in common.
 */
import type { AccountState } from '../features/account-state.js';

export interface Timing {
  signature: Float64Array;
  minutes: number;
  first: number;
  last: number;
}

export function timingOf(s: AccountState): Timing {
  return { signature: s.minutes.signature(), minutes: s.minutes.distinct(), first: s.first, last: s.last };
}

/** Active minutes an account needs before it can be in lockstep with another. */
export const MIN_ACTIVE_MINUTES = 12;
const MIN_SHARED_MINUTES = 6;
/** Candidate tokens per account: its smallest minute hashes. */
export const CANDIDATE_MINUTES = 6;

/** Jaccard estimate of two bottom-k signatures: of the k smallest hashes of their union, the share in both. */
export function signatureJaccard(a: Float64Array, b: Float64Array, k = 64): number {
  let i = 0;
  let j = 0;
  let taken = 0;
  let both = 0;
  while (taken < k && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) i++;
    else if (i >= a.length || b[j] < a[i]) j++;
    else {
      both++;
      i++;
      j++;
    }
    taken++;
  }
  return taken === 0 ? 0 : both / taken;
}

/**
 * Excess co-activity in [0, 1]: (J − J₀)/(1 − J₀), where J₀ is the Jaccard expected of independent
 * accounts with these activity densities over their common window; 0 unless the estimated number of
 * shared minutes is also far (4σ) above its expectation, so two quiet accounts do not link by chance.
 */
export function lockstepExcess(a: Timing, b: Timing): number {
  if (a.minutes < MIN_ACTIVE_MINUTES || b.minutes < MIN_ACTIVE_MINUTES) return 0;
  const from = Math.max(a.first, b.first);
  const to = Math.min(a.last, b.last);
  const window = (to - from) / 60_000 + 1;
  if (window < 60) return 0;
  const spanA = (a.last - a.first) / 60_000 + 1;
  const spanB = (b.last - b.first) / 60_000 + 1;
  const na = a.minutes * Math.min(1, window / spanA);
  const nb = b.minutes * Math.min(1, window / spanB);
  const j = signatureJaccard(a.signature, b.signature);
  const shared = (j * (na + nb)) / (1 + j);
  const expected = (na * nb) / window;
  if (shared < MIN_SHARED_MINUTES || shared < expected + 4 * Math.sqrt(expected)) return 0;
  const j0 = expected / Math.max(na + nb - expected, 1);
  return Math.max(0, (j - j0) / (1 - j0));
}
