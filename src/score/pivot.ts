/**
 * Model pivots: a model that first appears in the middle of the dump is a release, and a swarm that moves
 * a large share of its traffic onto it within hours is a tell-tale of distillers chasing the newest model.
 */
import type { AccountState } from '../features/account-state.js';
import { dayOf } from '../features/day-series.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface Release {
  model: string;
  at: number;
}

/** Models first seen at least a day after the dump starts and a day before it ends. */
export function findReleases(states: Iterable<AccountState>): Release[] {
  const firstUse = new Map<string, number>();
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const s of states) {
    if (s.first < start) start = s.first;
    if (s.last > end) end = s.last;
    for (const [m, { first: t }] of s.modelTimeline.models) if (!(firstUse.get(m)! <= t)) firstUse.set(m, t);
  }
  return [...firstUse.entries()]
    .filter(([, t]) => t - start >= DAY_MS && end - t >= DAY_MS)
    .map(([model, at]) => ({ model, at }))
    .sort((a, b) => a.at - b.at || (a.model < b.model ? -1 : 1));
}

/**
 * An account's exchanges from a release on: every day after the release's day; of the release day, all its
 * exchanges on the new model (none can precede the release) and the rest in proportion to the hours left.
 */
function exchangesSince(s: AccountState, release: Release): number {
  const releaseDay = dayOf(release.at);
  const restOfDay = 1 - (release.at - releaseDay * DAY_MS) / DAY_MS;
  const onNewModel = s.modelTimeline.models.get(release.model)?.daily.get(releaseDay) ?? 0;
  let total = 0;
  s.daily.forEach((day, weight) => {
    if (day > releaseDay) total += weight;
    else if (day === releaseDay) total += onNewModel + (weight - onNewModel) * restOfDay;
  });
  return total;
}

export interface Pivot {
  model: string;
  releasedAt: number;
  /** Share of the cluster's traffic after the release that went to the new model (estimated, see below). */
  share: number;
  /** Median hours from the release to each account's first use of it. */
  lagHours: number;
  accountsMoved: number;
}

/**
 * The strongest pivot of a group of accounts. Traffic after the release is read from each account's daily
 * series (exchangesSince). (An even-rate estimate over the account's span undercounts an account that speeds
 * up at the release, which is what pivoting swarms do; counting the release day's other traffic by the hours
 * left in it, but its burst on the new model whole, keeps a burst right after the release from inflating
 * the share.)
 */
export function findPivot(own: AccountState[], releases: Release[]): Pivot | null {
  let best: Pivot | null = null;
  for (const r of releases) {
    let onModel = 0;
    let after = 0;
    const lags: number[] = [];
    for (const s of own) {
      if (s.last < r.at) continue;
      after += exchangesSince(s, r);
      const used = s.modelTimeline.firstUse(r.model);
      if (used !== undefined) {
        lags.push((used - r.at) / HOUR_MS);
        onModel += s.models.entries().find(([m]) => m === r.model)?.[1] ?? 0;
      }
    }
    if (after <= 0 || lags.length === 0) continue;
    lags.sort((a, b) => a - b);
    const pivot = { model: r.model, releasedAt: r.at, share: Math.min(1, onModel / after), lagHours: lags[lags.length >> 1], accountsMoved: lags.length };
    if (!best || pivot.share > best.share) best = pivot;
  }
  return best;
}
