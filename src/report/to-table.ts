/**
 * `--format table`: the analyst's terminal view — a summary header, then one line per cluster with its
 * severity, size, volume, span and strongest evidence, fitted to 120 columns.
 */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { terminalSafe } from './terminal-safe.js';
import type { Report } from './report.js';

const SEVERITY_COLOUR = { critical: 'redBright', high: 'red', medium: 'yellow', low: 'cyan', info: 'gray' } as const;

function compact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  return n.toLocaleString('en-US');
}

function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

export function toTable(report: Report, opts: { color: boolean; limit?: number }): string {
  const chalk = new Chalk({ level: opts.color ? 1 : 0 });
  const i = report.input;
  const rejected = i.rejected ? `, ${i.rejected.toLocaleString('en-US')} rejected` : '';
  const filtered = i.filtered ? `, ${i.filtered.toLocaleString('en-US')} filtered` : '';
  const flagged = report.clusters.filter((c) => c.severity === 'critical' || c.severity === 'high').length;
  const lines = [
    chalk.bold(`${i.records.toLocaleString('en-US')} records${rejected}${filtered} · ${i.accounts.toLocaleString('en-US')} accounts`),
    `${i.time_range.first ?? '–'} → ${i.time_range.last ?? '–'} · ${report.clusters.length} clusters listed, ${flagged} flagged (high or critical)`,
  ];
  const shown = report.clusters.slice(0, opts.limit ?? 20);
  const table = new Table({
    head: ['id', 'severity', 'score', 'accounts', 'exchanges', 'days', 'label / top evidence'],
    style: { head: opts.color ? ['bold'] : [], border: opts.color ? ['gray'] : [] },
    colWidths: [7, 10, 7, 10, 11, 6, 61],
    wordWrap: true,
  });
  for (const c of shown) {
    const days = ((Date.parse(c.last_seen) - Date.parse(c.first_seen)) / 86_400_000).toFixed(1);
    const top = c.evidence[0] ? `\n${terminalSafe(c.evidence[0].detail)}` : '';
    table.push([
      c.id,
      chalk[SEVERITY_COLOUR[c.severity]](c.severity),
      c.score.toFixed(2),
      compact(c.account_count),
      compact(c.exchanges),
      days,
      cut(`${terminalSafe(c.label)}${top}`, 240),
    ]);
  }
  lines.push(table.toString());
  if (report.clusters.length > shown.length) lines.push(chalk.gray(`… ${report.clusters.length - shown.length} more (--limit N, or --format json for all)`));
  return `${lines.join('\n')}\n`;
}
