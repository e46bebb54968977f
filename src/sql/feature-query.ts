/**
 * `distill-forensics sql`: the per-account feature table (src/features/columns.ts) and the shared-value
 * link candidates (src/cluster/graph.ts) as one SQL query each, for running where the logs already live.
 * One builder for every engine: what differs between engines comes from dialects.ts.
 *
 * The query mirrors the Node path step by step: the same row rejections (CONTRACT §3), the same
 * normalisation of absent values ("", "-", whitespace), the same weighting by request_count, the same
 * tie-breaking (heaviest first, then value ascending), the same rounding (6 decimals, 3 for latency).
 * Where the Node path keeps a bounded sketch, SQL computes the exact value; SQL_COLUMNS says, for every
 * feature column, whether the two must agree and when they may not.
 */
import { HUB_CAP } from '../cluster/graph.js';
import { FEATURE_COLUMNS, VALUE_LISTS } from '../features/columns.js';
import { SUCCESS_WORDS, TIME_SAMPLE_K } from '../features/account-state.js';
import { MAX_DAYS, MAX_MODELS } from '../features/day-series.js';
import { CHAIN_OF_THOUGHT, CODE_BLOCK, HEAD_WORDS, QUOTED, RUBRIC_GRADING, TAIL_WORDS, TEMPLATE_KEY_CHARS } from '../features/prompt-signals.js';
import { MAX_MS } from '../ingest/time.js';
import type { Dialect } from './dialects.js';
import { renderTableName, type TableName } from './table-name.js';

/** The canonical columns the input table must have (CONTRACT §3; request_id is not used). */
export const INPUT_COLUMNS = [
  'ts', 'account_id', 'org_id', 'api_key_id', 'model', 'input_tokens', 'output_tokens', 'request_count', 'ip', 'asn',
  'country', 'user_agent', 'payment_fingerprint', 'account_created_at', 'email_domain', 'prompt', 'prompt_hash',
  'system_prompt_hash', 'status', 'latency_ms', 'max_tokens', 'temperature', 'topic',
] as const;

export type Fidelity = 'exact' | 'approximate' | 'absent';

/**
 * How each feature column computed in SQL relates to the Node path's value on the same rows.
 * `exact`: the same value (ratios to the last rounded digit); a `note` says when the Node path's own value
 * is a sketch estimate, i.e. when SQL is exact and Node is not. `approximate`: SQL re-implements text
 * processing and agrees on ASCII text; the note says where it can differ. No column is `absent`.
 */
