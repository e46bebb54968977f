/**
 * The detection signals. Each turns a cluster profile into a value (null when the dump cannot measure
 * it, e.g. no prompt text), maps value against the population baseline to a subscore in [0, 1], and
 * says what it saw in a sentence an analyst can paste into a case file. docs/detection.md explains each.
 *
 * Coordination signals measure *concealed* linkage: they are multiplied by the cluster's concealment
 * (1 − the share of accounts on one declared org or company email domain), because accounts that say
 * openly that they belong together are not hiding anything.
 */
import type { ClusterProfile } from './profile.js';
import type { Pivot } from './pivot.js';

export type SignalGroup = 'coordination' | 'extraction' | 'scale';

export interface ScoringContext {
  profile: ClusterProfile;
  pivot: Pivot | null;
  /** 1 − dominant declared identity share; without org or email 0.75 (less for a small group without billing data, score.ts). */
  concealment: number;
  /** Population share of exchanges per topic. */
  populationTopics: Map<string, number>;
  /** Each record is a usage bucket with no request count: "exchanges" are bucket rows (volume read in tokens). */
  bucketRows?: boolean;
}

export interface Signal {
  name: string;
  group: SignalGroup;
  /** Default weight: how much one full-strength reading of this signal is trusted on its own. */
  weight: number;
  value(ctx: ScoringContext): number | null;
  subscore(value: number, baseline: number, ctx: ScoringContext): number;
  describe(value: number, baseline: number, ctx: ScoringContext): string;
}

export const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
const pct = (x: number): string => `${Math.round(x * 100)}%`;
const num = (x: number): string => Math.round(x).toLocaleString('en-US');
/** `n` and the noun, plural unless n is 1 ("1 IP", "2 burst hours"). */
const count = (n: number, noun: string): string => `${num(n)} ${noun}${Math.round(n) === 1 ? '' : 's'}`;
/** "one of 3 payment fingerprints", or "one payment fingerprint" when there is one. */
const sharedOne = (n: number, noun: string): string => (Math.round(n) === 1 ? `one ${noun}` : `one of ${count(n, noun)}`);
const size = (p: ClusterProfile): number => p.accounts.length;
const DAY_MS = 86_400_000;

/**
 * Excess over the baseline, as a share of the distance from baseline to `target`: nothing at or below what
 * is typical. Only a baseline at or past the target (a population made mostly of one pattern) is moved to
 * half the target, so that the signal is not blind there.
 */
const above = (value: number, baseline: number, target: number): number => {
  const b = baseline < target ? baseline : target / 2;
  return clamp01((value - b) / (target - b));
};

/** Share of accounts sharing a token of `kind` within the cluster; 0 for a lone account (it shares with no one). */
function sharedShare(kind: 'payment' | 'ip' | 'template' | 'created_hour', ctx: ScoringContext, hasData: boolean): number | null {
  if (!hasData) return null;
  return (ctx.profile.sharing[kind]?.accountsSharing ?? 0) / size(ctx.profile);
}

/** 0.5 when every value of `kind` the cluster shares is also used outside it, 1 when none is. */
function exclusivity(kind: 'ip' | 'template', ctx: ScoringContext): number {
  const stats = ctx.profile.sharing[kind];
  return 0.5 + 0.5 * (stats && stats.sharedValues > 0 ? stats.exclusiveValues / stats.sharedValues : 0);
}

function gini(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  const total = s.reduce((a, b) => a + b, 0);
  if (n < 2 || total === 0) return 0;
  let acc = 0;
  for (let i = 0; i < n; i++) acc += (2 * (i + 1) - n - 1) * s[i];
  return acc / (n * total);
}

const concealed = (s: number, ctx: ScoringContext): number => s * ctx.concealment;
const identityNote = (ctx: ScoringContext): string =>
  ctx.profile.declaredShare === null
    ? ''
    : ctx.concealment < 0.5
      ? ` (but ${pct(ctx.profile.declaredShare)} declare one identity, ${ctx.profile.declaredIdentity})`
      : ` across ${num(Math.max(ctx.profile.distinctOrgs, ctx.profile.distinctEmailDomains))} distinct orgs/email domains`;

