/**
 * The features stage: folds ingest batches into one AccountState per account, then turns each into a
 * feature row (columns.ts), joining the `--accounts` table where the logs lack billing data.
 */
import { getHeapStatistics } from 'node:v8';
import { InputError } from '../errors.js';
import type { AccountTable } from '../ingest/accounts.js';
import type { RecordBatch } from '../ingest/record.js';
import { formatTime } from '../ingest/time.js';
import { AccountState } from './account-state.js';
import { type FeatureRow, VALUE_LISTS } from './columns.js';
import type { ValueCounter } from './sketch.js';

const DAY_MS = 86_400_000;

/**
 * Share of the V8 heap limit past which a run stops with a message instead of crashing out of memory. The
 * stages after this one (linkage graph, scoring) need room too, so the guard leaves a third free.
 */
const HEAP_GUARD = 0.67;
/** New accounts between two checks: each costs a few KB, so the heap cannot jump past the guard unseen. */
const CHECK_EVERY = 1024;

export class FeatureExtractor {
  readonly accounts = new Map<string, AccountState>();

  /**
   * `maxAccounts`: stop (InputError) rather than hold more accounts than this (--max-accounts).
   * `inWorker`: this extractor runs in a reader worker, whose heap is a share of the machine's: then one
   * worker (all states in the main thread's larger heap) is a way out of running short.
   */
  constructor(
    private readonly maxAccounts = Number.POSITIVE_INFINITY,
    private readonly inWorker = false,
  ) {}

  add(batch: RecordBatch): void {
    const ids = batch.strings.account_id;
    for (let i = 0; i < batch.length; i++) {
      const id = ids[i] as string;
      let state = this.accounts.get(id);
      if (state === undefined) {
        state = new AccountState();
        this.accounts.set(id, state);
        if (this.accounts.size % CHECK_EVERY === 0) this.checkLimits();
      }
      state.add(batch, i);
    }
    this.checkLimits();
  }

  /** Memory grows with accounts: say so in one line before the heap runs out, or at --max-accounts. */
  checkLimits(): void {
    if (this.accounts.size > this.maxAccounts) {
      throw new InputError(`more than ${this.maxAccounts.toLocaleString('en-US')} accounts (--max-accounts): raise the limit or split the dump by account`);
    }
    const heap = getHeapStatistics();
    if (heap.used_heap_size > HEAP_GUARD * heap.heap_size_limit) {
      throw new InputError(
        `memory nearly exhausted at ${this.accounts.size.toLocaleString('en-US')} accounts (${Math.round(heap.used_heap_size / 2 ** 20)} of ${Math.round(heap.heap_size_limit / 2 ** 20)} MiB heap): ` +
          `${this.inWorker ? 'use --workers 1 (all states in one heap, the largest), ' : ''}split the dump by account, or set NODE_OPTIONS=--max-old-space-size=MiB`,
      );
    }
  }

  /** Account ids in byte order: the one order every output uses. */
  ids(): string[] {
    return [...this.accounts.keys()].sort(compareIds);
  }

  /** Fill billing attributes the logs lack from the `--accounts` table (values in the logs win). */
  join(table: AccountTable): void {
    for (const [id, state] of this.accounts) {
      const info = table.get(id);
      if (info) state.fillFrom(info);
    }
  }

  /** Reading is over: shrink every state to what the later stages read (AccountState.settle). */
  settle(): void {
    for (const state of this.accounts.values()) state.settle();
  }

