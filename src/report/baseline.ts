/**
 * `--baseline PREV.json`: what changed since an earlier report. Cluster ids are ranks and change from run to
 * run, so clusters are matched by the accounts they share:
 *
 * - A cluster C and an earlier cluster P *match* when they share at least half of the smaller one's accounts
 *   (2·|C ∩ P| ≥ min(|C|, |P|)). A campaign that split, merged, lost or gained accounts still matches.
 * - Each cluster takes its best match (most shared accounts, then highest Jaccard, then the earlier rank) as
 *   `previous_id` and is `new` without one; `grown` when it holds an account its match did not, or more than
 *   GROWTH_RATIO more exchanges (and at least GROWTH_MIN_EXCHANGES more) — day-to-day jitter of a nightly
 *   window is not growth, a campaign that recruits accounts always is; otherwise `unchanged`.
 * - `resolved` lists the earlier clusters at `low` or above that no cluster matches at all (the lone heavy
 *   users listed at `info` come and go every night and would bury the real news).
 */
import { atLeast, type Severity } from '../score/score.js';
import type { Report, ReportCluster, ResolvedCluster } from './report.js';
import { readReportFile } from './validate-report.js';

export const GROWTH_RATIO = 0.1;
export const GROWTH_MIN_EXCHANGES = 100;
/** Earlier clusters below this level are never listed as resolved. */
export const RESOLVED_MIN_SEVERITY: Severity = 'low';

export interface BaselineOptions {
  /**
   * Maps an account id of `report` into the id space of `previous` — the pseudonym function when the earlier
   * report was written with `--redact` and this one is compared before being redacted with the same key.
   */
  accountKey?: (accountId: string) => string;
}

/** Marks every cluster of `report` new / grown / unchanged against `previous` and lists what was resolved. */
export function compareWithBaseline(report: Report, previous: Report, options: BaselineOptions = {}): Report {
  const key = options.accountKey ?? ((id: string) => id);
  const before = previous.clusters;
  const sizes = before.map((p) => new Set(p.accounts).size);
  const clustersOf = new Map<string, number[]>();
  before.forEach((p, i) => {
    for (const a of new Set(p.accounts)) {
      const list = clustersOf.get(a);
      if (list) list.push(i);
      else clustersOf.set(a, [i]);
    }
  });
  const matched = new Uint8Array(before.length);

  const clusters = report.clusters.map((c): ReportCluster => {
    const own = new Set(c.accounts.map(key));
    const overlap = new Map<number, number>();
    for (const a of own) for (const i of clustersOf.get(a) ?? []) overlap.set(i, (overlap.get(i) ?? 0) + 1);
    let best = -1;
    let bestShared = 0;
    let bestJaccard = 0;
    for (const [i, shared] of overlap) {
      if (2 * shared < Math.min(own.size, sizes[i])) continue;
      matched[i] = 1;
      const jaccard = shared / (own.size + sizes[i] - shared);
      if (shared > bestShared || (shared === bestShared && (jaccard > bestJaccard || (jaccard === bestJaccard && i < best)))) {
        best = i;
        bestShared = shared;
        bestJaccard = jaccard;
      }
    }
    if (best < 0) return { ...c, change: 'new' };
    const p = before[best];
    const recruited = own.size > bestShared;
    const more = c.exchanges - p.exchanges;
    const busier = more > p.exchanges * GROWTH_RATIO && more >= GROWTH_MIN_EXCHANGES;
    return { ...c, change: recruited || busier ? 'grown' : 'unchanged', previous_id: p.id };
  });

  const resolved: ResolvedCluster[] = before
    .filter((p, i) => !matched[i] && atLeast(p.severity, RESOLVED_MIN_SEVERITY))
    .map((p) => ({ id: p.id, account_count: p.account_count, exchanges: p.exchanges, severity: p.severity, label: p.label }));
  return { ...report, clusters, resolved };
}

/** Reads an earlier JSON report (an untrusted file: see readReportFile). */
export function readBaseline(path: string, what = '--baseline'): Report {
  return readReportFile(path, what);
}
