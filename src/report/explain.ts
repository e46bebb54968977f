/**
 * `explain <report.json> <cluster-id|account-id>`: one cluster of a report as a terminal drill-down — header,
 * why (every subscore with value vs baseline and the evidence sentence), shared attributes, a sparkline of
 * daily exchanges, model mix with the pivot, hour-of-day load and the heaviest accounts. An account id
 * leads to the cluster that holds it.
 *
 * The report is an untrusted file: every string from it goes through terminalSafe(), and the optional
 * `detail` (whose fields may grow within schema_version 1) is read defensively.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { ClusterDetail } from './detail.js';
import type { Report, ReportCluster, SuppressedCluster } from './report.js';
import { terminalSafe } from './terminal-safe.js';
import { compact, cut, fixed2, grouped as count, isNumber, measure, SEVERITY_COLOUR, shortTime, spanDays } from './format.js';

export type ExplainTarget =
  | { kind: 'cluster'; cluster: ReportCluster }
  | { kind: 'account'; account: string; cluster: ReportCluster }
  | { kind: 'suppressed'; cluster: SuppressedCluster; account?: string };

const BARS = '▁▂▃▄▅▆▇█';
/** Columns of a sparkline; longer series are summed into this many buckets. */
export const SPARK_WIDTH = 60;
const VALUE_WIDTH = 64;
/** Shared attribute values listed (the report holds them all). */
const SHARED_SHOWN = 15;

/** Log-derived (report-derived) text for the terminal. */
const safe = (v: unknown): string => terminalSafe(String(v ?? ''));

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const numbers = (v: unknown): number[] => list(v).map((x) => (isNumber(x) ? x : 0));
/** A time from the report as "YYYY-MM-DD HH:MM", made safe first. */
const when = (t: unknown): string => shortTime(safe(t));
const daysNote = (days: string | null): string => (days === null ? '' : ` (${days} days)`);

/** Sums `values` into at most `width` consecutive buckets. */
export function bucket(values: readonly number[], width = SPARK_WIDTH): number[] {
  if (values.length <= width) return [...values];
  const out = new Array<number>(width).fill(0);
  for (let i = 0; i < values.length; i++) out[Math.floor((i * width) / values.length)] += values[i];
  return out;
}

/** ▁▂▃▄▅▆▇█ scaled to `max` (default: the largest value); a zero is a space, any positive value at least ▁. */
export function sparkline(values: readonly number[], max = Math.max(0, ...values)): string {
  return values
    .map((v) => {
      if (!(v > 0) || !(max > 0)) return ' ';
      return BARS[Math.min(BARS.length - 1, Math.max(0, Math.ceil((v / max) * BARS.length) - 1))];
    })
    .join('');
}

/** Edit distance of two short strings, giving up (returning limit + 1) once it must exceed `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (row[j] < best) best = row[j];
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length];
}

/** The cluster (or account) `id` names, or null with the closest id of the report when one is near. */
export function findTarget(report: Report, id: string): ExplainTarget | { kind: 'none'; suggestion?: string } {
  const clusters = report.clusters ?? [];
  const suppressed = report.suppressed ?? [];
  const cluster = clusters.find((c) => c.id === id);
  if (cluster) return { kind: 'cluster', cluster };
  const quiet = suppressed.find((c) => c.id === id);
  if (quiet) return { kind: 'suppressed', cluster: quiet };
  const holder = clusters.find((c) => c.accounts.includes(id));
  if (holder) return { kind: 'account', account: id, cluster: holder };
  const quietHolder = suppressed.find((c) => c.accounts.includes(id));
  if (quietHolder) return { kind: 'suppressed', cluster: quietHolder, account: id };

  const candidates = [...clusters.map((c) => c.id), ...suppressed.map((c) => c.id), ...clusters.flatMap((c) => c.accounts), ...suppressed.flatMap((c) => c.accounts)];
  const lower = id.toLowerCase();
  const sameCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameCase) return { kind: 'none', suggestion: sameCase };
  const limit = id.length >= 8 ? 2 : 1;
  let best: { id: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase(), limit);
    if (d <= limit && (!best || d < best.d)) best = { id: c, d };
  }
  if (best) return { kind: 'none', suggestion: best.id };
  const prefixed = id.length >= 6 ? candidates.filter((c) => c.startsWith(id)) : [];
  return prefixed.length === 1 ? { kind: 'none', suggestion: prefixed[0] } : { kind: 'none' };
}