  rows(): FeatureRow[] {
    return this.ids().map((id) => featureRow(id, this.accounts.get(id) as AccountState));
  }
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Shannon entropy (bits) of a histogram; 0 for an empty one. */
export function entropyBits(hist: Float64Array): number {
  let total = 0;
  for (const v of hist) total += v;
  if (total === 0) return 0;
  let h = 0;
  for (const v of hist) if (v > 0) h -= (v / total) * Math.log2(v / total);
  return h;
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

function round(v: number | null, digits = 6): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function top(counter: ValueCounter): { value: string | null; share: number | null } {
  const t = counter.top();
  return t ? { value: t.value, share: round(t.share) } : { value: null, share: null };
}

/** The account's exact totals, as the feature table's required columns name them (CONTRACT §3b). */
export function accountTotals(id: string, s: AccountState) {
  return {
    account_id: id,
    exchanges: s.exchanges,
    input_tokens: s.inputTokens,
    output_tokens: s.outputTokens,
    first_seen: formatTime(s.first),
    last_seen: formatTime(s.last),
  };
}

export function featureRow(id: string, s: AccountState): FeatureRow {
  const activeHours = s.activeHours.hours();
  const activeDays = s.activeHours.days();
  let peak = 0;
  for (const v of s.hourOfDay) if (v > peak) peak = v;
  const timing = s.interarrival();
  const model = top(s.models);
  const ip = top(s.ips);
  const topic = top(s.topics);
  const maxTok = top(s.maxTokens);
  const created = s.createdAt;
  const textShare = (n: number): number | null => (s.textExchanges > 0 ? round(n / s.textExchanges) : null);

  const totals = accountTotals(id, s);
  const hours = s.hourOfDay;
  // One literal with every column named, no spread and no computed keys: a row built either way was a slow
  // dictionary or got fresh hidden classes, 80–500 µs per account instead of ~15.
  const row: FeatureRow = {
    account_id: totals.account_id,
    exchanges: totals.exchanges,
    input_tokens: totals.input_tokens,
    output_tokens: totals.output_tokens,
    first_seen: totals.first_seen,
    last_seen: totals.last_seen,
    rows: s.rows,
    span_days: round((s.last - s.first) / DAY_MS),
    active_days: activeDays,
    active_hours: activeHours,
    exchanges_per_active_hour: round(ratio(s.exchanges, activeHours)),
    exchanges_per_active_day: round(ratio(s.exchanges, activeDays)),
    hour_entropy_bits: round(entropyBits(s.hourOfDay)),
    peak_hour_share: round(ratio(peak, s.exchanges)),
    minute_entropy_bits: round(entropyBits(s.minuteOfHour)),
    weekend_share: round(ratio(s.weekendExchanges, s.exchanges)),
    interarrival_median_s: round(timing.median),
    interarrival_cv: round(timing.cv),
      hour_00: hours[0],
    hour_01: hours[1],
    hour_02: hours[2],
    hour_03: hours[3],
    hour_04: hours[4],
    hour_05: hours[5],
    hour_06: hours[6],
    hour_07: hours[7],
    hour_08: hours[8],
    hour_09: hours[9],
    hour_10: hours[10],
    hour_11: hours[11],
    hour_12: hours[12],
    hour_13: hours[13],
    hour_14: hours[14],
    hour_15: hours[15],
    hour_16: hours[16],
    hour_17: hours[17],
    hour_18: hours[18],
    hour_19: hours[19],
    hour_20: hours[20],
    hour_21: hours[21],
    hour_22: hours[22],
    hour_23: hours[23],
    distinct_ips: s.ips.distinct(),
    distinct_ip_prefixes: s.ipPrefixes.distinct(),
    distinct_asns: s.asns.distinct(),
    distinct_countries: s.countries.distinct(),
    distinct_user_agents: s.userAgents.distinct(),
    distinct_api_keys: s.apiKeys.distinct(),
    top_ip: ip.value,
    top_ip_share: ip.share,
    top_asn: top(s.asns).value,
    top_country: top(s.countries).value,
    top_user_agent: top(s.userAgents).value,
    output_input_ratio: round(ratio(s.outputTokens, s.inputTokens)),
    mean_input_tokens: round(ratio(s.inputTokens, s.exchanges)),
    mean_output_tokens: round(ratio(s.outputTokens, s.exchanges)),
    top_max_tokens: maxTok.value === null ? null : Number(maxTok.value),
    top_max_tokens_share: maxTok.share,
    temperature_mean: round(ratio(s.temperatureMicroSum / 1e6, s.temperatureRows)),
    temperature_zero_share: round(ratio(s.temperatureZeroRows, s.temperatureRows)),
    distinct_models: s.models.distinct(),
    top_model: model.value,
    top_model_share: model.share,
    model_mix: s.models.entries().slice(0, 8).map(([m, w]) => `${m}=${round(w / s.models.total, 4)}`).join(';') || null,
    model_first_use:
      [...s.modelTimeline.models].map(([m, e]): [string, number] => [m, e.first])
        .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
        .map(([m, t]) => `${m}=${formatTime(t)}`)
        .join(';') || null,
    top_topic: topic.value,
    top_topic_share: topic.share,
    prompt_exchanges: s.promptExchanges,
    distinct_prompts: s.promptExchanges > 0 ? s.prompts.distinct() : null,
    distinct_templates: s.promptExchanges > 0 ? s.templates.distinct() : null,
    top_template_share: s.promptExchanges > 0 ? top(s.templates).share : null,
    distinct_system_prompts: s.systemPrompts.total > 0 ? s.systemPrompts.distinct() : null,
    top_system_prompt_share: top(s.systemPrompts).share,
    cot_share: textShare(s.cotExchanges),
    rubric_share: textShare(s.rubricExchanges),
    error_share: round(ratio(s.errorExchanges, s.statusExchanges)),
    latency_mean_ms: round(ratio(s.latencyMicroSum / 1000, s.latencyRows), 3),
    account_created_at: Number.isNaN(created) ? null : formatTime(created),
    account_age_days: Number.isNaN(created) ? null : round((s.first - created) / DAY_MS),
    email_domain: top(s.emailDomains).value,
    payment_fingerprint: top(s.payments).value,
    distinct_payment_fingerprints: s.payments.distinct(),
    org_id: top(s.orgs).value,
    top_payment_fingerprints: listed(s.payments, VALUE_LISTS.payments),
    top_api_keys: listed(s.apiKeys, VALUE_LISTS.apiKeys),
    top_ips: listed(s.ips, VALUE_LISTS.ips),
    top_ip_prefixes: listed(s.ipPrefixes, VALUE_LISTS.ipPrefixes),
    top_user_agents: listed(s.userAgents, VALUE_LISTS.userAgents),
    top_templates: listed(s.templates, VALUE_LISTS.templates),
    top_system_prompts: listed(s.systemPrompts, VALUE_LISTS.systemPrompts),
    top_orgs: listed(s.orgs, VALUE_LISTS.orgs),
    daily_exchanges: dailyExchanges(s),
  };
  return row;
}

/** A counter's heaviest values as the JSON list its column holds (null when it saw none). */
function listed(counter: ValueCounter, list: { limit: number }): string | null {
  const values = counter.entries().slice(0, list.limit).map(([v]) => v);
  return values.length > 0 ? JSON.stringify(values) : null;
}

/** `YYYY-MM-DD=exchanges` for each active UTC day, in day order. */
function dailyExchanges(s: AccountState): string | null {
  const days: string[] = [];
  s.daily.forEach((day, w) => days.push(`${formatTime(day * DAY_MS).slice(0, 10)}=${w}`));
  return days.join(';') || null;
}
