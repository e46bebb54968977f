/**
 * `scan --features FILE`: a feature table (`features --out`, or the `sql` query run in a warehouse) read
 * back as account states, so that clustering and scoring run on it as they do after the features stage.
 *
 * A row restores what it states: exact totals, first/last seen, the hour-of-day histogram, creation
 * time, the value lists the linkage graph reads (top_ips, top_payment_fingerprints…, else the single
 * top_* value), the model mix with each model's first use, daily exchanges, and the prompt signal shares.
 * Weights the table does not carry are spread: a list's first value gets the column's top share, the others
 * the rest evenly. What a row cannot state is left empty: active minutes (so no timing-lockstep links or
 * lockstep signal), active seconds and clock hours. Distinct counts come from the distinct_* columns.
 */
import { InputError, UsageError } from '../errors.js';
import { IngestStats, type RowSink } from '../ingest/collector.js';
import { canonical } from '../ingest/presets/canonical.js';
import type { SourceRecord } from '../ingest/presets/index.js';
import { readInput } from '../ingest/read-input.js';
import { csvCellText } from '../io/csv-cell.js';
import { openInput } from '../ingest/source.js';
import { parseTime } from '../ingest/time.js';
import { isAbsent, toNumber } from '../ingest/validate.js';
import { AccountState } from './account-state.js';
import { type ListedCounter, VALUE_LISTS } from './columns.js';
import { dayOf } from './day-series.js';
import { FeatureExtractor } from './extract.js';
import { ValueCounter } from './sketch.js';

const REQUIRED = ['account_id', 'exchanges', 'input_tokens', 'output_tokens', 'first_seen', 'last_seen'] as const;

/**
 * A counter restored from a table row: it holds every listed value (its k is their number), and its
 * distinct count is the table's, not the number of values listed.
 */
class RestoredCounter extends ValueCounter {
  constructor(
    values: number,
    private readonly distinctCount: number,
  ) {
    super(Math.max(1, values));
  }

  override distinct(): number {
    return Math.max(this.distinctCount, super.distinct());
  }
}

function text(v: unknown): string | null {
  if (isAbsent(v)) return null;
  const s = String(v).trim();
  return s.length === 0 ? null : s;
}

/** A JSON array of strings; anything else (absent, not JSON, not strings) gives no values. */
function list(v: unknown): string[] {
  const s = text(v);
  if (s === null || !s.startsWith('[')) return [];
  try {
    const parsed: unknown = JSON.parse(s);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
  } catch {
    return [];
  }
}

/** `key=value;key=value` (model_mix, model_first_use, daily_exchanges); the key may itself hold `=`. */
function pairs(v: unknown): [string, string][] {
  const s = text(v);
  if (s === null) return [];
  return s.split(';').flatMap((item): [string, string][] => {
    const at = item.lastIndexOf('=');
    return at > 0 ? [[item.slice(0, at), item.slice(at + 1)]] : [];
  });
}

/**
 * `values` (heaviest first) with `total` weight: the first gets `topShare` of it when the table says so,
 * the others the rest evenly (never more than the first).
 */
function restore(values: readonly string[], total: number, topShare: number, distinct: number): ValueCounter {
  const counter = new RestoredCounter(values.length, Number.isFinite(distinct) ? distinct : values.length);
  if (values.length === 0 || !(total > 0)) return counter;
  const first = Number.isFinite(topShare) && topShare > 0 ? Math.min(1, topShare) * total : total / values.length;
  const others = values.length > 1 ? Math.min(first, (total - first) / (values.length - 1)) : 0;
  values.forEach((v, i) => counter.add(v, i === 0 ? first : Math.max(others, 0)));
  return counter;
}

