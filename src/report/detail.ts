/**
 * A cluster's drill-down data (the report's optional `detail`): its timeline, model mix over time, hour-of-day
 * load, activity heat map, pivot, heaviest accounts and shared attribute values. `explain` and the HTML
 * report draw from it, so a report file alone is enough to investigate a cluster.
 */
import type { AccountState } from '../features/account-state.js';
import { DaySeries } from '../features/day-series.js';
import { accountTotals } from '../features/extract.js';
import { formatTime } from '../ingest/time.js';
import type { ScoredCluster } from '../score/score.js';

export interface ClusterDetail {
  /** UTC days from the cluster's first to its last active day (YYYY-MM-DD), at most DETAIL_MAX_DAYS. */
  days: string[];
  /** Exchanges per day, aligned with `days`. */
  daily_exchanges: number[];
  /** The heaviest models with their exchanges per day, aligned with `days`. */
  models: { model: string; exchanges: number; daily: number[] }[];
  /** Exchanges per UTC hour of day (0–23). */
  hour_of_day: number[];
  /** Per day (aligned with `days`), 24 counts: accounts active in that UTC hour. */
  heatmap: number[][];
  pivot: { model: string; released_at: string; share: number; lag_hours: number; accounts_moved: number } | null;
  top_accounts: { account_id: string; exchanges: number; input_tokens: number; output_tokens: number; first_seen: string; last_seen: string }[];
  /** Attribute values held by several accounts of the cluster (`exclusive`: ≥ 90% of their holders are in it). */
  shared: { kind: string; value: string; accounts: number; exclusive: boolean }[];
  /** The declared identity most accounts state (`org:…` or `email_domain:…`), which labels may quote. */
  declared_identity: string | null;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Days kept in a detail (the last ones when a cluster spans more): charts stay readable and reports small. */
export const DETAIL_MAX_DAYS = 400;
const TOP_MODELS = 6;
const TOP_ACCOUNTS = 10;
const VALUE_CHARS = 200;

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function clusterDetail(cluster: ScoredCluster, states: readonly AccountState[]): ClusterDetail {
  const { profile, pivot } = cluster;
  const own = profile.accounts.map((a) => states[a]);
  const lastDay = Math.floor(profile.last / DAY_MS);
  const firstDay = Math.max(Math.floor(profile.first / DAY_MS), lastDay - DETAIL_MAX_DAYS + 1);
  const length = Number.isFinite(lastDay) ? lastDay - firstDay + 1 : 0;
  const daily = new Float64Array(length);
  const sumInto = (target: Float64Array, series: DaySeries): void =>
    series.forEach((day, w) => {
      if (day >= firstDay && day <= lastDay) target[day - firstDay] += w;
    });
  for (const s of own) sumInto(daily, s.daily);

  const topModels = [...profile.models.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_MODELS);
  const models = topModels.map(([model, exchanges]) => {
    const series = new Float64Array(length);
    for (const s of own) {
      const entry = s.modelTimeline.models.get(model);
      if (entry) sumInto(series, entry.daily);
    }
    return { model: model.slice(0, VALUE_CHARS), exchanges, daily: [...series] };
  });

  const heatmap = Array.from({ length }, () => new Array<number>(24).fill(0));
  for (const s of own) {
    s.activeHours.forEachHour((hour) => {
      const day = Math.floor(hour / 24);
      if (day >= firstDay && day <= lastDay) heatmap[day - firstDay][hour % 24]++;
    });
  }

  const top = profile.accounts
    .map((a, i) => ({ id: profile.ids[i], s: states[a] }))
    .sort((x, y) => y.s.exchanges - x.s.exchanges || (x.id < y.id ? -1 : 1))
    .slice(0, TOP_ACCOUNTS);

  return {
    days: Array.from({ length }, (_, i) => formatTime((firstDay + i) * DAY_MS).slice(0, 10)),
    daily_exchanges: [...daily],
    models,
    hour_of_day: [...profile.hourOfDay],
    heatmap,
    pivot: pivot
      ? {
          model: pivot.model,
          released_at: formatTime(pivot.releasedAt),
          share: round(pivot.share, 4),
          lag_hours: round(pivot.lagHours, 1),
          accounts_moved: pivot.accountsMoved,
        }
      : null,
    top_accounts: top.map(({ id, s }) => accountTotals(id, s)),
    shared: profile.sharedValues.map((v) => ({
      kind: v.kind,
      value: v.kind === 'created_hour' ? formatTime(Number(v.value) * HOUR_MS) : v.value.slice(0, VALUE_CHARS),
      accounts: v.accounts,
      exclusive: v.exclusive,
    })),
    // Named only when it speaks for the cluster: an org one account of a hundred uses is not its identity.
    declared_identity: profile.declaredShare !== null && profile.declaredShare >= 0.5 ? profile.declaredIdentity : null,
  };
}
