/**
 * The report (CONTRACT.md §4, schema_version "1"): ranked clusters with exact totals and evidence, built
 * from the scored clusters. Every output format renders this one object.
 */
import type { IngestStats } from '../ingest/collector.js';
import { formatTime } from '../ingest/time.js';
import type { Evidence, ScoredCluster, Severity } from '../score/score.js';
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
}

/** Lone accounts are listed when they score at least "low" or are among the heaviest users. */
const TOP_SINGLETONS = 20;

function sortedRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

export function buildReport(opts: { stats: IngestStats; scored: ScoredCluster[]; accounts: number; version: string; generatedAt?: Date }): Report {
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
    })),
  };
}