export const SQL_COLUMNS: Readonly<Record<string, { fidelity: Fidelity; note?: string }>> = (() => {
  const SKETCH = (k: number): string => `equal while the account has ≤ ${k} distinct values; beyond that the Node path estimates (KMV) and SQL counts exactly`;
  const TOP = (k: number): string => `equal while the account has ≤ ${k} distinct values; beyond that the Node path picks the heaviest value of a hash sample, SQL the true one`;
  const TEXT = 'prompt normalisation ported to SQL regular expressions: equal on ASCII text; may differ on text that NFKC changes (DuckDB, Spark have no NFKC), on non-ASCII letters next to a word boundary, and on upper/lower-case mappings that differ between engines';
  const cols: Record<string, { fidelity: Fidelity; note?: string }> = {};
  for (const c of FEATURE_COLUMNS) cols[c.name] = { fidelity: 'exact' };
  Object.assign(cols, {
    interarrival_median_s: { fidelity: 'exact', note: `equal while the account has ≤ ${TIME_SAMPLE_K} distinct active seconds; beyond that the Node path uses a hash sample of them (its gaps scale with the sampling rate), SQL all of them` },
    interarrival_cv: { fidelity: 'exact', note: `as interarrival_median_s (population standard deviation ÷ mean of the gaps)` },
    distinct_ips: { fidelity: 'exact', note: SKETCH(64) },
    distinct_ip_prefixes: { fidelity: 'exact', note: SKETCH(64) },
    distinct_asns: { fidelity: 'exact', note: SKETCH(64) },
    distinct_countries: { fidelity: 'exact', note: SKETCH(32) },
    distinct_user_agents: { fidelity: 'exact', note: SKETCH(32) },
    distinct_api_keys: { fidelity: 'exact', note: SKETCH(32) },
    distinct_models: { fidelity: 'exact', note: SKETCH(64) },
    distinct_payment_fingerprints: { fidelity: 'exact', note: SKETCH(8) },
    distinct_system_prompts: { fidelity: 'exact', note: SKETCH(32) },
    top_ip: { fidelity: 'exact', note: TOP(64) },
    top_ip_share: { fidelity: 'exact', note: TOP(64) },
    top_asn: { fidelity: 'exact', note: TOP(64) },
    top_country: { fidelity: 'exact', note: TOP(32) },
    top_user_agent: { fidelity: 'exact', note: TOP(32) },
    top_model: { fidelity: 'exact', note: TOP(64) },
    top_model_share: { fidelity: 'exact', note: TOP(64) },
    model_mix: { fidelity: 'exact', note: TOP(64) },
    model_first_use: { fidelity: 'exact', note: `the ${MAX_MODELS} models first used earliest, as in the Node path` },
    top_topic: { fidelity: 'exact', note: TOP(32) },
    top_topic_share: { fidelity: 'exact', note: TOP(32) },
    top_max_tokens: { fidelity: 'exact', note: TOP(16) },
    top_max_tokens_share: { fidelity: 'exact', note: TOP(16) },
    top_system_prompt_share: { fidelity: 'exact', note: TOP(32) },
    email_domain: { fidelity: 'exact', note: `${TOP(8)}; --accounts is not joined (join the account table into the view instead)` },
    payment_fingerprint: { fidelity: 'exact', note: `${TOP(8)}; --accounts is not joined` },
    org_id: { fidelity: 'exact', note: `${TOP(8)}; --accounts is not joined` },
    account_created_at: { fidelity: 'exact', note: '--accounts is not joined' },
    account_age_days: { fidelity: 'exact', note: '--accounts is not joined' },
    distinct_prompts: { fidelity: 'approximate', note: `exact when the dump has prompt_hash and no prompt text (then also ${SKETCH(64)}); with text, ${TEXT}` },
    distinct_templates: { fidelity: 'approximate', note: `template key (slots masked, first 8 + last 4 words, at most ${TEMPLATE_KEY_CHARS} characters) ported to SQL; exact with prompt_hash only; with text, ${TEXT}` },
    top_template_share: { fidelity: 'approximate', note: 'as distinct_templates' },
    top_ips: { fidelity: 'exact', note: TOP(64) },
    top_ip_prefixes: { fidelity: 'exact', note: TOP(64) },
    top_user_agents: { fidelity: 'exact', note: TOP(32) },
    top_api_keys: { fidelity: 'exact', note: TOP(32) },
    top_system_prompts: { fidelity: 'exact', note: TOP(32) },
    top_payment_fingerprints: { fidelity: 'exact', note: `${TOP(8)}; --accounts is not joined` },
    top_orgs: { fidelity: 'exact', note: `${TOP(8)}; --accounts is not joined` },
    top_templates: { fidelity: 'approximate', note: `as distinct_templates; ${TOP(64)}` },
    daily_exchanges: { fidelity: 'exact', note: `the ${MAX_DAYS} days from the account's first, as in the Node path` },
    cot_share: { fidelity: 'approximate', note: `the same chain-of-thought pattern, on text normalised in SQL: ${TEXT}` },
    rubric_share: { fidelity: 'approximate', note: `the same rubric-grading pattern, on text normalised in SQL: ${TEXT}` },
  });
  return cols;
})();

// ---------------------------------------------------------------------------------------------------
// Patterns shared with the Node path: the sources of the patterns in src/features/prompt-signals.ts. They
// are applied to lower-cased text, so the case-insensitive flag is not needed.

export const CHAIN_OF_THOUGHT_SOURCE = CHAIN_OF_THOUGHT.source;
export const RUBRIC_GRADING_SOURCE = RUBRIC_GRADING.source;

/** JavaScript's \s (what normalizePrompt collapses), as a character class every engine reads alike. */
const JS_WHITESPACE = `[\\t\\n\\x0B\\f\\r ${[0xa0, 0x1680].map(cp).join('')}${cp(0x2000)}-${cp(0x200a)}${[0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff].map(cp).join('')}]+`;

function cp(code: number): string {
  return `\\x{${code.toString(16).toUpperCase().padStart(4, '0')}}`;
}

/** templateKey (prompt-signals.ts) on normalised text, where ' ' is the only whitespace left: \S is [^ ], \d is [0-9]. */
const TEMPLATE_MASKS: readonly [string, string][] = [
  [CODE_BLOCK.source, '<code>'],
  ['\\bhttps?://[^ ]+', '<url>'],
  [QUOTED.source, '<q>'],
  ['[0-9]+(?:[.,][0-9]+)*', '#'],
];

const DAY_MS = 86_400_000;

export interface QueryOptions {
  dialect: Dialect;
  table: TableName;
}

export interface LinksOptions extends QueryOptions {
  /** Values held by more accounts than this are skipped (src/cluster/graph.ts HUB_CAP). */
  hubCap?: number;
}