export const SIGNALS: readonly Signal[] = [
  {
    name: 'shared_payment',
    group: 'coordination',
    weight: 0.9,
    value: (ctx) => sharedShare('payment', ctx, ctx.profile.paymentKnown > 0),
    subscore: (v, b, ctx) => concealed(above(v, b, 0.5), ctx),
    describe: (v, b, ctx) =>
      `${pct(v)} of accounts share ${sharedOne(ctx.profile.sharing.payment?.sharedValues ?? 0, 'payment fingerprint')}${identityNote(ctx)} (typical cluster: ${pct(b)})`,
  },
  {
    name: 'shared_network',
    group: 'coordination',
    weight: 0.7,
    value: (ctx) => sharedShare('ip', ctx, ctx.profile.ips > 0),
    // A pool of IPs only this cluster uses says more than a popular NAT address.
    subscore: (v, b, ctx) => concealed(above(v, b, 0.6) * exclusivity('ip', ctx), ctx),
    describe: (v, b, ctx) => {
      const ip = ctx.profile.sharing.ip;
      const perAccount = ctx.profile.ips / size(ctx.profile);
      // Linkage lists each account's most used IPs only (VALUE_LISTS.ips): past that the shared count is a floor.
      const shared = `${ctx.profile.ipsBeyondListed ? 'at least ' : ''}${count(ip?.sharedValues ?? 0, 'IP')}`;
      return `${pct(v)} of accounts share ${shared} (${num(ip?.exclusiveValues ?? 0)} used almost only by this cluster), ${perAccount.toFixed(1)} IPs per account${identityNote(ctx)} (typical: ${pct(b)})`;
    },
  },
  {
    name: 'shared_templates',
    group: 'coordination',
    weight: 0.6,
    value: (ctx) => sharedShare('template', ctx, ctx.profile.promptExchanges > 0),
    // Templates only this cluster sends say more than a prompt hundreds of strangers also send.
    subscore: (v, b, ctx) => concealed(above(v, b, 0.6) * exclusivity('template', ctx), ctx),
    describe: (v, b, ctx) => {
      const t = ctx.profile.sharing.template;
      return `${pct(v)} of accounts send the same prompt templates (${num(t?.sharedValues ?? 0)} shared, ${num(t?.exclusiveValues ?? 0)} sent by no one else)${identityNote(ctx)} (typical: ${pct(b)})`;
    },
  },
  {
    name: 'lockstep',
    group: 'coordination',
    weight: 0.6,
    value: (ctx) => ctx.profile.lockstep,
    subscore: (v, b, ctx) => concealed(above(v, b, 0.3), ctx),
    describe: (v, b) => `accounts are active in the same minutes ${pct(v)} beyond what independent traffic of their volume would give (typical: ${pct(b)})`,
  },
  {
    name: 'creation_burst',
    group: 'coordination',
    weight: 0.5,
    value: (ctx) => sharedShare('created_hour', ctx, ctx.profile.createdKnown > 0),
    subscore: (v, b, ctx) => concealed(above(v, b, 0.5), ctx),
    describe: (v, b, ctx) => `${pct(v)} of accounts were created in the same hours as others of the cluster (${count(ctx.profile.sharing.created_hour?.sharedValues ?? 0, 'burst hour')}) (typical: ${pct(b)})`,
  },
  {
    name: 'load_balancing',
    group: 'coordination',
    weight: 0.3,
    value: (ctx) => (size(ctx.profile) >= 5 ? 1 - gini(ctx.profile.perAccountExchanges) : null),
    subscore: (v, b, ctx) => concealed(above(v, Math.max(b, 0.4), 0.85) * clamp01(Math.log10(size(ctx.profile)) / 2), ctx),
    describe: (v, _b, ctx) => {
      const max = Math.max(...ctx.profile.perAccountExchanges);
      return `traffic is spread evenly over ${num(size(ctx.profile))} accounts (evenness ${v.toFixed(2)}; the busiest holds ${max / ctx.profile.exchanges < 0.005 ? 'under 1%' : pct(max / ctx.profile.exchanges)})`;
    },
  },
  {
    name: 'cot_elicitation',
    group: 'extraction',
    weight: 0.8,
    value: (ctx) => (ctx.profile.textExchanges > 0 ? ctx.profile.cotExchanges / ctx.profile.textExchanges : null),
    subscore: (v, b) => above(v, b, 0.6),
    describe: (v, b) => `${pct(v)} of prompts ask for step-by-step / chain-of-thought reasoning (typical: ${pct(b)})`,
  },
  {
    name: 'rubric_grading',
    group: 'extraction',
    weight: 0.6,
    value: (ctx) => (ctx.profile.textExchanges > 0 ? ctx.profile.rubricExchanges / ctx.profile.textExchanges : null),
    subscore: (v, b) => above(v, b, 0.6),
    describe: (v, b) => `${pct(v)} of prompts ask for rubric grading or scoring (typical: ${pct(b)})`,
  },
  {
    name: 'template_repetition',
    group: 'extraction',
    weight: 0.5,
    value: (ctx) => (ctx.profile.promptExchanges >= 20 ? ctx.profile.topTemplateExchanges / ctx.profile.promptExchanges : null),
    subscore: (v, b) => above(v, b, 0.5),
    describe: (v, b) => `the most common prompt template carries ${pct(v)} of prompts (typical: ${pct(b)})`,
  },
  {
    name: 'output_ratio',
    group: 'extraction',
    weight: 0.5,
    value: (ctx) => (ctx.profile.inputTokens > 0 && ctx.profile.exchanges >= 20 ? ctx.profile.outputTokens / ctx.profile.inputTokens : null),
    subscore: (v, b) => (b > 0 ? clamp01(Math.log2(v / b) / 2) : 0),
    describe: (v, b) => `output/input token ratio ${v.toFixed(2)} (typical: ${b.toFixed(2)}): the traffic harvests long outputs`,
  },
  {
    name: 'flat_load',
    group: 'extraction',
    weight: 0.6,
    value: (ctx) => (ctx.profile.exchanges >= 200 ? ctx.profile.accountFlatness : null),
    subscore: (v, b) => above(v, Math.max(b, 3.5), Math.log2(24) - 0.02),
    describe: (v, b) => `accounts run ${v >= 4.5 ? 'flat around the clock (24/7)' : 'spread over the day'}: hour-of-day entropy of each account's traffic ${v.toFixed(2)} of 4.58 bits (typical: ${b.toFixed(2)})`,
  },
  {
    name: 'fresh_accounts',
    group: 'extraction',
    weight: 0.5,
    value: (ctx) => ctx.profile.medianAgeDays,
    subscore: (v) => clamp01(1 - Math.log10(1 + Math.max(0, v)) / Math.log10(1 + 90)),
    describe: (v, b) => `median account age at first request ${v.toFixed(1)} days (typical: ${b.toFixed(0)} days)`,
  },
  {
    name: 'capability_focus',
    group: 'extraction',
    weight: 0.4,
    value: (ctx) => {
      if (ctx.profile.topicExchanges < 100) return null;
      const [topic, w] = [...ctx.profile.topics.entries()].sort((a, b) => b[1] - a[1])[0];
      const share = w / ctx.profile.topicExchanges;
      const population = ctx.populationTopics.get(topic) ?? 0;
      // Focus beyond what the population's own mix would give: lift of the top topic over its population share.
      return population < 1 ? clamp01((share - population) / (1 - population)) : 0;
    },
    subscore: (v) => above(v, 0.3, 0.9),
    describe: (v, _b, ctx) => {
      const [topic, w] = [...ctx.profile.topics.entries()].sort((a, b) => b[1] - a[1])[0];
      return `${pct(w / ctx.profile.topicExchanges)} of traffic is ${topic} (focus ${v.toFixed(2)} beyond the population's mix)`;
    },
  },
  {
    name: 'model_pivot',
    group: 'extraction',
    weight: 0.8,
    value: (ctx) => (ctx.pivot && ctx.pivot.accountsMoved >= 2 ? ctx.pivot.share : null),
    subscore: (v, _b, ctx) => {
      const lag = ctx.pivot?.lagHours ?? Number.POSITIVE_INFINITY;
      return above(v, 0.1, 0.4) * (lag <= 24 ? 1 : lag <= 72 ? 0.5 : 0);
    },
    describe: (v, _b, ctx) => {
      const p = ctx.pivot as Pivot;
      const lag = Math.max(0, p.lagHours);
      return `moved ${pct(v)} of traffic to ${p.model} within ${lag < 1 ? `${Math.max(1, Math.round(lag * 60))} min` : `${Math.round(lag)} h`} of its first appearance (median lag, ${num(p.accountsMoved)} accounts)`;
    },
  },
  {
    name: 'volume',
    group: 'scale',
    weight: 1,
    value: (ctx) => ctx.profile.exchanges,
    subscore: (v, b) => clamp01(Math.log10(v / Math.max(b, 1)) / 3),
    describe: (v, b, ctx) => {
      const days = ((ctx.profile.last - ctx.profile.first) / DAY_MS).toFixed(1);
      if (!ctx.bucketRows) return `${num(v)} exchanges over ${days} days (typical cluster: ${num(b)})`;
      const tokens = ctx.profile.inputTokens + ctx.profile.outputTokens;
      return `${num(tokens)} tokens over ${days} days in ${num(v)} usage-bucket rows, which count no requests (typical cluster: ${num(b)} rows)`;
    },
  },
  {
    name: 'accounts',
    group: 'scale',
    weight: 1,
    value: (ctx) => size(ctx.profile),
    subscore: (v) => clamp01(Math.log10(v) / 3),
    describe: (v) => `${num(v)} accounts act as one`,
  },
];
