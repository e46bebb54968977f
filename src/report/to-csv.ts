/**
 * `--format csv`: one row per cluster for a spreadsheet (CONTRACT §4). Every cell goes through csvCell():
 * RFC 4180 quoting, and a cell that starts with = + - @ tab or CR is neutralised so attacker-written
 * account ids or labels cannot run as formulas when the file is opened. The header is always written, with
 * one `subscore_<signal>` column per known signal (then any other signal a report carries, by name).
 */
import { csvLine } from '../io/csv-cell.js';
import { SIGNALS } from '../score/signals.js';
import type { Report } from './report.js';

export const CSV_COLUMNS = [
  'id',
  'rank',
  'score',
  'severity',
  'label',
  'account_count',
  'exchanges',
  'input_tokens',
  'output_tokens',
  'first_seen',
  'last_seen',
  'accounts',
  'top_evidence',
] as const;

/** The signals with a subscore column: the scorer's, in its order, then any others the report has. */
function subscoreSignals(report: Report): string[] {
  const known = SIGNALS.map((s) => s.name);
  const seen = new Set(known);
  const extra = new Set<string>();
  for (const c of report.clusters) for (const name of Object.keys(c.subscores ?? {})) if (!seen.has(name)) extra.add(name);
  return [...known, ...[...extra].sort()];
}

/** The text whole. */
export function toCsv(report: Report): string {
  return [...csvPieces(report)].join('');
}

/** The header, then one line per cluster, a piece each. */
export function* csvPieces(report: Report): Generator<string> {
  const signals = subscoreSignals(report);
  yield csvLine([...CSV_COLUMNS, ...signals.map((s) => `subscore_${s}`)]);
  for (const c of report.clusters) {
    yield csvLine([
      c.id,
      c.rank,
      c.score,
      c.severity,
      c.label,
      c.account_count,
      c.exchanges,
      c.input_tokens,
      c.output_tokens,
      c.first_seen,
      c.last_seen,
      c.accounts.join(';'),
      c.evidence.map((e) => `${e.signal}: ${e.detail}`).join(' | '),
      ...signals.map((s) => c.subscores?.[s] ?? null),
    ]);
  }
}