function severity(chalk: ChalkInstance, s: unknown): string {
  const colour = SEVERITY_COLOUR[s as keyof typeof SEVERITY_COLOUR] ?? 'white';
  return chalk[colour].bold(safe(s).toUpperCase());
}

function header(chalk: ChalkInstance, c: ReportCluster, total: number): string[] {
  const tokens = (isNumber(c.input_tokens) ? c.input_tokens : 0) + (isNumber(c.output_tokens) ? c.output_tokens : 0);
  const lines = [
    `${chalk.bold(safe(c.id))}  ${severity(chalk, c.severity)}  score ${chalk.bold(fixed2(c.score))}  rank ${count(c.rank)} of ${count(total)}`,
    safe(c.label),
    chalk.dim(
      `${count(c.account_count)} accounts · ${count(c.exchanges)} exchanges · ${compact(tokens)} tokens (${compact(c.input_tokens)} in, ${compact(c.output_tokens)} out) · ` +
        `${when(c.first_seen)} → ${when(c.last_seen)} UTC${daysNote(spanDays(c.first_seen, c.last_seen))}`,
    ),
  ];
  if (c.detail?.declared_identity) lines.push(`declared identity: ${safe(c.detail.declared_identity)}`);
  if (c.change) lines.push(`change since the baseline: ${chalk.bold(safe(c.change))}${c.previous_id ? ` (was ${safe(c.previous_id)})` : ''}`);
  for (const m of list(c.allowlisted) as NonNullable<ReportCluster['allowlisted']>) {
    const who = 'account_id' in m ? `account ${safe(m.account_id)}` : `org ${safe(m.org_id)}`;
    lines.push(chalk.yellow(`allowlisted: ${who} — ${safe(m.reason)}`));
  }
  return lines;
}

function why(chalk: ChalkInstance, c: ReportCluster): string[] {
  const subscores = (c.subscores ?? {}) as Record<string, unknown>;
  const evidence = list(c.evidence) as ReportCluster['evidence'];
  const width = Math.max(14, ...evidence.map((e) => [...safe(e.signal)].length));
  const lines = [chalk.bold('Why')];
  for (const e of evidence) {
    lines.push(`  ${safe(e.signal).padEnd(width)}  ${fixed2(subscores[e.signal]).padStart(4)}  ${chalk.dim(`value ${measure(e.value)} vs baseline ${measure(e.baseline)}`)}`);
    lines.push(`      ${safe(e.detail)}`);
  }
  const named = new Set(evidence.map((e) => e.signal));
  const others = Object.entries(subscores).filter(([k]) => !named.has(k));
  if (others.length) lines.push(chalk.dim(`  other subscores: ${others.map(([k, v]) => `${safe(k)} ${fixed2(v)}`).join(' · ')}`));
  return lines;
}

