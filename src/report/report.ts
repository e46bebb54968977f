/**
 * The report (CONTRACT.md §4, schema_version "1"): ranked clusters with exact totals and evidence, built
 * from the scored clusters. Every output format renders this one object.
 */
import type { IngestStats } from '../ingest/collector.js';
import { formatTime } from '../ingest/time.js';
import { atLeast, type Evidence, type ScoredCluster, type Severity } from '../score/score.js';
import type { AccountState } from '../features/account-state.js';
import { type ClusterDetail, clusterDetail } from './detail.js';
import { clusterLabel } from './label.js';

export const SCHEMA_VERSION = '1';

export interface ReportCluster {
  id: string;
  rank: number;
  score: number;
  severity: Severity;
  label: string;
  accounts: string[];
  account_count: number;
  exchanges: number;
  input_tokens: number;
  output_tokens: number;
  first_seen: string;
  last_seen: string;
  evidence: Evidence[];
  subscores: Record<string, number | null>;
  change?: 'new' | 'grown' | 'unchanged';
  /** Drill-down data (detail.ts) for the top-ranked clusters and every one at medium or above. */
  detail?: ClusterDetail;
  /** `--baseline`: the id of the earlier report's cluster this one was matched to (baseline.ts). */
  previous_id?: string;
  /** `--allowlist`: accounts/orgs of this cluster the allowlist names; the cluster stays listed and scored (allowlist.ts). */
  allowlisted?: AllowlistMark[];
}

/** One allowlisted account or org inside a cluster that is otherwise kept; `entry` numbers the allowlist entry from 1. */
export type AllowlistMark = ({ account_id: string } | { org_id: string }) & { reason: string; entry: number };

/** `--baseline`: a cluster of the earlier report that no cluster of this one matches. */
export interface ResolvedCluster {
  id: string;
  account_count: number;
  exchanges: number;
  severity: Severity;
  label: string;
}

/** `--allowlist`: a cluster every account of which is allowlisted, taken out of `clusters`. */
export interface SuppressedCluster {
  id: string;
  rank: number;
  score: number;
  severity_before: Severity;
  label: string;
  accounts: string[];
  account_count: number;
  exchanges: number;
  reason: string;
  entries: number[];
}

export interface Report {
  schema_version: string;
  tool: { name: string; version: string };
  generated_at: string;
  input: {
    files: string[];
    records: number;
    rejected: number;
    rejected_by_reason: Record<string, number>;
    filtered: number;
    filtered_by_reason: Record<string, number>;
    accounts: number;
    time_range: { first: string | null; last: string | null };
  };
  clusters: ReportCluster[];
  /** `--baseline`: earlier clusters (at low or above) that no cluster of this report matches. */
  resolved?: ResolvedCluster[];
  /** `--allowlist`: clusters whose accounts are all allowlisted (never flagged, never --fail-on). */
  suppressed?: SuppressedCluster[];
  /** `--redact`: every id is an HMAC-SHA256 pseudonym; `key_id` tells which key made them (redact.ts). */
  redaction?: { method: 'hmac-sha256'; key_id: string };
}

/** Lone accounts are listed when they score at least "low" or are among the heaviest users. */
const TOP_SINGLETONS = 20;
/** Clusters ranked this high get a `detail` whatever their severity. */
const DETAILED_RANKS = 50;

function sortedRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

export function buildReport(opts: {
  stats: IngestStats;
  scored: ScoredCluster[];
  accounts: number;
  version: string;
  generatedAt?: Date;
  /** Account states by index (as the clusters refer to them): without them there is no `detail`. */
  states?: readonly AccountState[];
}): Report {
  const { stats, scored } = opts;
  const heaviestSingles = new Set(
    scored
      .filter((c) => c.profile.accounts.length === 1)
      .sort((a, b) => b.profile.exchanges - a.profile.exchanges || (a.profile.ids[0] < b.profile.ids[0] ? -1 : 1))
      .slice(0, TOP_SINGLETONS),
  );
  const listed = scored
    .filter((c) => c.profile.accounts.length > 1 || c.score >= 0.2 || heaviestSingles.has(c))
    .sort((a, b) => b.score - a.score || b.profile.exchanges - a.profile.exchanges || (a.profile.ids[0] < b.profile.ids[0] ? -1 : 1));
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const c of scored) {
    if (c.profile.first < first) first = c.profile.first;
    if (c.profile.last > last) last = c.profile.last;
  }
  return {
    schema_version: SCHEMA_VERSION,
    tool: { name: 'distill-forensics', version: opts.version },
    generated_at: (opts.generatedAt ?? new Date()).toISOString(),
    input: {
      files: stats.files,
      records: stats.records,
      rejected: stats.rejected,
      rejected_by_reason: sortedRecord(stats.rejectedByReason),
      filtered: stats.filtered,
      filtered_by_reason: sortedRecord(stats.filteredByReason),
      accounts: opts.accounts,
      time_range: { first: Number.isFinite(first) ? formatTime(first) : null, last: Number.isFinite(last) ? formatTime(last) : null },
    },
    clusters: listed.map((c, i) => ({
      id: `C${String(i + 1).padStart(4, '0')}`,
      rank: i + 1,
      score: c.score,
      severity: c.severity,
      label: clusterLabel(c),
      accounts: [...c.profile.ids].sort(),
      account_count: c.profile.accounts.length,
      exchanges: c.profile.exchanges,
      input_tokens: c.profile.inputTokens,
      output_tokens: c.profile.outputTokens,
      first_seen: formatTime(c.profile.first),
      last_seen: formatTime(c.profile.last),
      evidence: c.evidence,
      subscores: Object.fromEntries(Object.entries(c.signals).map(([k, v]) => [k, v === null ? null : v.subscore])),
      ...(opts.states && (i < DETAILED_RANKS || atLeast(c.severity, 'medium'))
        ? { detail: clusterDetail(c, opts.states) }
        : {}),
    })),
  };
}
