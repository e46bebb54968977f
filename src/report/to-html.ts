/**
 * `--format html`: one self-contained page an analyst can open offline or attach to a case — summary, ranked
 * cluster table, and per detailed cluster its timeline, model mix (the pivot made visible), an hour × day heat
 * map, evidence, shared attributes and heaviest accounts.
 *
 * Safety: the page loads nothing (uPlot's JS and CSS are inlined from node_modules/uplot/dist) and carries a
 * strict Content-Security-Policy whose script/style sources are the sha256 hashes of its own inline blocks.
 * Every log-derived string is either escaped by escapeHtml() (text and quoted attributes) or reaches the page
 * through the JSON data block (escaped for a script context by jsonForScript()) and is then set with
 * textContent / drawn on a canvas by the client script (html-client.ts). No inline event handlers.
 * The same report gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { HTML_CLIENT_JS, HTML_CSS } from './html-client.js';
import { isFlagged, SEVERITIES } from '../score/score.js';
import { fixed2, grouped, measure, shortTime, spanDays } from './format.js';
import type { Report, ReportCluster } from './report.js';
import { escapedJson } from './to-json.js';
import { CONTROLS_AND_BIDI_BUT_WHITESPACE, unicodeEscape } from '../io/unicode-escape.js';

const require = createRequire(import.meta.url);

let assets: { js: string; css: string } | undefined;

/** uPlot's browser build and stylesheet, read once from the installed package. */
function uplotAssets(): { js: string; css: string } {
  if (!assets) {
    const js = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
    const css = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
    assets = { js: inlineSafe(js, 'script'), css: inlineSafe(css, 'style') };
  }
  return assets;
}

/** Code inlined in a <script>/<style> must not be able to end it early or enter the parser's escaped states. */
function inlineSafe(text: string, tag: 'script' | 'style'): string {
  if (new RegExp(`</${tag}|<!--`, 'i').test(text)) throw new Error(`cannot inline ${tag}: it contains '</${tag}' or '<!--'`);
  // The HTML parser turns CR/CRLF into LF before the CSP hash is checked: hash and inline the same text.
  return text.replace(/\r\n?/g, '\n');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * The one escaper for text and (quoted) attribute values; anything that is not a string is stringified
 * first. Controls and bidi overrides become visible \uXXXX: a U+202E in an account id would otherwise
 * reverse the rest of its line on the page.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]).replace(CONTROLS_AND_BIDI_BUT_WHITESPACE, unicodeEscape);
}