function shared(chalk: ChalkInstance, d: Partial<ClusterDetail>): string[] {
  const values = list(d.shared) as ClusterDetail['shared'];
  if (!values.length) return [chalk.bold('Shared attributes'), chalk.dim('  no attribute value is shared by several accounts')];
  const kindWidth = Math.max(...values.slice(0, SHARED_SHOWN).map((v) => [...safe(v.kind)].length));
  const valueWidth = Math.min(VALUE_WIDTH, Math.max(...values.slice(0, SHARED_SHOWN).map((v) => [...safe(v.value)].length)));
  const shown = values.slice(0, SHARED_SHOWN);
  const more = values.length - shown.length;
  return [
    chalk.bold('Shared attributes'),
    ...shown.map(
      (v) =>
        `  ${safe(v.kind).padEnd(kindWidth)}  ${cut(safe(v.value), VALUE_WIDTH).padEnd(valueWidth)}  ${count(v.accounts).padStart(6)} accounts${v.exclusive ? chalk.yellow('  exclusive') : ''}`,
    ),
    ...(more > 0 ? [chalk.dim(`  … and ${more} more in the report`)] : []),
  ];
}

function timeline(chalk: ChalkInstance, d: Partial<ClusterDetail>): string[] {
  const days = list(d.days).map(safe);
  const daily = numbers(d.daily_exchanges).slice(0, days.length);
  if (!days.length) return [chalk.bold('Timeline'), chalk.dim('  no daily data')];
  const peak = Math.max(0, ...daily);
  const active = daily.filter((v) => v > 0).length;
  const hours = numbers(d.hour_of_day).slice(0, 24);
  const lines = [
    chalk.bold('Timeline (exchanges per day, UTC)'),
    `  ${days[0]} ${chalk.cyan(sparkline(bucket(daily)))} ${days[days.length - 1]}`,
    chalk.dim(`  ${days.length} day${days.length === 1 ? '' : 's'}${days.length > SPARK_WIDTH ? ` (${SPARK_WIDTH} columns)` : ''}, active on ${active}, peak ${count(peak)} exchanges/day`),
  ];
  if (hours.length === 24) lines.push(`  hour of day  00 ${chalk.cyan(sparkline(hours))} 23`);
  return lines;
}

function modelMix(chalk: ChalkInstance, c: ReportCluster, d: Partial<ClusterDetail>): string[] {
  const models = list(d.models) as ClusterDetail['models'];
  const lines = [chalk.bold('Model mix (exchanges per day)')];
  const days = list(d.days).length;
  if (!models.length) lines.push(chalk.dim('  no model recorded'));
  const series = models.map((m) => bucket(numbers(m.daily).slice(0, days)));
  const max = Math.max(0, ...series.flat());
  const nameWidth = Math.min(32, Math.max(0, ...models.map((m) => [...safe(m.model)].length)));
  const total = isNumber(c.exchanges) && c.exchanges > 0 ? c.exchanges : 0;
  models.forEach((m, i) => {
    const share = total && isNumber(m.exchanges) ? `${Math.round((m.exchanges / total) * 100)}%` : '';
    lines.push(`  ${cut(safe(m.model), 32).padEnd(nameWidth)}  ${count(m.exchanges).padStart(9)}  ${share.padStart(4)}  ${chalk.cyan(sparkline(series[i], max))}`);
  });
  const sentence = (list(c.evidence) as ReportCluster['evidence']).find((e) => e.signal === 'model_pivot');
  const p = d.pivot;
  if (sentence || p) {
    lines.push(`  ${chalk.bold('pivot:')} ${sentence ? safe(sentence.detail) : `to ${safe(p?.model)}`}`);
    if (p) {
      lines.push(
        chalk.dim(`         ${safe(p.model)} first seen ${when(p.released_at)} UTC; ${isNumber(p.share) ? Math.round(p.share * 100) : '–'}% of traffic after ${measure(p.lag_hours)} h; ${count(p.accounts_moved)} accounts moved`),
      );
    }
  } else {
    lines.push(chalk.dim('  no pivot to a newly released model'));
  }
  return lines;
}