/** SQL-building helpers bound to one dialect. */
function helpers(d: Dialect) {
  const dbl = (x: string): string => `CAST(${x} AS ${d.types.double})`;
  const int = (x: string): string => `CAST(${x} AS ${d.types.int})`;
  const txt = (x: string): string => `CAST(${x} AS ${d.types.string})`;
  return {
    dbl,
    int,
    txt,
    q: (name: string): string => d.quoteIdent(name),
    ratio: (a: string, b: string): string => `CASE WHEN ${b} > 0 THEN ${dbl(a)} / ${b} END`,
    /** Math.round(x · 10^digits) / 10^digits, as the Node path rounds (floor(y + 0.5) = Math.round(y)). */
    round: (x: string, digits = 6): string => `FLOOR((${x}) * 1e${digits} + 0.5) / 1e${digits}`,
    /** A string column as the Node path reads it: null, "" and "-" are absent; values are trimmed. */
    clean: (col: string): string => `CASE WHEN ${txt(col)} = '-' THEN NULL ELSE NULLIF(TRIM(${txt(col)}), '') END`,
    /** A loose optional number: negative, infinite or NaN values are dropped. */
    optNumber: (col: string): string => `CASE WHEN ${col} >= 0 AND ${col} < 1e300 THEN ${dbl(col)} END`,
    count: (col: string, min: number): string => `(${col} IS NULL OR (${col} >= ${min} AND ${col} = FLOOR(${col})))`,
  };
}

function indent(lines: string[], by = '    '): string {
  return lines.map((l) => by + l).join(',\n');
}

function header(d: Dialect, table: TableName, what: string[]): string {
  const cmd = `distill-forensics sql --dialect ${d.name}${table.parts.length === 1 && table.parts[0] === 'logs' ? '' : ` --table ${renderTableName(table, d)}`}`;
  const lines = [
    `Generated by \`${cmd}\`.`,
    ...what,
    `Input: ${renderTableName(table, d)}, one row per API exchange with the canonical columns (CONTRACT.md §3):`,
    `  ${INPUT_COLUMNS.join(', ')}.`,
    'Every column must exist: give a view typed NULLs for fields the dump lacks. Numbers must be numeric columns.',
    `${d.label}: ${d.notes[0]}`,
    ...d.notes.slice(1).map((n) => `  ${n}`),
  ];
  return lines.map((l) => `-- ${l}`.trimEnd()).join('\n');
}

/** The two CTEs every query starts with: the rows the Node path accepts, normalised as it does. */
function baseCtes(d: Dialect, table: TableName, withPrompts: boolean): string {
  const h = helpers(d);
  const src = [
    `${h.clean('account_id')} AS account_id`,
    'ts',
    `${d.epochMs('ts')} AS ms`,
    `${h.int('COALESCE(request_count, 1)')} AS w`,
    `${h.int('COALESCE(input_tokens, 0)')} AS in_tok`,
    `${h.int('COALESCE(output_tokens, 0)')} AS out_tok`,
    ...['org_id', 'api_key_id', 'model', 'ip', 'asn', 'country', 'user_agent', 'payment_fingerprint', 'email_domain', 'topic', 'status', 'prompt_hash', 'system_prompt_hash'].map(
      (c) => `${h.clean(c)} AS ${c}`,
    ),
    ...(withPrompts ? [`${h.clean('prompt')} AS prompt`] : []),
    `${h.optNumber('max_tokens')} AS max_tokens`,
    `${h.optNumber('temperature')} AS temperature`,
    `${h.optNumber('latency_ms')} AS latency_ms`,
    'account_created_at',
    `${d.epochMs('account_created_at')} AS created_ms`,
  ];
  const hour = d.intDiv('ms', '3600000');
  const day = d.intDiv('ms', String(DAY_MS));
  const v4 = '^[0-9]{1,3}[.][0-9]{1,3}[.][0-9]{1,3}';
  const base = [
    'account_id',
    'ts',
    'ms',
    'w',
    'in_tok',
    'out_tok',
    `${hour} AS hour_idx`,
    `${d.mod(hour, '24')} AS hod`,
    `${d.mod(d.intDiv('ms', '60000'), '60')} AS moh`,
    `${day} AS day_idx`,
    // 1970-01-01 was a Thursday: 0 = Sunday, 6 = Saturday, as in account-state.ts
    `${d.mod(`${day} + 4`, '7')} AS dow`,
    `${d.intDiv('ms', '1000')} AS sec`,
    'org_id',
    'api_key_id',
    'model',
    'ip',
    `CASE WHEN ip LIKE '%/%' THEN ip` +
      ` WHEN ${d.regexMatch('ip', `${v4}[.](?:[0-9]{1,3}|[*]+)$`)} THEN CONCAT(${d.regexExtract('ip', v4)}, '.0/24')` +
      ` WHEN ip LIKE '%:%' THEN CONCAT(${d.regexExtract('ip', '^[^:]*(?::[^:]*){0,2}')}, '::/48')` +
      ' ELSE ip END AS ip_prefix',
    `CASE WHEN ${d.regexMatch('UPPER(asn)', '^(?:AS)?\\s*[0-9]{1,15}$')} THEN ${h.txt(h.int(d.regexExtract('asn', '[0-9]+$')))} ELSE asn END AS asn`,
    'country',
    'user_agent',
    'payment_fingerprint',
    `NULLIF(LOWER(${d.regexExtract('email_domain', '[^@]*$')}), '') AS email_domain`,
    'topic',
    'status',
    `CASE WHEN status IS NULL THEN NULL WHEN ${d.regexMatch('status', '^2[0-9][0-9]$')} OR LOWER(status) IN (${SUCCESS_WORDS.map((w) => `'${w}'`).join(', ')}) THEN 0 ELSE 1 END AS is_error`,
    'prompt_hash',
    'system_prompt_hash',
    ...(withPrompts ? [`TRIM(${d.regexReplace(`LOWER(${d.nfkc('prompt')})`, JS_WHITESPACE, ' ')}) AS prompt_norm`] : []),
    'max_tokens',
    // String(n) in JavaScript: integers without a fraction
    `CASE WHEN max_tokens = FLOOR(max_tokens) AND max_tokens < 1e15 THEN ${h.txt(h.int('max_tokens'))} ELSE ${h.txt('max_tokens')} END AS max_tokens_key`,
    'temperature',
    'latency_ms',
    `CASE WHEN created_ms >= 0 AND created_ms < ${MAX_MS} THEN account_created_at END AS created_ts`,
    `CASE WHEN created_ms >= 0 AND created_ms < ${MAX_MS} THEN created_ms END AS created_ms`,
  ];
  return [
    `df_src AS (\n  -- rows the Node path rejects are left out: no ts, negative or fractional tokens, request_count < 1\n  SELECT\n${indent(src)}\n  FROM ${renderTableName(table, d)}\n  WHERE ts IS NOT NULL\n    AND ${h.count('input_tokens', 0)}\n    AND ${h.count('output_tokens', 0)}\n    AND ${h.count('request_count', 1)}\n)`,
    `df_base AS (\n  SELECT\n${indent(base)}\n  FROM df_src\n  WHERE account_id IS NOT NULL AND ms >= 0 AND ms < ${MAX_MS}\n)`,
  ].join(',\n');
}

