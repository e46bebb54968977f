/** `scan <inputs...>`: the main job — ranked suspect clusters with evidence. */
import { type AnalyzeOptions, analyzeLogs } from '../analyze.js';
import { detect } from '../detect.js';
import { UsageError } from '../errors.js';
import { AtomicFile } from '../io/atomic-file.js';
import { buildReport, type Report } from '../report/report.js';
import { toJson, toNdjson } from '../report/to-json.js';
import { toTable } from '../report/to-table.js';
import { SEVERITIES, type Severity } from '../score/score.js';
import { loadWeights } from '../score/weights.js';

export const REPORT_FORMATS = ['table', 'json', 'ndjson'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ScanOptions extends AnalyzeOptions {
  format: ReportFormat;
  out?: string;
  limit?: number;
  minSeverity?: Severity;
  failOn?: Severity;
  weights?: string;
  color?: boolean;
  version: string;
  timings?: (line: string) => void;
}

const REPORTERS: Record<ReportFormat, (r: Report, o: ScanOptions) => string> = {
  json: (r) => toJson(r),
  ndjson: (r) => toNdjson(r),
  table: (r, o) => toTable(r, { color: o.color ?? false, limit: o.limit }),
};

export function atLeast(severity: Severity, level: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(level);
}

export async function runScan(options: ScanOptions): Promise<{ report: Report; output: string; failed: boolean }> {
  if (!REPORTERS[options.format]) throw new UsageError(`unknown --format '${options.format}'`);
  const weights = options.weights ? loadWeights(options.weights) : undefined;
  const out = options.out ? await AtomicFile.open(options.out) : undefined;
  try {
    const started = performance.now();
    let mark = started;
    const stage = (name: string, rows?: number): void => {
      const now = performance.now();
      const secs = (now - mark) / 1000;
      options.timings?.(`${name.padEnd(8)} ${secs.toFixed(2)} s${rows ? `  ${Math.round(rows / Math.max(secs, 1e-6)).toLocaleString('en-US')} rows/s` : ''}`);
      mark = now;
    };
    const { stats, features } = await analyzeLogs(options);
    stage('ingest+features', stats.records);
    const { scored } = detect(features, weights, (name) => stage(name));
    const full = buildReport({ stats, scored, accounts: features.accounts.size, version: options.version });
    const report = options.minSeverity ? { ...full, clusters: full.clusters.filter((c) => atLeast(c.severity, options.minSeverity!)) } : full;
    const output = REPORTERS[options.format](report, options);
    stage('report');
    if (out) {
      await out.write(output);
      await out.commit();
    }
    const failed = options.failOn !== undefined && full.clusters.some((c) => atLeast(c.severity, options.failOn!));
    return { report, output, failed };
  } catch (err) {
    await out?.abort();
    throw err;
  }
}
