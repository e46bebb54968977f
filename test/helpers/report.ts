/** Test helpers: reports built by hand (for the pure report transforms) and by the real pipeline. */
import { readFileSync } from 'node:fs';
import { analyzeLogs } from '../../src/analyze.js';
import { detect } from '../../src/detect.js';
import { buildReport, type Report, type ReportCluster } from '../../src/report/report.js';

export const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** A cluster with just what the transforms look at; `accounts` decides `account_count`. */
export function cluster(id: string, accounts: string[], extra: Partial<ReportCluster> = {}): ReportCluster {
  return {
    id,
    rank: Number(id.replace(/\D/g, '')) || 1,
    score: 0.5,
    severity: 'medium',
    label: `linked accounts: ${accounts.length} accounts`,
    accounts,
    account_count: accounts.length,
    exchanges: 1000,
    input_tokens: 0,
    output_tokens: 0,
    first_seen: '2026-05-01T00:00:00.000Z',
    last_seen: '2026-05-02T00:00:00.000Z',
    evidence: [{ signal: 'accounts', value: accounts.length, baseline: 1, detail: `${accounts.length} accounts act as one` }],
    subscores: {},
    ...extra,
  };
}

export function report(clusters: ReportCluster[], generatedAt = '2026-06-06T00:00:00.000Z'): Report {
  return {
    schema_version: '1',
    tool: { name: 'distill-forensics', version: VERSION },
    generated_at: generatedAt,
    input: {
      files: ['logs.jsonl'],
      records: 0,
      rejected: 0,
      rejected_by_reason: {},
      filtered: 0,
      filtered_by_reason: {},
      accounts: clusters.reduce((n, c) => n + c.account_count, 0),
      time_range: { first: null, last: null },
    },
    clusters,
  };
}

/** The report `scan` builds for `inputs`, before any output option (with `detail`, as scan has it). */
export async function pipelineReport(inputs: string[]): Promise<Report> {
  const { stats, features } = await analyzeLogs({ inputs, maxRejected: 1 });
  const { scored, states } = detect(features);
  return buildReport({ stats, scored, accounts: features.accounts.size, version: VERSION, generatedAt: new Date('2026-06-06T00:00:00Z'), states });
}