/** One attribute the query counts values of: its kind, the column in its CTE, and what is read from it. */
interface Attribute {
  kind: string;
  column: string;
  from: 'df_base' | 'df_prompts';
  top?: string;
  share?: string;
  distinct?: string;
}

const ATTRIBUTES: readonly Attribute[] = [
  { kind: 'ip', column: 'ip', from: 'df_base', top: 'top_ip', share: 'top_ip_share', distinct: 'distinct_ips' },
  { kind: 'ip_prefix', column: 'ip_prefix', from: 'df_base', distinct: 'distinct_ip_prefixes' },
  { kind: 'asn', column: 'asn', from: 'df_base', top: 'top_asn', distinct: 'distinct_asns' },
  { kind: 'country', column: 'country', from: 'df_base', top: 'top_country', distinct: 'distinct_countries' },
  { kind: 'user_agent', column: 'user_agent', from: 'df_base', top: 'top_user_agent', distinct: 'distinct_user_agents' },
  { kind: 'api_key', column: 'api_key_id', from: 'df_base', distinct: 'distinct_api_keys' },
  { kind: 'max_tokens', column: 'max_tokens_key', from: 'df_base', top: 'top_max_tokens', share: 'top_max_tokens_share' },
  { kind: 'model', column: 'model', from: 'df_base', top: 'top_model', share: 'top_model_share', distinct: 'distinct_models' },
  { kind: 'topic', column: 'topic', from: 'df_base', top: 'top_topic', share: 'top_topic_share' },
  { kind: 'system_prompt', column: 'system_prompt_hash', from: 'df_base', share: 'top_system_prompt_share', distinct: 'distinct_system_prompts' },
  { kind: 'email_domain', column: 'email_domain', from: 'df_base', top: 'email_domain' },
  { kind: 'payment', column: 'payment_fingerprint', from: 'df_base', top: 'payment_fingerprint', distinct: 'distinct_payment_fingerprints' },
  { kind: 'org', column: 'org_id', from: 'df_base', top: 'org_id' },
  { kind: 'template', column: 'template_key', from: 'df_prompts', share: 'top_template_share', distinct: 'distinct_templates' },
  { kind: 'prompt', column: 'prompt_key', from: 'df_prompts', distinct: 'distinct_prompts' },
];