function topAccounts(chalk: ChalkInstance, d: Partial<ClusterDetail>, highlight?: string): string[] {
  const top = list(d.top_accounts) as ClusterDetail['top_accounts'];
  if (!top.length) return [];
  const idWidth = Math.min(40, Math.max(...top.map((a) => [...safe(a.account_id)].length)));
  return [
    chalk.bold('Top accounts (by exchanges)'),
    ...top.map((a, i) => {
      const tokens = (isNumber(a.input_tokens) ? a.input_tokens : 0) + (isNumber(a.output_tokens) ? a.output_tokens : 0);
      const line = `${String(i + 1).padStart(3)}  ${cut(safe(a.account_id), 40).padEnd(idWidth)}  ${count(a.exchanges).padStart(9)} exchanges  ${compact(tokens).padStart(6)} tokens  ${when(a.first_seen).slice(0, 10)} → ${when(a.last_seen).slice(0, 10)}`;
      return a.account_id === highlight ? chalk.bold(`${line}  ◀`) : line;
    }),
  ];
}

/** Where `account` stands in the cluster: its rank among top_accounts, or that it is not among them. */
function accountLine(chalk: ChalkInstance, account: string, c: ReportCluster): string[] {
  const lines = [`account ${chalk.bold(safe(account))} is in cluster ${chalk.bold(safe(c.id))} (${count(c.account_count)} accounts)`];
  if (!c.detail) return lines;
  const top = list(c.detail.top_accounts) as ClusterDetail['top_accounts'];
  const i = top.findIndex((a) => a.account_id === account);
  lines.push(
    i >= 0
      ? `it ranks #${i + 1} of the cluster's accounts by exchanges (${count(top[i].exchanges)} exchanges)`
      : `it is not among the cluster's ${top.length} heaviest accounts`,
  );
  return lines;
}

function suppressedLines(chalk: ChalkInstance, c: SuppressedCluster, account?: string): string[] {
  return [
    ...(account ? [`account ${chalk.bold(safe(account))} is in cluster ${chalk.bold(safe(c.id))}, which the allowlist suppressed`, ''] : []),
    `${chalk.bold(safe(c.id))}  ${chalk.dim('suppressed by the allowlist')}  (was ${severity(chalk, c.severity_before)}, score ${fixed2(c.score)})`,
    safe(c.label),
    chalk.dim(`${count(c.account_count)} accounts · ${count(c.exchanges)} exchanges`),
    `reason: ${safe(c.reason)}${list(c.entries).length ? ` (allowlist entries ${list(c.entries).map(safe).join(', ')})` : ''}`,
    '',
    chalk.dim('A suppressed cluster has no evidence or drill-down in the report; scan without --allowlist to see them.'),
  ];
}

/** The drill-down text of `target` (ends with a newline). */
export function explainTarget(report: Report, target: ExplainTarget, opts: { color: boolean }): string {
  const chalk = new Chalk({ level: opts.color ? 1 : 0 });
  if (target.kind === 'suppressed') return `${suppressedLines(chalk, target.cluster, target.account).join('\n')}\n`;
  const c = target.cluster;
  const blocks: string[][] = [];
  if (target.kind === 'account') blocks.push(accountLine(chalk, target.account, c));
  blocks.push(header(chalk, c, (report.clusters ?? []).length), why(chalk, c));
  const d = c.detail && typeof c.detail === 'object' ? (c.detail as Partial<ClusterDetail>) : undefined;
  if (d) {
    blocks.push(shared(chalk, d), timeline(chalk, d), modelMix(chalk, c, d));
    const top = topAccounts(chalk, d, target.kind === 'account' ? target.account : undefined);
    if (top.length) blocks.push(top);
  } else {
    const accounts = list(c.accounts).slice(0, 10).map(safe);
    blocks.push([
      chalk.dim('The drill-down (timeline, model mix, shared attributes, top accounts) is not in this report: scan keeps it for the top-ranked clusters and every one at medium or above.'),
      `accounts: ${accounts.join(', ')}${list(c.accounts).length > accounts.length ? `, … (${count(list(c.accounts).length)} in all)` : ''}`,
    ]);
  }
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}