/** The AccountState a feature row describes, or the reason it cannot be read. */
export function stateFromRow(row: SourceRecord): AccountState | 'bad_tokens' | 'bad_ts' {
  const s = new AccountState();
  s.exchanges = toNumber(row.exchanges);
  s.inputTokens = toNumber(row.input_tokens);
  s.outputTokens = toNumber(row.output_tokens);
  if (![s.exchanges, s.inputTokens, s.outputTokens].every((n) => Number.isSafeInteger(n) && n >= 0) || s.exchanges === 0) return 'bad_tokens';
  s.first = parseTime(row.first_seen);
  s.last = parseTime(row.last_seen);
  if (Number.isNaN(s.first) || Number.isNaN(s.last) || s.last < s.first) return 'bad_ts';
  const rows = toNumber(row.rows);
  s.rows = Number.isSafeInteger(rows) && rows > 0 ? rows : s.exchanges;
  s.createdAt = parseTime(row.account_created_at);

  for (let h = 0; h < 24; h++) {
    const v = toNumber(row[`hour_${String(h).padStart(2, '0')}`]);
    if (v > 0) s.hourOfDay[h] = v;
  }
  const weekend = toNumber(row.weekend_share);
  if (weekend >= 0) s.weekendExchanges = weekend * s.exchanges;

  const days = pairs(row.daily_exchanges)
    .map(([day, w]) => [dayOf(parseTime(day)), Number(w)] as const)
    .filter(([day, w]) => Number.isFinite(day) && w > 0);
  if (days.length > 0) for (const [day, w] of days) s.daily.add(day, w);
  else spreadOverDays(s);

  const mix = pairs(row.model_mix).map(([m, share]) => [m, Number(share)] as const).filter(([, share]) => share > 0);
  for (const [m, share] of mix) s.models.add(m, share * s.exchanges);
  if (mix.length === 0 && text(row.top_model) !== null) s.models.add(text(row.top_model)!, s.exchanges);
  for (const [m, at] of pairs(row.model_first_use)) {
    const t = parseTime(at);
    if (!Number.isNaN(t)) s.modelTimeline.add(m, t, 0);
  }

  const counters: Partial<Record<keyof AccountState, ValueCounter>> = {};
  const one = (v: unknown): string[] => (text(v) === null ? [] : [text(v)!]);
  // A list column, else the table's single top value of the same attribute.
  const listed = (field: ListedCounter, single: unknown): string[] => {
    const values = list(row[VALUE_LISTS[field].column]);
    return values.length > 0 ? values : one(single);
  };
  counters.ips = restore(listed('ips', row.top_ip), s.exchanges, toNumber(row.top_ip_share), toNumber(row.distinct_ips));
  counters.ipPrefixes = restore(listed('ipPrefixes', null), s.exchanges, Number.NaN, toNumber(row.distinct_ip_prefixes));
  counters.userAgents = restore(listed('userAgents', row.top_user_agent), s.exchanges, Number.NaN, toNumber(row.distinct_user_agents));
  counters.apiKeys = restore(listed('apiKeys', null), s.exchanges, Number.NaN, toNumber(row.distinct_api_keys));
  counters.payments = restore(listed('payments', row.payment_fingerprint), s.exchanges, Number.NaN, toNumber(row.distinct_payment_fingerprints));
  counters.orgs = restore(listed('orgs', row.org_id), s.exchanges, Number.NaN, Number.NaN);
  counters.systemPrompts = restore(listed('systemPrompts', null), s.exchanges, toNumber(row.top_system_prompt_share), toNumber(row.distinct_system_prompts));
  counters.asns = restore(one(row.top_asn), s.exchanges, Number.NaN, toNumber(row.distinct_asns));
  counters.countries = restore(one(row.top_country), s.exchanges, Number.NaN, toNumber(row.distinct_countries));
  counters.topics = restore(one(row.top_topic), s.exchanges, toNumber(row.top_topic_share), Number.NaN);
  counters.maxTokens = restore(one(row.top_max_tokens), s.exchanges, toNumber(row.top_max_tokens_share), Number.NaN);
  counters.emailDomains = restore(one(row.email_domain), s.exchanges, Number.NaN, Number.NaN);

  const prompts = toNumber(row.prompt_exchanges);
  if (prompts > 0) {
    s.promptExchanges = prompts;
    counters.templates = restore(listed('templates', null), prompts, toNumber(row.top_template_share), toNumber(row.distinct_templates));
    const cot = toNumber(row.cot_share);
    const rubric = toNumber(row.rubric_share);
    // The table gives shares of the exchanges with text; with no share there was no text.
    if (cot >= 0 || rubric >= 0) {
      s.textExchanges = prompts;
      s.cotExchanges = Math.max(0, cot) * prompts;
      s.rubricExchanges = Math.max(0, rubric) * prompts;
    }
  }
  // The counters are fields of a fresh state, replaced before anyone reads it.
  Object.assign(s, counters);
  return s;
}

/** Without a daily column: the exchanges spread evenly over the days from first to last seen. */
function spreadOverDays(s: AccountState): void {
  const from = dayOf(s.first);
  const to = dayOf(s.last);
  const n = to - from + 1;
  for (let d = from; d <= to; d++) s.daily.add(d, s.exchanges / n);
}

/** A CSV row's cells as the values csvCell() wrote (csvCellText). */
function csvCellTexts(row: SourceRecord): SourceRecord {
  const out: SourceRecord = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'string' ? csvCellText(v) : v;
  return out;
}

/**
 * Read a feature table (CSV, NDJSON, Arrow or Parquet; gzip ok) into account states. Rows that lack an
 * account id or readable totals are counted as rejected, like log records; a table without the required
 * columns (CONTRACT §3b) or with an account twice is an input error.
 */
export async function loadFeatureTable(
  path: string,
  opts: { maxLineBytes: number; maxAccounts?: number; stdin?: NodeJS.ReadableStream },
): Promise<{ stats: IngestStats; features: FeatureExtractor }> {
  const stats = new IngestStats();
  const features = new FeatureExtractor(opts.maxAccounts);
  const input = await openInput(path, { stdin: opts.stdin, onBytes: (n) => (stats.bytes += n) });
  stats.files.push(input.name);
  let checked = false;
  // A CSV table written by `features` neutralised cells against formulas (csvCell): read their values back.
  const fromCsv = input.format === 'csv';
  const sink: RowSink = {
    add(source: SourceRecord, line: number) {
      const row = fromCsv ? csvCellTexts(source) : source;
      if (!checked) {
        const missing = REQUIRED.filter((c) => !(c in row));
        if (missing.length > 0) throw new UsageError(`--features ${input.name}: not a feature table, no column ${missing.join(', ')} (README, "The feature table")`);
        checked = true;
      }
      const id = text(row.account_id);
      if (id === null) return stats.reject('missing_account_id');
      const state = stateFromRow(row);
      if (typeof state === 'string') return stats.reject(state);
      if (features.accounts.has(id)) throw new InputError(`--features ${input.name}: account ${JSON.stringify(id.slice(0, 80))} appears twice (line ${line}); a feature table has one row per account`);
      features.accounts.set(id, state);
      stats.records += state.rows;
    },
    reject(reason: string) {
      stats.reject(reason);
    },
  };
  try {
    await readInput(input, sink, canonical, opts.maxLineBytes, () => features.checkLimits());
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError) throw err;
    throw new InputError(`--features ${input.name}: cannot read ${input.format} input: ${(err as Error).message}`);
  }
  features.checkLimits();
  if (features.accounts.size === 0) throw new InputError(`--features ${input.name}: no account rows${stats.rejected ? ` (${stats.rejected} rejected: ${[...stats.rejectedByReason.keys()].join(', ')})` : ''}`);
  return { stats, features };
}