/** The feature query: one row per account, the columns of FEATURE_COLUMNS in their order. */
export function featureQuery({ dialect: d, table }: QueryOptions): string {
  const h = helpers(d);
  const hours = Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0'));
  const lists = Object.values(VALUE_LISTS);

  const acct = [
    'account_id',
    `${h.int('COUNT(*)')} AS n_rows`,
    `${h.int('SUM(w)')} AS exchanges`,
    `${h.int('SUM(in_tok)')} AS input_tokens`,
    `${h.int('SUM(out_tok)')} AS output_tokens`,
    'MIN(ts) AS first_ts',
    'MAX(ts) AS last_ts',
    'MIN(ms) AS first_ms',
    'MAX(ms) AS last_ms',
    'COUNT(DISTINCT day_idx) AS active_days',
    'COUNT(DISTINCT hour_idx) AS active_hours',
    `${h.int('SUM(CASE WHEN dow = 0 OR dow = 6 THEN w ELSE 0 END)')} AS weekend_w`,
    ...hours.map((hh) => `${h.int(`SUM(CASE WHEN hod = ${Number(hh)} THEN w ELSE 0 END)`)} AS h${hh}`),
    // temperature and latency summed as integers (× 10⁶, µs) like account-state.ts, so no order matters
    `${h.int('SUM(CASE WHEN temperature IS NOT NULL THEN w ELSE 0 END)')} AS temp_w`,
    `SUM(CASE WHEN temperature IS NOT NULL THEN FLOOR(temperature * 1e6 + 0.5) * w END) AS temp_micro`,
    `${h.int('SUM(CASE WHEN temperature = 0 THEN w ELSE 0 END)')} AS temp_zero_w`,
    'COUNT(latency_ms) AS latency_rows',
    'SUM(FLOOR(latency_ms * 1e3 + 0.5)) AS latency_micro',
    `${h.int('SUM(CASE WHEN is_error IS NOT NULL THEN w ELSE 0 END)')} AS status_w`,
    `${h.int('SUM(CASE WHEN is_error = 1 THEN w ELSE 0 END)')} AS error_w`,
    'MIN(created_ts) AS created_ts',
    'MIN(created_ms) AS created_ms',
  ];

  const prompts = [
    'account_id',
    'w',
    'prompt_norm',
    'COALESCE(prompt_hash, prompt_norm) AS prompt_key',
    `CASE WHEN prompt_norm IS NULL THEN prompt_hash WHEN LENGTH(masked) - LENGTH(REPLACE(masked, ' ', '')) + 1 <= ${HEAD_WORDS + TAIL_WORDS} THEN SUBSTR(masked, 1, ${TEMPLATE_KEY_CHARS})` +
      ` ELSE SUBSTR(CONCAT(${d.regexExtract('masked', `^[^ ]*(?: [^ ]*){${HEAD_WORDS - 1}}`)}, ' … ', ${d.regexExtract('masked', `[^ ]*(?: [^ ]*){${TAIL_WORDS - 1}}$`)}), 1, ${TEMPLATE_KEY_CHARS}) END AS template_key`,
    `CASE WHEN ${d.regexMatch('prompt_norm', CHAIN_OF_THOUGHT_SOURCE)} THEN w ELSE 0 END AS cot_w`,
    `CASE WHEN ${d.regexMatch('prompt_norm', RUBRIC_GRADING_SOURCE)} THEN w ELSE 0 END AS rubric_w`,
  ];
  const masked = TEMPLATE_MASKS.reduce((expr, [re, by]) => d.regexReplace(expr, re, by), 'prompt_norm');

  const vals = ATTRIBUTES.map((a) => `  SELECT account_id, '${a.kind}' AS kind, ${a.column} AS v, w FROM ${a.from} WHERE ${a.column} IS NOT NULL`).join('\n  UNION ALL\n');

  const tops: string[] = ['account_id'];
  for (const a of ATTRIBUTES) {
    if (a.top) tops.push(`MAX(CASE WHEN kind = '${a.kind}' AND rn = 1 THEN v END) AS ${a.top}`);
    if (a.share) tops.push(`MAX(CASE WHEN kind = '${a.kind}' AND rn = 1 THEN ${h.dbl('w')} / total END) AS ${a.share}`);
    if (a.distinct) tops.push(`MAX(CASE WHEN kind = '${a.kind}' THEN n_values END) AS ${a.distinct}`);
  }

  const share4 = `CASE WHEN share_n >= 10000 THEN '1' WHEN share_n = 0 THEN '0' ELSE CONCAT('0.', ${d.regexReplace(`LPAD(${h.txt('share_n')}, 4, '0')`, '0+$', '')}) END`;

  const ctes = [
    baseCtes(d, table, true),
    `df_acct AS (\n  SELECT\n${indent(acct)}\n  FROM df_base\n  GROUP BY account_id\n)`,
    `df_minutes AS (\n  SELECT account_id, moh, SUM(w) AS mw\n  FROM df_base\n  GROUP BY account_id, moh\n)`,
    `df_minute_entropy AS (\n  SELECT account_id, 0 - SUM(p * ${d.log2('p')}) AS minute_entropy\n  FROM (SELECT account_id, ${h.dbl('mw')} / SUM(mw) OVER (PARTITION BY account_id) AS p FROM df_minutes) m\n  GROUP BY account_id\n)`,
    `-- gaps between distinct active seconds (the Node path samples them past ${TIME_SAMPLE_K} seconds; SQL uses all)\ndf_seconds AS (\n  SELECT DISTINCT account_id, sec FROM df_base\n)`,
    `df_gaps AS (\n  SELECT account_id, gap,\n    ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY gap) AS rn,\n    COUNT(*) OVER (PARTITION BY account_id) AS n\n  FROM (SELECT account_id, sec - LAG(sec) OVER (PARTITION BY account_id ORDER BY sec) AS gap FROM df_seconds) s\n  WHERE gap IS NOT NULL\n)`,
    `df_gap_stats AS (\n  SELECT account_id,\n    MAX(n) AS n_gaps,\n    AVG(CASE WHEN rn = ${d.intDiv('n + 1', '2')} OR rn = ${d.intDiv('n + 2', '2')} THEN ${h.dbl('gap')} END) AS median_gap,\n    AVG(${h.dbl('gap')}) AS mean_gap,\n    STDDEV_POP(${h.dbl('gap')}) AS sd_gap\n  FROM df_gaps\n  GROUP BY account_id\n)`,
    `-- prompt text: normalised (NFKC${d.hasNfkc ? '' : ' unavailable here'}, lower case, whitespace collapsed) and templated as in prompt-signals.ts\ndf_masked AS (\n  SELECT account_id, w, prompt_hash, prompt_norm,\n    ${masked} AS masked\n  FROM df_base\n  WHERE prompt_norm IS NOT NULL OR prompt_hash IS NOT NULL\n)`,
    `df_prompts AS (\n  SELECT\n${indent(prompts)}\n  FROM df_masked\n)`,
    `df_prompt_acct AS (\n  SELECT account_id,\n    ${h.int('SUM(w)')} AS prompt_w,\n    ${h.int('SUM(CASE WHEN prompt_norm IS NOT NULL THEN w ELSE 0 END)')} AS text_w,\n    ${h.int('SUM(cot_w)')} AS cot_w,\n    ${h.int('SUM(rubric_w)')} AS rubric_w\n  FROM df_prompts\n  GROUP BY account_id\n)`,
    `-- every counted attribute value with its exchanges; ranked heaviest first, ties by value ascending\ndf_vals AS (\n${vals}\n)`,
    `df_val_w AS (\n  SELECT account_id, kind, v, SUM(w) AS w\n  FROM df_vals\n  GROUP BY account_id, kind, v\n)`,
    `df_ranked AS (\n  SELECT account_id, kind, v, w,\n    ROW_NUMBER() OVER (PARTITION BY account_id, kind ORDER BY w DESC, v) AS rn,\n    SUM(w) OVER (PARTITION BY account_id, kind) AS total,\n    COUNT(*) OVER (PARTITION BY account_id, kind) AS n_values\n  FROM df_val_w\n)`,
    `df_tops AS (\n  SELECT\n${indent(tops)}\n  FROM df_ranked\n  GROUP BY account_id\n)`,
    `df_model_first AS (\n  SELECT account_id, model, MIN(ms) AS first_ms, MIN(ts) AS first_ts\n  FROM df_base\n  WHERE model IS NOT NULL\n  GROUP BY account_id, model\n)`,
    `df_models AS (\n  SELECT r.account_id, r.v, r.rn,\n    ROW_NUMBER() OVER (PARTITION BY r.account_id ORDER BY f.first_ms, r.v) AS rn_first,\n    ${h.int(`FLOOR(${h.dbl('r.w')} / r.total * 1e4 + 0.5)`)} AS share_n,\n    f.first_ts\n  FROM df_ranked r\n  JOIN df_model_first f ON f.account_id = r.account_id AND f.model = r.v\n  WHERE r.kind = 'model'\n)`,
    `df_mix_list AS (\n  SELECT account_id, ${d.listAgg('pos', 'item')} AS items\n  FROM (SELECT account_id, rn AS pos, CONCAT(v, '=', ${share4}) AS item FROM df_models WHERE rn <= 8) m\n  GROUP BY account_id\n)`,
    `df_mix AS (\n  SELECT account_id, ${d.listJoin('items', ';')} AS model_mix FROM df_mix_list\n)`,
    `df_first_list AS (\n  SELECT account_id, ${d.listAgg('pos', 'item')} AS items\n  FROM (SELECT account_id, rn_first AS pos, CONCAT(v, '=', ${d.formatTime('first_ts')}) AS item FROM df_models WHERE rn_first <= ${MAX_MODELS}) m\n  GROUP BY account_id\n)`,
    `df_first_use AS (\n  SELECT account_id, ${d.listJoin('items', ';')} AS model_first_use FROM df_first_list\n)`,
    `-- the values the linkage graph reads, heaviest first (VALUE_LISTS)\ndf_list_items AS (\n  SELECT account_id, kind, ${d.listAgg('pos', 'item')} AS items\n  FROM (SELECT account_id, kind, rn AS pos, v AS item FROM df_ranked WHERE ${lists.map((l) => `(kind = '${l.kind}' AND rn <= ${l.limit})`).join(' OR ')}) l\n  GROUP BY account_id, kind\n)`,
    `df_lists AS (\n  SELECT\n${indent(['account_id', ...lists.map((l) => `MAX(CASE WHEN kind = '${l.kind}' THEN ${d.listJson('items')} END) AS ${l.column}`)])}\n  FROM df_list_items\n  GROUP BY account_id\n)`,
    `df_day_w AS (\n  SELECT account_id, day_idx, ${h.int('SUM(w)')} AS dw, MIN(ts) AS day_ts, MIN(day_idx) OVER (PARTITION BY account_id) AS first_day\n  FROM df_base\n  GROUP BY account_id, day_idx\n)`,
    `df_daily_list AS (\n  SELECT account_id, ${d.listAgg('pos', 'item')} AS items\n  FROM (SELECT account_id, day_idx AS pos, CONCAT(SUBSTR(${d.formatTime('day_ts')}, 1, 10), '=', ${h.txt('dw')}) AS item FROM df_day_w WHERE day_idx < first_day + ${MAX_DAYS}) dl\n  GROUP BY account_id\n)`,
    `df_daily AS (\n  SELECT account_id, ${d.listJoin('items', ';')} AS daily_exchanges FROM df_daily_list\n)`,
  ];

  const hourTerms = hours.map((hh) => `CASE WHEN a.h${hh} > 0 THEN ${h.dbl(`a.h${hh}`)} / a.exchanges * ${d.log2(`${h.dbl(`a.h${hh}`)} / a.exchanges`)} ELSE 0 END`);
  const out: Record<string, string> = {
    account_id: 'a.account_id',
    exchanges: 'a.exchanges',
    input_tokens: 'a.input_tokens',
    output_tokens: 'a.output_tokens',
    first_seen: d.formatTime('a.first_ts'),
    last_seen: d.formatTime('a.last_ts'),
    rows: 'a.n_rows',
    span_days: h.round(`${h.dbl('a.last_ms - a.first_ms')} / ${DAY_MS}`),
    active_days: 'a.active_days',
    active_hours: 'a.active_hours',
    exchanges_per_active_hour: h.round(h.ratio('a.exchanges', 'a.active_hours')),
    exchanges_per_active_day: h.round(h.ratio('a.exchanges', 'a.active_days')),
    hour_entropy_bits: h.round(`0\n      - ${hourTerms.join('\n      - ')}`),
    peak_hour_share: h.round(h.ratio(`GREATEST(${hours.map((hh) => `a.h${hh}`).join(', ')})`, 'a.exchanges')),
    minute_entropy_bits: h.round('m.minute_entropy'),
    weekend_share: h.round(h.ratio('a.weekend_w', 'a.exchanges')),
    interarrival_median_s: `CASE WHEN g.n_gaps >= 2 THEN ${h.round('g.median_gap')} END`,
    interarrival_cv: `CASE WHEN g.n_gaps >= 2 AND g.mean_gap > 0 THEN ${h.round('g.sd_gap / g.mean_gap')} END`,
    ...Object.fromEntries(hours.map((hh) => [`hour_${hh}`, `a.h${hh}`])),
    distinct_ips: 'COALESCE(t.distinct_ips, 0)',
    distinct_ip_prefixes: 'COALESCE(t.distinct_ip_prefixes, 0)',
    distinct_asns: 'COALESCE(t.distinct_asns, 0)',
    distinct_countries: 'COALESCE(t.distinct_countries, 0)',
    distinct_user_agents: 'COALESCE(t.distinct_user_agents, 0)',
    distinct_api_keys: 'COALESCE(t.distinct_api_keys, 0)',
    top_ip: 't.top_ip',
    top_ip_share: h.round('t.top_ip_share'),
    top_asn: 't.top_asn',
    top_country: 't.top_country',
    top_user_agent: 't.top_user_agent',
    output_input_ratio: h.round(h.ratio('a.output_tokens', 'a.input_tokens')),
    mean_input_tokens: h.round(h.ratio('a.input_tokens', 'a.exchanges')),
    mean_output_tokens: h.round(h.ratio('a.output_tokens', 'a.exchanges')),
    top_max_tokens: h.dbl('t.top_max_tokens'),
    top_max_tokens_share: h.round('t.top_max_tokens_share'),
    temperature_mean: h.round(h.ratio('a.temp_micro / 1e6', 'a.temp_w')),
    temperature_zero_share: h.round(h.ratio('a.temp_zero_w', 'a.temp_w')),
    distinct_models: 'COALESCE(t.distinct_models, 0)',
    top_model: 't.top_model',
    top_model_share: h.round('t.top_model_share'),
    model_mix: 'x.model_mix',
    model_first_use: 'f.model_first_use',
    top_topic: 't.top_topic',
    top_topic_share: h.round('t.top_topic_share'),
    prompt_exchanges: 'COALESCE(p.prompt_w, 0)',
    distinct_prompts: 'CASE WHEN p.prompt_w > 0 THEN COALESCE(t.distinct_prompts, 0) END',
    distinct_templates: 'CASE WHEN p.prompt_w > 0 THEN COALESCE(t.distinct_templates, 0) END',
    top_template_share: `CASE WHEN p.prompt_w > 0 THEN ${h.round('t.top_template_share')} END`,
    distinct_system_prompts: 't.distinct_system_prompts',
    top_system_prompt_share: h.round('t.top_system_prompt_share'),
    cot_share: h.round(h.ratio('p.cot_w', 'p.text_w')),
    rubric_share: h.round(h.ratio('p.rubric_w', 'p.text_w')),
    error_share: h.round(h.ratio('a.error_w', 'a.status_w')),
    latency_mean_ms: h.round(h.ratio('a.latency_micro / 1e3', 'a.latency_rows'), 3),
    account_created_at: d.formatTime('a.created_ts'),
    account_age_days: `CASE WHEN a.created_ms IS NOT NULL THEN ${h.round(`${h.dbl('a.first_ms - a.created_ms')} / ${DAY_MS}`)} END`,
    email_domain: 't.email_domain',
    payment_fingerprint: 't.payment_fingerprint',
    distinct_payment_fingerprints: 'COALESCE(t.distinct_payment_fingerprints, 0)',
    org_id: 't.org_id',
    ...Object.fromEntries(lists.map((l) => [l.column, `li.${l.column}`])),
    daily_exchanges: 'dy.daily_exchanges',
  };
  const select = FEATURE_COLUMNS.map((c) => {
    const expr = out[c.name];
    if (expr === undefined) throw new Error(`feature column ${c.name} has no SQL expression`);
    return `${expr} AS ${h.q(c.name)}`;
  });

  return `${header(d, table, [
    'Per-account feature table: the columns of `distill-forensics features`, in its order (README, "The feature table").',
    'Exact, approximate and absent columns, and how to run this: docs/distributed.md.',
  ])}
WITH
${ctes.join(',\n')}
SELECT
${indent(select, '  ')}
FROM df_acct a
LEFT JOIN df_tops t ON t.account_id = a.account_id
LEFT JOIN df_minute_entropy m ON m.account_id = a.account_id
LEFT JOIN df_gap_stats g ON g.account_id = a.account_id
LEFT JOIN df_prompt_acct p ON p.account_id = a.account_id
LEFT JOIN df_mix x ON x.account_id = a.account_id
LEFT JOIN df_first_use f ON f.account_id = a.account_id
LEFT JOIN df_lists li ON li.account_id = a.account_id
LEFT JOIN df_daily dy ON dy.account_id = a.account_id
ORDER BY a.account_id;
`;
}

