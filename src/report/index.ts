/**
 * The output formats of `scan --format`: format name → renderer of the one report object (CONTRACT §1, §4).
 * The CLI's `--format` choices come from here; a new format is a module with a renderer and one line in
 * REPORTERS. A renderer gives its text in pieces, in order: the formats that list every cluster (json,
 * ndjson, csv) give one per cluster, so a report of many clusters is written without its whole text in memory.
 */
import type { Report } from './report.js';
import { csvPieces } from './to-csv.js';
import { toHtml } from './to-html.js';
import { jsonPieces, ndjsonPieces } from './to-json.js';
import { toStix } from './to-stix.js';
import { toTable } from './to-table.js';

/** What a renderer may use besides the report. */
export interface ReportOptions {
  /** ANSI colour (table only). */
  color?: boolean;
  /** Clusters shown in the table (every other format has all). */
  limit?: number;
}

/** The report's text as pieces that join to it. */
export type Reporter = (report: Report, options: ReportOptions) => Iterable<string>;

export const REPORTERS = {
  table: (r, o) => [toTable(r, { color: o.color ?? false, limit: o.limit })],
  json: (r) => jsonPieces(r),
  ndjson: (r) => ndjsonPieces(r),
  csv: (r) => csvPieces(r),
  html: (r) => [toHtml(r)],
  stix: (r) => [toStix(r)],
} satisfies Record<string, Reporter>;

export type ReportFormat = keyof typeof REPORTERS;
export const REPORT_FORMATS = Object.keys(REPORTERS) as ReportFormat[];

export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(REPORTERS, name);
}

/** Renders `report` in `format`; throws on a name that is not in REPORTERS. */
export function renderReport(format: ReportFormat, report: Report, options: ReportOptions = {}): string {
  if (!isReportFormat(format)) throw new Error(`unknown report format '${String(format)}'`);
  return [...REPORTERS[format](report, options)].join('');
}
