/**
 * `--format table`: the analyst's terminal view — a two-line summary header, then one line per cluster with
 * its severity, score, size, volume, span and "kind — strongest evidence", fitted to 120 columns.
 * Every log-derived string goes through terminalSafe() first.
 */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { isFlagged } from '../score/score.js';
import { compact, cut, SEVERITY_COLOUR, spanDays } from './format.js';
import { terminalSafe } from './terminal-safe.js';
import type { Report } from './report.js';

export const TABLE_WIDTH = 120;

/** Column widths including one space of padding each side; with the 9 borders they add up to TABLE_WIDTH. */
const COLUMNS = [
  { head: 'id', width: 7, align: 'left' },
  { head: 'severity', width: 10, align: 'left' },
  { head: 'score', width: 7, align: 'right' },
  { head: 'accounts', width: 10, align: 'right' },
  { head: 'exchanges', width: 11, align: 'right' },
  { head: 'tokens', width: 8, align: 'right' },
  { head: 'days', width: 6, align: 'right' },
  { head: 'kind — top evidence', width: 52, align: 'left' },
] as const;

/** "hydra: 30 accounts, shared payment + …" → "hydra": the count has its own column and the traits repeat the evidence. */
function labelKind(label: string): string {
  const colon = label.indexOf(': ');
  return colon > 0 ? label.slice(0, colon) : label;
}

/** `--baseline` / `--allowlist` marks in front of the label: "[new] ", "[grown] ", "[2 allowlisted] ". */
function marks(c: Report['clusters'][number]): string {
  const change = c.change === 'new' || c.change === 'grown' ? `[${c.change}] ` : '';
  const allowlisted = c.allowlisted?.length ? `[${c.allowlisted.length} allowlisted] ` : '';
  return change + allowlisted;
}

/** One line each for the baseline comparison and the allowlist, when the report has them. */
function footer(report: Report): string[] {
  const out: string[] = [];
  if (report.resolved) {
    const count = (change: string): number => report.clusters.filter((c) => c.change === change).length;
    const ids = report.resolved.map((p) => terminalSafe(p.id)).join(', ');
    out.push(`baseline: ${count('new')} new, ${count('grown')} grown, ${count('unchanged')} unchanged, ${report.resolved.length} resolved${ids ? ` (${ids})` : ''}`);
  }
  if (report.suppressed?.length) {
    const n = report.suppressed.length;
    out.push(`allowlist: ${n} cluster${n === 1 ? '' : 's'} of known legitimate users suppressed (${report.suppressed.map((s) => terminalSafe(s.id)).join(', ')}; see --format json)`);
  }
  return out;
}

export function toTable(report: Report, opts: { color: boolean; limit?: number }): string {
  const chalk = new Chalk({ level: opts.color ? 1 : 0 });
  const i = report.input;
  const rejected = i.rejected ? `, ${i.rejected.toLocaleString('en-US')} rejected` : '';
  const filtered = i.filtered ? `, ${i.filtered.toLocaleString('en-US')} filtered` : '';
  const flagged = report.clusters.filter((c) => isFlagged(c.severity)).length;
  const lines = [
    chalk.bold(cut(`${i.records.toLocaleString('en-US')} records${rejected}${filtered} · ${i.accounts.toLocaleString('en-US')} accounts`, TABLE_WIDTH)),
    cut(
      `${terminalSafe(i.time_range.first ?? '–')} → ${terminalSafe(i.time_range.last ?? '–')} · ${report.clusters.length} clusters listed, ${flagged} flagged (high or critical)`,
      TABLE_WIDTH,
    ),
  ];
  const shown = report.clusters.slice(0, opts.limit ?? 20);
  const table = new Table({
    head: COLUMNS.map((c) => c.head),
    colWidths: COLUMNS.map((c) => c.width),
    colAligns: COLUMNS.map((c) => c.align),
    wordWrap: false,
    style: { head: opts.color ? ['bold'] : [], border: opts.color ? ['gray'] : [], compact: true },
  });
  const labelWidth = COLUMNS[COLUMNS.length - 1].width - 2;
  for (const c of shown) {
    const top = c.evidence[0] ? ` — ${terminalSafe(c.evidence[0].detail)}` : '';
    const colour = SEVERITY_COLOUR[c.severity] ?? 'white';
    table.push([
      cut(terminalSafe(c.id), COLUMNS[0].width - 2),
      chalk[colour](cut(terminalSafe(c.severity), COLUMNS[1].width - 2)),
      c.score.toFixed(2),
      compact(c.account_count),
      compact(c.exchanges),
      compact(c.input_tokens + c.output_tokens),
      spanDays(c.first_seen, c.last_seen) ?? '–',
      cut(`${marks(c)}${terminalSafe(labelKind(c.label))}${top}`, labelWidth),
    ]);
  }
  lines.push(table.toString());
  if (report.clusters.length > shown.length) lines.push(chalk.gray(`… ${report.clusters.length - shown.length} more (--limit N, or --format json for all)`));
  lines.push(...footer(report).map((l) => cut(l, TABLE_WIDTH)));
  return `${lines.join('\n')}\n`;
}