/** The link kinds SQL can generate: identity and infrastructure values two accounts can share. */
const LINK_KINDS: readonly { kind: string; column: string }[] = [
  { kind: 'payment', column: 'payment_fingerprint' },
  { kind: 'api_key', column: 'api_key_id' },
  { kind: 'ip', column: 'ip' },
];

/**
 * Candidate pairs of the linkage graph: accounts that share a payment fingerprint, an API key or an IP,
 * with the number of accounts holding the value (its rarity). Values held by more than hubCap accounts
 * are skipped, as hubs are in src/cluster/graph.ts (which links them through a sparse ring instead).
 */
export function linksQuery({ dialect: d, table, hubCap = HUB_CAP }: LinksOptions): string {
  if (!Number.isSafeInteger(hubCap) || hubCap < 2) throw new Error(`hub cap must be an integer ≥ 2, got ${hubCap}`);
  const h = helpers(d);
  const values = LINK_KINDS.map((k) => `  SELECT DISTINCT account_id, '${k.kind}' AS kind, ${k.column} AS v FROM df_base WHERE ${k.column} IS NOT NULL`).join('\n  UNION ALL\n');
  return `${header(
    d,
    table,
    [
      'Link candidates: pairs of accounts that share a payment fingerprint, an API key or an IP (one row per pair',
      `and shared value, account_a < account_b), with holders = accounts holding that value; values held by more than ${hubCap}`,
      'accounts (hubs) are skipped. The shared-value half of the linkage graph (src/cluster/graph.ts): see docs/distributed.md.',
    ],
  )}
WITH
${baseCtes(d, table, false)},
df_link_values AS (
${values}
),
df_holders AS (
  SELECT kind, v, COUNT(*) AS holders
  FROM df_link_values
  GROUP BY kind, v
  HAVING COUNT(*) >= 2 AND COUNT(*) <= ${hubCap}
)
SELECT
  a.account_id AS ${h.q('account_a')},
  b.account_id AS ${h.q('account_b')},
  a.kind AS ${h.q('kind')},
  a.v AS ${h.q('value')},
  hv.holders AS ${h.q('holders')}
FROM df_link_values a
JOIN df_holders hv ON hv.kind = a.kind AND hv.v = a.v
JOIN df_link_values b ON b.kind = a.kind AND b.v = a.v AND a.account_id < b.account_id
ORDER BY 1, 2, 3, 4;
`;
}
