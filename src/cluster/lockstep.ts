/**
 * Timing lockstep between two accounts: are they active in the same minutes far beyond what two
 * independent accounts of their volume would be? Each account carries a bottom-64 MinHash signature of its
 * active minutes (hashes shared by all accounts), so the Jaccard similarity of two minute sets is
 * estimated in O(64), and candidate pairs come from the minutes with the smallest hashes, which accounts in
 * lockstep hold in common.
 */
import { type AccountState, MINUTE_SIGNATURE_K } from '../features/account-state.js';

export interface Timing {
  signature: Float64Array;
  minutes: number;
  first: number;
  last: number;
  /** How the account's traffic falls on the minutes of the hour (minuteShares); null below MIN_ACTIVE_MINUTES. */
  minuteShares: Float32Array | null;
}

export function timingOf(s: AccountState): Timing {
  // Past 64 minutes the count is a KMV estimate (±13%); an account active in h distinct hours was active in
  // at least h minutes, which is exact for a job that runs once an hour, where an underestimate would
  // make the chance overlap of two such jobs look small.
  const minutes = Math.max(s.minutes.distinct(), s.activeHours.hours());
  const minuteShares = minutes >= MIN_ACTIVE_MINUTES ? sharesOfHour(s.minuteOfHour, minutes) : null;
  return { signature: s.minutes.signature(), minutes, first: s.first, last: s.last, minuteShares };
}

/** Active minutes an account needs before it can be in lockstep with another. */
export const MIN_ACTIVE_MINUTES = 12;
/** Pseudo-minutes spread evenly over the hour when estimating an account's minute-of-hour shares. */
const SMOOTHING_MINUTES = 6;

/**
 * Share of an account's traffic in each minute of the hour, from its exchange histogram, as if its `minutes`
 * active minutes fell that way, plus SMOOTHING_MINUTES spread evenly: twelve minutes are not evidence that
 * the other 48 never occur (an account in true lockstep with another would otherwise explain itself away),
 * while a cron job's 720 hourly runs at :00 keep it at :00.
 */
function sharesOfHour(histogram: Float64Array, minutes: number): Float32Array {
  let total = 0;
  for (const w of histogram) total += w;
  const shares = new Float32Array(60);
  for (let m = 0; m < 60; m++) shares[m] = ((total > 0 ? (histogram[m] / total) * minutes : 0) + SMOOTHING_MINUTES / 60) / (minutes + SMOOTHING_MINUTES);
  return shares;
}

/**
 * Minutes two independent accounts with `na` and `nb` active minutes in a `window` of minutes would share.
 * Independent of each other, not of the clock: two cron jobs that both fire at :00 share most of their
 * minutes by the schedule alone, so each minute of the hour is counted apart (an account active in every
 * :00 of the window is certain to be active in each).
 */
function expectedShared(na: number, nb: number, window: number, a: Float32Array | null, b: Float32Array | null): number {
  if (!a || !b) return (na * nb) / window;
  const hours = window / 60;
  let shared = 0;
  for (let m = 0; m < 60; m++) shared += hours * Math.min(1, (na * a[m]) / hours) * Math.min(1, (nb * b[m]) / hours);
  return shared;
}
const MIN_SHARED_MINUTES = 6;
/** Candidate tokens per account: its smallest minute hashes. */
export const CANDIDATE_MINUTES = 6;

/** Jaccard estimate of two bottom-k signatures: of the k smallest hashes of their union, the share in both. */
export function signatureJaccard(a: Float64Array, b: Float64Array, k = MINUTE_SIGNATURE_K): number {
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
 * accounts with these activity densities and minute-of-hour habits over their common window; 0 unless the
 * estimated number of shared minutes is also far (4σ) above its expectation, so two quiet accounts do not
 * link by chance, nor two cron jobs by their schedule.
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
  const expected = expectedShared(na, nb, window, a.minuteShares, b.minuteShares);
  if (shared < MIN_SHARED_MINUTES || shared < expected + 4 * Math.sqrt(expected)) return 0;
  const j0 = expected / Math.max(na + nb - expected, 1);
  // J itself is estimated from MINUTE_SIGNATURE_K hashes: where chance alone gives a high J₀ (clock-aligned
  // traffic), the estimate's own spread must not pass for lockstep either.
  if (j0 >= 1 || j < j0 + 4 * Math.sqrt((j0 * (1 - j0)) / MINUTE_SIGNATURE_K)) return 0;
  return (j - j0) / (1 - j0);
}