/** JSON for a `<script type="application/json">` block: `<`, `>`, `&`, U+2028/2029 as \uXXXX, so no `</script>` or `<!--`. */
export function jsonForScript(value: unknown): string {
  return escapedJson(value, /[<>&\u2028\u2029]/g);
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** A time from the report as "YYYY-MM-DD HH:MM" (UTC); '–' when missing. */
const when = (t: unknown): string => shortTime(String(t ?? '–'));

function severityBadge(severity: unknown): string {
  const s = String(severity);
  return `<span class="sev sev-${(SEVERITIES as readonly string[]).includes(s) ? s : 'unknown'}">${escapeHtml(s)}</span>`;
}

function daysText(first: unknown, last: unknown): string {
  const days = spanDays(first, last);
  return days === null ? '' : `${days} days`;
}

function table(head: string[], rows: string[][], cls = ''): string {
  return [
    `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>`,
    ...rows.map((r) => `<tr>${r.join('')}</tr>`),
    '</tbody></table>',
  ].join('\n');
}

const td = (html: string, cls = ''): string => `<td${cls ? ` class="${cls}"` : ''}>${html}</td>`;

function summary(report: Report): string {
  const i = report.input;
  const flagged = report.clusters.filter((c) => isFlagged(c.severity)).length;
  const reasons = (by: Record<string, number> | undefined): string => {
    const parts = Object.entries(by ?? {}).map(([k, v]) => `${escapeHtml(k)} ${grouped(v)}`);
    return parts.length ? ` <span class="muted">(${parts.join(', ')})</span>` : '';
  };
  const items: [string, string][] = [
    ['records', grouped(i.records)],
    ['rejected', `${grouped(i.rejected)}${reasons(i.rejected_by_reason)}`],
    ...(i.filtered ? ([['filtered', `${grouped(i.filtered)}${reasons(i.filtered_by_reason)}`]] as [string, string][]) : []),
    ['accounts', grouped(i.accounts)],
    ['time range', `${escapeHtml(when(i.time_range?.first))} → ${escapeHtml(when(i.time_range?.last))} UTC`],
    ['clusters listed', grouped(report.clusters.length)],
    ['flagged (high or critical)', `<strong>${grouped(flagged)}</strong>`],
  ];
  if (report.redaction) items.push(['redaction', `${escapeHtml(report.redaction.method)}, key ${escapeHtml(report.redaction.key_id)}`]);
  const files = (i.files ?? []).map((f) => `<code>${escapeHtml(f)}</code>`).join(', ');
  return [
    '<section class="summary" id="summary"><h2>Summary</h2><dl>',
    ...items.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`),
    '</dl>',
    files ? `<p class="muted">input: ${files}</p>` : '',
    '</section>',
  ].join('\n');
}

function clusterTable(report: Report): string {
  if (report.clusters.length === 0) return '<section id="clusters"><h2>Clusters</h2><p class="empty">No clusters in this report.</p></section>';
  const rows = report.clusters.map((c, i) => {
    const id = c.detail ? `<a href="#c-${i}">${escapeHtml(c.id)}</a>` : escapeHtml(c.id);
    const change = c.change ? ` <span class="tag">${escapeHtml(c.change)}</span>` : '';
    const allow = c.allowlisted?.length ? ' <span class="tag">allowlisted</span>' : '';
    return [
      td(id, 'id'),
      td(severityBadge(c.severity)),
      td(fixed2(c.score), 'n'),
      td(grouped(c.account_count), 'n'),
      td(grouped(c.exchanges), 'n'),
      td(`${escapeHtml(c.label)}${change}${allow}`),
    ];
  });
  return `<section id="clusters"><h2>Clusters</h2>\n${table(['id', 'severity', 'score', 'accounts', 'exchanges', 'label'], rows, 'ranked')}\n</section>`;
}

function evidenceTable(c: ReportCluster): string {
  const subscores = c.subscores ?? {};
  const rows = (c.evidence ?? []).map((e) => [
    td(`<code>${escapeHtml(e.signal)}</code>`),
    td(fixed2(subscores[e.signal]), 'n'),
    td(measure(e.value), 'n'),
    td(measure(e.baseline), 'n'),
    td(escapeHtml(e.detail)),
  ]);
  const named = new Set((c.evidence ?? []).map((e) => e.signal));
  const others = Object.entries(subscores)
    .filter(([k]) => !named.has(k))
    .map(([k, v]) => `<code>${escapeHtml(k)}</code> ${fixed2(v)}`);
  return [
    '<h3>Evidence</h3>',
    table(['signal', 'subscore', 'value', 'baseline', 'sentence'], rows, 'evidence'),
    others.length ? `<p class="muted">other subscores: ${others.join(' · ')}</p>` : '',
  ].join('\n');
}

function sharedTable(c: ReportCluster): string {
  const shared = c.detail?.shared ?? [];
  if (!shared.length) return '<h3>Shared attributes</h3><p class="muted">No attribute value is shared by several accounts.</p>';
  const rows = shared.map((s) => [
    td(escapeHtml(s.kind)),
    td(`<code class="value">${escapeHtml(s.value)}</code>`),
    td(grouped(s.accounts), 'n'),
    td(s.exclusive ? 'yes' : ''),
  ]);
  return `<h3>Shared attributes</h3>\n${table(['kind', 'value', 'accounts', 'exclusive to the cluster'], rows, 'shared')}`;
}

function topAccounts(c: ReportCluster): string {
  const top = c.detail?.top_accounts ?? [];
  if (!top.length) return '';
  const rows = top.map((a, i) => [
    td(String(i + 1), 'n'),
    td(`<code>${escapeHtml(a.account_id)}</code>`),
    td(grouped(a.exchanges), 'n'),
    td(grouped(a.input_tokens), 'n'),
    td(grouped(a.output_tokens), 'n'),
    td(escapeHtml(when(a.first_seen))),
    td(escapeHtml(when(a.last_seen))),
  ]);
  return `<h3>Top accounts</h3>\n${table(['#', 'account', 'exchanges', 'input tokens', 'output tokens', 'first seen', 'last seen'], rows, 'top')}`;
}

/** Every account of the cluster (folded), at most this many written out; the rest are in the data block. */
const LISTED_ACCOUNTS = 2000;

function accountList(c: ReportCluster): string {
  const accounts = c.accounts ?? [];
  const shown = accounts.slice(0, LISTED_ACCOUNTS).map((a) => `<code>${escapeHtml(a)}</code>`).join(' ');
  const more = accounts.length > LISTED_ACCOUNTS ? ` <span class="muted">… and ${grouped(accounts.length - LISTED_ACCOUNTS)} more (in the report data)</span>` : '';
  return `<details class="accounts"><summary>All ${grouped(accounts.length)} accounts</summary><p>${shown}${more}</p></details>`;
}

function pivotSentence(c: ReportCluster): string {
  const evidence = (c.evidence ?? []).find((e) => e.signal === 'model_pivot');
  const p = c.detail?.pivot;
  if (!evidence && !p) return '<p class="muted pivot">No pivot to a newly released model.</p>';
  const facts = p
    ? ` <span class="muted">(${escapeHtml(p.model)} first seen ${escapeHtml(when(p.released_at))} UTC, ${escapeHtml(Math.round(p.share * 100))}% of traffic after ${escapeHtml(p.lag_hours)} h, ${grouped(p.accounts_moved)} accounts moved)</span>`
    : '';
  return `<p class="pivot"><strong>Pivot:</strong> ${escapeHtml(evidence?.detail ?? '')}${facts}</p>`;
}

function clusterSection(c: ReportCluster, index: number): string {
  const d = c.detail!;
  const tokens = (c.input_tokens ?? 0) + (c.output_tokens ?? 0);
  const identity = d.declared_identity ? ` · declared identity <code>${escapeHtml(d.declared_identity)}</code>` : '';
  const change = c.change ? ` · change: <span class="tag">${escapeHtml(c.change)}</span>${c.previous_id ? ` (was ${escapeHtml(c.previous_id)})` : ''}` : '';
  const allow = (c.allowlisted ?? []).map((m) => `${escapeHtml('account_id' in m ? m.account_id : m.org_id)} — ${escapeHtml(m.reason)}`);
  return [
    `<section class="cluster" id="c-${index}" data-index="${index}">`,
    `<h2>${escapeHtml(c.id)} ${severityBadge(c.severity)} <span class="score">score ${fixed2(c.score)}</span></h2>`,
    `<p class="label">${escapeHtml(c.label)}</p>`,
    `<p class="facts">${grouped(c.account_count)} accounts · ${grouped(c.exchanges)} exchanges · ${grouped(tokens)} tokens (${grouped(c.input_tokens)} in, ${grouped(c.output_tokens)} out) · ${escapeHtml(when(c.first_seen))} → ${escapeHtml(when(c.last_seen))} UTC (${escapeHtml(daysText(c.first_seen, c.last_seen))})${identity}${change}</p>`,
    allow.length ? `<p class="muted">allowlisted: ${allow.join('; ')}</p>` : '',
    '<div class="charts">',
    '<figure><figcaption>Exchanges per day (UTC)</figcaption><div class="chart" data-chart="daily"></div></figure>',
    `<figure><figcaption>Model mix: exchanges per day by model</figcaption><div class="chart" data-chart="models"></div>${pivotSentence(c)}</figure>`,
    '</div>',
    '<figure class="wide"><figcaption>Active accounts by hour of day (UTC) × day</figcaption><div class="heatmap" data-chart="heatmap"></div><p class="readout muted">Darker: more accounts active in that hour. Hover for values.</p></figure>',
    evidenceTable(c),
    sharedTable(c),
    topAccounts(c),
    accountList(c),
    '<p class="back"><a href="#clusters">↑ clusters</a></p>',
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

function undetailed(report: Report): string {
  const n = report.clusters.filter((c) => !c.detail).length;
  return n ? `<p class="muted">${grouped(n)} lower-ranked cluster${n === 1 ? ' has' : 's have'} no drill-down in this report; the table above lists them.</p>` : '';
}

function resolvedAndSuppressed(report: Report): string {
  const out: string[] = [];
  if (report.resolved?.length) {
    const rows = report.resolved.map((r) => [td(escapeHtml(r.id)), td(severityBadge(r.severity)), td(grouped(r.account_count), 'n'), td(grouped(r.exchanges), 'n'), td(escapeHtml(r.label))]);
    out.push(`<section id="resolved"><h2>Resolved since the baseline</h2>\n${table(['id', 'severity', 'accounts', 'exchanges', 'label'], rows)}\n</section>`);
  }
  if (report.suppressed?.length) {
    const rows = report.suppressed.map((s) => [td(escapeHtml(s.id)), td(severityBadge(s.severity_before)), td(grouped(s.account_count), 'n'), td(grouped(s.exchanges), 'n'), td(escapeHtml(s.label)), td(escapeHtml(s.reason))]);
    out.push(`<section id="suppressed"><h2>Suppressed by the allowlist</h2>\n${table(['id', 'severity before', 'accounts', 'exchanges', 'label', 'reason'], rows)}\n</section>`);
  }
  return out.join('\n');
}

export function toHtml(report: Report): string {
  const uplot = uplotAssets();
  const style = `${uplot.css}\n${HTML_CSS}`;
  const scripts = [uplot.js, HTML_CLIENT_JS];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    `style-src ${sha256(style)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const detailed = report.clusters.map((c, i) => (c.detail ? clusterSection(c, i) : '')).filter(Boolean);
  const flagged = report.clusters.filter((c) => isFlagged(c.severity)).length;
  return `${[
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>distill-forensics report · ${grouped(report.clusters.length)} clusters, ${grouped(flagged)} flagged</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>distill-forensics report</h1>`,
    `<p class="muted">${escapeHtml(report.tool?.name)} ${escapeHtml(report.tool?.version)} · generated ${escapeHtml(report.generated_at)} · schema_version ${escapeHtml(report.schema_version)}</p>`,
    '</header>',
    '<main>',
    summary(report),
    clusterTable(report),
    ...detailed,
    undetailed(report),
    resolvedAndSuppressed(report),
    '</main>',
    `<script type="application/json" id="report-data">${jsonForScript(report)}</script>`,
    ...scripts.map((s) => `<script>${s}</script>`),
    '</body>',
    '</html>',
  ]
    .filter(Boolean)
    .join('\n')}\n`;
}
