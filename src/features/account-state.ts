/**
 * Everything kept about one account while the dump streams by: exact totals, fixed-size histograms and
 * bounded sketches (sketch.ts). Memory per account is bounded whatever the account's volume.
 */
import { type AccountInfo, emailDomain } from '../ingest/accounts.js';
import type { RecordBatch } from '../ingest/record.js';
import { normalizePrompt } from '../ingest/prompt.js';
import { hashInt, hashText } from './hash.js';
import { DaySeries, dayOf, ModelTimeline } from './day-series.js';
import { HourBitset } from './hour-bitset.js';
import { VALUE_LISTS } from './columns.js';
import { ASKS_RUBRIC_GRADING, ELICITS_CHAIN_OF_THOUGHT, promptPatterns, templateKey } from './prompt-signals.js';
import { DistinctSketch, grown, lower, slack, ValueCounter } from './sketch.js';
import { float64s } from './slab.js';
import type { WireReader, WireWriter } from './wire.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Hashes in an account's active-minute signature (the lockstep estimate's sample size). */
export const MINUTE_SIGNATURE_K = 64;

/** Active seconds kept exactly up to this many per account, then a hash sample (for inter-arrival times). */
export const TIME_SAMPLE_K = 128;

/** Bottom-k sample of active seconds, keyed by a hash shared by all accounts. */
class SecondSample {
  // Small at first (most accounts are light), grown to the full buffer as seconds keep coming. Only the
  // seconds are stored: their hashes are recomputed when compacting, which halves a busy account's sample.
  private secs = float64s(8);
  private n = 0;
  /** Seconds hashing at or past this are not kept; undefined while all are (see ValueCounter's threshold). */
  private threshold: number | undefined = undefined;
  private settled: Interarrival | undefined;

  add(second: number): void {
    if (this.threshold !== undefined && hashInt(second) >= this.threshold) return;
    this.secs[this.n++] = second;
    if (this.n < this.secs.length) return;
    if (this.secs.length < slack(TIME_SAMPLE_K)) this.secs = grown(this.secs, slack(TIME_SAMPLE_K));
    else this.compact();
  }

  /** Keep the distinct seconds with the TIME_SAMPLE_K smallest hashes (ties by second, so any order agrees). */
  private compact(): void {
    const hashes = Float64Array.from(this.secs.subarray(0, this.n), hashInt);
    const order = Array.from({ length: this.n }, (_, i) => i).sort((a, b) => hashes[a] - hashes[b] || this.secs[a] - this.secs[b]);
    const secs = new Float64Array(this.secs.length);
    let u = 0;
    for (const i of order) {
      if (u > 0 && secs[u - 1] === this.secs[i]) continue;
      if (u === TIME_SAMPLE_K) {
        this.threshold = hashes[i];
        break;
      }
      secs[u++] = this.secs[i];
    }
    this.secs = secs;
    this.n = u;
  }

  /** Fold in the sample of the same account's other rows. */
  merge(other: SecondSample): void {
    this.threshold = lower(this.threshold, other.threshold);
    for (let i = 0; i < other.n; i++) this.add(other.secs[i]);
    const { threshold } = this;
    if (threshold !== undefined) {
      let u = 0;
      for (let i = 0; i < this.n; i++) if (hashInt(this.secs[i]) < threshold) this.secs[u++] = this.secs[i];
      this.n = u;
    }
    this.compact();
  }

  /**
   * Median and coefficient of variation of the gaps between the sampled seconds, in order (null below three
   * seconds). Past TIME_SAMPLE_K active seconds the gaps are those of a hash sample, so they scale with its
   * rate (README, interarrival_median_s).
   */
  gaps(): Interarrival {
    if (this.settled) return this.settled;
    this.compact();
    const values = this.secs.slice(0, this.n).sort();
    if (values.length < 3) return { median: null, cv: null };
    const g = new Float64Array(values.length - 1);
    for (let i = 1; i < values.length; i++) g[i - 1] = values[i] - values[i - 1];
    g.sort();
    const mid = g.length >> 1;
    const median = g.length % 2 ? g[mid] : (g[mid - 1] + g[mid]) / 2;
    let mean = 0;
    for (const x of g) mean += x;
    mean /= g.length;
    let sq = 0;
    for (const x of g) sq += (x - mean) ** 2;
    const sd = Math.sqrt(sq / g.length);
    return { median, cv: mean > 0 ? sd / mean : null };
  }

  writeTo(w: WireWriter): void {
    w.nums(this.secs);
    w.num(this.n);
    w.optionalNum(this.threshold);
    // A settled summary's nulls travel as optional numbers (a median or CV is never NaN).
    w.num(this.settled ? 1 : 0);
    w.optionalNum(this.settled?.median ?? undefined);
    w.optionalNum(this.settled?.cv ?? undefined);
  }

  readFrom(r: WireReader): void {
    this.secs = r.nums();
    this.n = r.num();
    this.threshold = r.optionalNum();
    const settled = r.num() === 1;
    const median = r.optionalNum() ?? null;
    const cv = r.optionalNum() ?? null;
    this.settled = settled ? { median, cv } : undefined;
  }

  /** Keep the gaps' summary only (settle()). */
  settle(): void {
    this.settled = this.gaps();
    this.secs = float64s(0);
    this.n = 0;
  }
}

export interface Interarrival {
  median: number | null;
  cv: number | null;
}

export class AccountState {
  rows = 0;
  exchanges = 0;
  inputTokens = 0;
  outputTokens = 0;
  first = Number.POSITIVE_INFINITY;
  last = Number.NEGATIVE_INFINITY;
  readonly hourOfDay = float64s(24);
  readonly minuteOfHour = float64s(60);
  weekendExchanges = 0;
  readonly activeHours = new HourBitset();
  readonly seconds = new SecondSample();
  /** MinHash signature of active minutes: how the clustering stage finds accounts that fire together. */
  readonly minutes = new DistinctSketch(MINUTE_SIGNATURE_K);

  readonly ips = new ValueCounter(64);
  readonly ipPrefixes = new ValueCounter(64);
  readonly asns = new ValueCounter(64);
  readonly countries = new ValueCounter(32);
  readonly userAgents = new ValueCounter(32);
  readonly apiKeys = new ValueCounter(32);
  readonly models = new ValueCounter(64);
  /** Per-model first use and daily exchanges (pivots, model mix over time). */
  readonly modelTimeline = new ModelTimeline();
  /** Exchanges per UTC day (cluster timelines). */
  readonly daily = new DaySeries();
  readonly topics = new ValueCounter(32);
  readonly maxTokens = new ValueCounter(16);
  readonly orgs = new ValueCounter(8);
  readonly payments = new ValueCounter(8);
  readonly emailDomains = new ValueCounter(8);

  readonly prompts = new DistinctSketch(64);
  readonly templates = new ValueCounter(64);
  readonly systemPrompts = new ValueCounter(32);
  promptExchanges = 0;
  textExchanges = 0;
  cotExchanges = 0;
  rubricExchanges = 0;

  temperatureRows = 0;
  /** Temperature × 10⁶, summed as integers so the sum is the same in any order (and across merges). */
  temperatureMicroSum = 0;
  temperatureZeroRows = 0;
  latencyRows = 0;
  /** Latency in µs, summed as integers for the same reason. */
  latencyMicroSum = 0;
  errorExchanges = 0;
  statusExchanges = 0;
  createdAt = Number.NaN;
  /** settle() was called: reading this account is over. */
  isSettled = false;

  add(batch: RecordBatch, i: number): void {
    if (this.isSettled) throw new Error('a settled account state takes no more rows');
    const n = batch.numbers;
    const s = batch.strings;
    const ts = n.ts[i];
    const w = n.request_count[i];
    this.rows++;
    this.exchanges += w;
    this.inputTokens += n.input_tokens[i];
    this.outputTokens += n.output_tokens[i];
    if (ts < this.first) this.first = ts;
    if (ts > this.last) this.last = ts;

    const hour = Math.floor(ts / HOUR_MS);
    this.activeHours.add(hour);
    this.daily.add(dayOf(ts), w);
    this.hourOfDay[hour % 24] += w;
    this.minuteOfHour[Math.floor(ts / 60_000) % 60] += w;
    const dow = (Math.floor(ts / DAY_MS) + 4) % 7; // 1970-01-01 was a Thursday
    if (dow === 0 || dow === 6) this.weekendExchanges += w;
    const second = Math.floor(ts / 1000);
    this.seconds.add(second);
    this.minutes.add(hashInt(Math.floor(second / 60)));

    count(this.ips, s.ip[i], w);
    const ip = s.ip[i];
    if (ip !== null) count(this.ipPrefixes, ipPrefix(ip), w);
    count(this.asns, s.asn[i], w);
    count(this.countries, s.country[i], w);
    count(this.userAgents, s.user_agent[i], w);
    count(this.apiKeys, s.api_key_id[i], w);
    count(this.topics, s.topic[i], w);
    count(this.orgs, s.org_id[i], w);
    count(this.payments, s.payment_fingerprint[i], w);
    count(this.emailDomains, emailDomain(s.email_domain[i]), w);
    const model = s.model[i];
    if (model !== null) {
      count(this.models, model, w);
      this.modelTimeline.add(model, ts, w);
    }
    const maxTok = n.max_tokens[i];
    if (!Number.isNaN(maxTok)) count(this.maxTokens, String(maxTok), w);
    const temp = n.temperature[i];
    if (!Number.isNaN(temp)) {
      this.temperatureRows += w;
      this.temperatureMicroSum += Math.round(temp * 1e6) * w;
      if (temp === 0) this.temperatureZeroRows += w;
    }
    const latency = n.latency_ms[i];
    if (!Number.isNaN(latency)) {
      this.latencyRows++;
      this.latencyMicroSum += Math.round(latency * 1000);
    }
    const status = s.status[i];
    if (status !== null) {
      this.statusExchanges += w;
      if (!isSuccess(status)) this.errorExchanges += w;
    }
    const created = n.account_created_at[i];
    if (!Number.isNaN(created) && !(created >= this.createdAt)) this.createdAt = created;

    this.addPrompt(s.prompt[i], s.prompt_hash[i], s.system_prompt_hash[i], w);
  }

  private addPrompt(text: string | null, hash: string | null, systemHash: string | null, w: number): void {
    if (systemHash !== null) count(this.systemPrompts, systemHash, w);
    if (text === null && hash === null) return;
    this.promptExchanges += w;
    if (text !== null) {
      this.textExchanges += w;
      const normalized = normalizePrompt(text);
      // Distinct prompts need equality, not SHA-256: hashText (the fast string hash; SHA-1 past a kilobyte) will do.
      this.prompts.add(hashText(hash ?? normalized));
      count(this.templates, templateKey(normalized), w);
      const patterns = promptPatterns(normalized);
      if (patterns & ELICITS_CHAIN_OF_THOUGHT) this.cotExchanges += w;
      if (patterns & ASKS_RUBRIC_GRADING) this.rubricExchanges += w;
    } else if (hash !== null) {
      // Without text, a prompt hash is the finest template we can see.
      this.prompts.add(hashText(hash));
      count(this.templates, hash, w);
    }
  }

  /** Fold in the state of the same account built over other rows (another worker's share of the dump). */
  merge(o: AccountState): void {
    if (this.isSettled || o.isSettled) throw new Error('a settled account state cannot be merged');
    this.rows += o.rows;
    this.exchanges += o.exchanges;
    this.inputTokens += o.inputTokens;
    this.outputTokens += o.outputTokens;
    if (o.first < this.first) this.first = o.first;
    if (o.last > this.last) this.last = o.last;
    for (let h = 0; h < 24; h++) this.hourOfDay[h] += o.hourOfDay[h];
    for (let m = 0; m < 60; m++) this.minuteOfHour[m] += o.minuteOfHour[m];
    this.weekendExchanges += o.weekendExchanges;
    this.activeHours.merge(o.activeHours);
    this.seconds.merge(o.seconds);
    this.minutes.merge(o.minutes);
    this.daily.merge(o.daily);
    this.modelTimeline.merge(o.modelTimeline);
    for (const field of COUNTERS) this[field].merge(o[field]);
    this.prompts.merge(o.prompts);
    this.promptExchanges += o.promptExchanges;
    this.textExchanges += o.textExchanges;
    this.cotExchanges += o.cotExchanges;
    this.rubricExchanges += o.rubricExchanges;
    this.temperatureRows += o.temperatureRows;
    this.temperatureMicroSum += o.temperatureMicroSum;
    this.temperatureZeroRows += o.temperatureZeroRows;
    this.latencyRows += o.latencyRows;
    this.latencyMicroSum += o.latencyMicroSum;
    this.errorExchanges += o.errorExchanges;
    this.statusExchanges += o.statusExchanges;
    if (!(this.createdAt <= o.createdAt)) this.createdAt = o.createdAt;
  }

  /** The scalar fields, written and read in this order (wire.ts). */
  private static readonly SCALARS = [
    'rows', 'exchanges', 'inputTokens', 'outputTokens', 'first', 'last', 'weekendExchanges', 'promptExchanges', 'textExchanges',
    'cotExchanges', 'rubricExchanges', 'temperatureRows', 'temperatureMicroSum', 'temperatureZeroRows', 'latencyRows', 'latencyMicroSum',
    'errorExchanges', 'statusExchanges', 'createdAt',
  ] as const satisfies readonly (keyof AccountState)[];

  /** Everything, for another thread (wire.ts). */
  writeTo(w: WireWriter): void {
    for (const field of AccountState.SCALARS) w.num(this[field]);
    w.num(this.isSettled ? 1 : 0);
    w.nums(this.hourOfDay);
    w.nums(this.minuteOfHour);
    this.activeHours.writeTo(w);
    this.seconds.writeTo(w);
    this.minutes.writeTo(w);
    this.prompts.writeTo(w);
    this.modelTimeline.writeTo(w);
    this.daily.writeTo(w);
    for (const field of COUNTERS) this[field].writeTo(w);
  }

  /** A state as `writeTo` wrote it. */
  static readFrom(r: WireReader): AccountState {
    const s = new AccountState();
    for (const field of AccountState.SCALARS) s[field] = r.num();
    s.isSettled = r.num() === 1;
    r.numsInto(s.hourOfDay);
    r.numsInto(s.minuteOfHour);
    s.activeHours.readFrom(r);
    s.seconds.readFrom(r);
    s.minutes.readFrom(r);
    s.prompts.readFrom(r);
    s.modelTimeline.readFrom(r);
    s.daily.readFrom(r);
    for (const field of COUNTERS) s[field].readFrom(r);
    return s;
  }

  fillFrom(info: AccountInfo): void {
    const fill = (counter: ValueCounter, value: string | null): void => {
      if (counter.total === 0 && value !== null) count(counter, value, this.exchanges);
    };
    fill(this.orgs, info.org_id);
    fill(this.payments, info.payment_fingerprint);
    fill(this.emailDomains, info.email_domain);
    if (Number.isNaN(this.createdAt)) this.createdAt = info.account_created_at;
  }

  /** Gaps between active seconds (SecondSample.gaps). */
  interarrival(): Interarrival {
    return this.seconds.gaps();
  }

  /**
   * Once no more rows or states of this account will come: drop what only reading needed, keeping what the
   * feature row, the linkage tokens and scoring read (the time sample becomes its gaps, the network and
   * client counters keep the values those list). For the biggest dumps this is a quarter of the state.
   */
  settle(): void {
    if (this.isSettled) return;
    this.isSettled = true;
    this.seconds.settle();
    this.ips.settle(VALUE_LISTS.ips.limit);
    this.ipPrefixes.settle(VALUE_LISTS.ipPrefixes.limit);
    this.userAgents.settle(VALUE_LISTS.userAgents.limit);
    this.apiKeys.settle(VALUE_LISTS.apiKeys.limit);
    // Only the top value and the distinct count are read of these.
    this.asns.settle(1);
    this.countries.settle(1);
  }
}

/** The ValueCounter fields, merged and sent alike. */
const COUNTERS = [
  'ips', 'ipPrefixes', 'asns', 'countries', 'userAgents', 'apiKeys', 'models', 'topics', 'maxTokens', 'orgs', 'payments',
  'emailDomains', 'templates', 'systemPrompts',
] as const satisfies readonly (keyof AccountState)[];

function count(counter: ValueCounter, value: string | null, w: number): void {
  if (value !== null) counter.add(value, w);
}

/** Status words that mean success besides an HTTP 2xx code (the SQL port tests the same list). */
export const SUCCESS_WORDS = ['success', 'succeeded', 'ok', 'true', 'end_turn'] as const;
const SUCCESS = new RegExp(`^(?:2\\d\\d|${SUCCESS_WORDS.join('|')})$`, 'i');
export function isSuccess(status: string): boolean {
  return SUCCESS.test(status);
}

/** The network an address sits in: /24 for IPv4, /48 for IPv6; a prefix already written as such stays. */
export function ipPrefix(ip: string): string {
  if (ip.includes('/')) return ip;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(?:\d{1,3}|\*+)$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (ip.includes(':')) {
    const groups = ip.split(':');
    return `${groups.slice(0, 3).join(':')}::/48`;
  }
  return ip;
}
