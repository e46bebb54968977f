/**
 * A cluster's profile: the numbers its score and evidence are computed from. Totals are exact sums over
 * its accounts; sharing statistics come from the token index (which attributes the cluster's accounts
 * hold in common); lockstep from the accounts' minute signatures.
 */
import type { AccountState } from '../features/account-state.js';
import { VALUE_LISTS } from '../features/columns.js';
import { compareIds, entropyBits } from '../features/extract.js';
import type { TokenIndex } from '../cluster/graph.js';
import { median } from 'simple-statistics';
import { lockstepExcess, type Timing } from '../cluster/lockstep.js';
import { TOKEN_KINDS, type TokenKind } from '../cluster/tokens.js';

export interface SharingStats {
  /** Accounts holding a token of this kind that another account of the cluster also holds. */
  accountsSharing: number;
  /** Distinct shared values. */
  sharedValues: number;
  /** Of those values, how many are held by (almost) no one outside the cluster. */
  exclusiveValues: number;
}

/** One attribute value held by several of a cluster's accounts. */
export interface SharedValue {
  kind: TokenKind;
  value: string;
  /** Accounts of the cluster holding it. */
  accounts: number;
  /** Held by (almost) no one outside the cluster. */
  exclusive: boolean;
}

export interface ClusterProfile {
  accounts: number[];
  ids: string[];
  exchanges: number;
  inputTokens: number;
  outputTokens: number;
  first: number;
  last: number;
  hourOfDay: Float64Array;
  /**
   * Hour-of-day entropy of each account's own traffic, weighted by exchanges, over the accounts busy enough
   * to show one; null when those carry less than half of the cluster's traffic. The pooled hour-of-day of a
   * big cluster is flat whenever its people live in several time zones, so flatness is judged per account.
   */
  accountFlatness: number | null;
  perAccountExchanges: number[];
  sharing: Partial<Record<TokenKind, SharingStats>>;
  /** The most widely shared values, most accounts first (at most SHARED_VALUES_KEPT). */
  sharedValues: SharedValue[];
  /** Share of accounts on the dominant declared identity (org, company email domain); null when none is known. */
  declaredShare: number | null;
  declaredIdentity: string | null;
  distinctOrgs: number;
  distinctEmailDomains: number;
  knownIdentityAccounts: number;
  textExchanges: number;
  cotExchanges: number;
  rubricExchanges: number;
  promptExchanges: number;
  topTemplateExchanges: number;
  topics: Map<string, number>;
  topicExchanges: number;
  models: Map<string, number>;
  /** Median account age at first request (days); null without creation dates. */
  medianAgeDays: number | null;
  createdKnown: number;
  /** Accounts with a payment fingerprint (from the logs or --accounts). */
  paymentKnown: number;
  /** Mean excess co-activity of sampled account pairs over independent activity, 0…1; null when unmeasurable. */
  lockstep: number | null;
  ips: number;
  ipPrefixes: number;
  /** Some account used more IPs than its linkage tokens list (VALUE_LISTS.ips): shared IPs are a lower bound. */
  ipsBeyondListed: boolean;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const EXCLUSIVE_SHARE = 0.9;
const LOCKSTEP_PAIRS = 64;
const SHARED_VALUES_KEPT = 24;
/** Exchanges an account needs before its own hour-of-day profile means anything (two per hour of the day). */
const FLATNESS_MIN_EXCHANGES = 48;

/**
 * The token id of the identity an account declares (its first org, else its company email domain), or −3
 * when it declares none: accounts without one are each their own unknown identity.
 */
function declaredIdentityOf(index: TokenIndex, account: number): number {
  let email = -3;
  for (const t of index.accountTokens[account]) {
    if (index.kinds[t] === 'org') return t;
    if (index.kinds[t] === 'email_domain' && email === -3) email = t;
  }
  return email;
}

/** Mean lockstep excess over up to 64 account pairs spread through the cluster (cluster/lockstep.ts). */
function lockstep(own: readonly Timing[]): number | null {
  const timings = own.filter((t) => t.minutes >= 8);
  if (timings.length < 2) return null;
  let total = 0;
  let pairs = 0;
  const step = Math.max(1, Math.floor(timings.length / LOCKSTEP_PAIRS));
  for (let x = 0; x < timings.length && pairs < LOCKSTEP_PAIRS; x += step) {
    const y = (x + 1 + Math.floor(timings.length / 2)) % timings.length;
    if (y === x) continue;
    total += lockstepExcess(timings[x], timings[y]);
    pairs++;
  }
  return pairs === 0 ? null : total / pairs;
}

export function profileCluster(
  accounts: number[],
  ids: string[],
  states: AccountState[],
  timing: readonly Timing[],
  index: TokenIndex,
): ClusterProfile {
  const own = accounts.map((a) => states[a]);
  const hourOfDay = new Float64Array(24);
  const topics = new Map<string, number>();
  const models = new Map<string, number>();
  let exchanges = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let textExchanges = 0;
  let cotExchanges = 0;
  let rubricExchanges = 0;
  let promptExchanges = 0;
  let topicExchanges = 0;
  const templateTotals = new Map<string, number>();
  const ages: number[] = [];
  let flatnessSum = 0;
  let flatnessExchanges = 0;
  for (const s of own) {
    exchanges += s.exchanges;
    inputTokens += s.inputTokens;
    outputTokens += s.outputTokens;
    if (s.first < first) first = s.first;
    if (s.last > last) last = s.last;
    for (let h = 0; h < 24; h++) hourOfDay[h] += s.hourOfDay[h];
    if (s.exchanges >= FLATNESS_MIN_EXCHANGES) {
      flatnessSum += s.exchanges * entropyBits(s.hourOfDay);
      flatnessExchanges += s.exchanges;
    }
    textExchanges += s.textExchanges;
    cotExchanges += s.cotExchanges;
    rubricExchanges += s.rubricExchanges;
    promptExchanges += s.promptExchanges;
    for (const [t, w] of s.topics.entries()) topics.set(t, (topics.get(t) ?? 0) + w);
    topicExchanges += s.topics.total;
    for (const [m, w] of s.models.entries()) models.set(m, (models.get(m) ?? 0) + w);
    for (const [t, w] of s.templates.entries()) templateTotals.set(t, (templateTotals.get(t) ?? 0) + w);
    // Created up to an hour after its first request is clock skew (age 0); later, the export is wrong and
    // the date no age (it read as "-1341 days old").
    if (!Number.isNaN(s.createdAt) && s.createdAt <= s.first + HOUR_MS) ages.push(Math.max(0, s.first - s.createdAt) / DAY_MS);
  }

  // Which tokens do the cluster's accounts share among themselves, and are they theirs alone?
  const sharing: Partial<Record<TokenKind, SharingStats>> = {};
  const sharingAccounts = new Map<TokenKind, Set<number>>();
  const identity = new Map<string, number>();
  const orgs = new Set<string>();
  const emails = new Set<string>();
  let knownIdentityAccounts = 0;
  const sharedValues: SharedValue[] = [];
  // The cluster's accounts holding each token they hold, tokens in the order first met: read off the
  // cluster's own accounts, never off a token's whole member list (a popular user agent or network is
  // held by most of a dump, and walking its members once per cluster is quadratic in the dump).
  const holders = new Map<number, number[]>();
  const declared = new Map(accounts.map((a) => [a, declaredIdentityOf(index, a)]));
  for (const a of accounts) {
    let known = false;
    for (const t of index.accountTokens[a]) {
      const kind = index.kinds[t];
      if (kind === 'org' || kind === 'email_domain') {
        known = true;
        const key = `${kind}:${index.values[t]}`;
        identity.set(key, (identity.get(key) ?? 0) + 1);
        (kind === 'org' ? orgs : emails).add(index.values[t]);
      }
      const inside = holders.get(t);
      if (inside) inside.push(a);
      else holders.set(t, [a]);
    }
    if (known) knownIdentityAccounts++;
  }
  for (const [t, inside] of holders) {
    if (inside.length < 2) continue;
    const kind = index.kinds[t];
    const exclusive = inside.length / index.members[t].length >= EXCLUSIVE_SHARE;
    sharedValues.push({ kind, value: index.values[t], accounts: inside.length, exclusive });
    // A card or IP shared only within one declared org or company domain is that identity's own, not
    // concealed coordination: the signals count values shared across identities (or without any).
    const common = declared.get(inside[0])!;
    if (common >= 0 && inside.every((m) => declared.get(m) === common)) continue;
    const stats = (sharing[kind] ??= { accountsSharing: 0, sharedValues: 0, exclusiveValues: 0 });
    stats.sharedValues++;
    if (exclusive) stats.exclusiveValues++;
    let set = sharingAccounts.get(kind);
    if (!set) sharingAccounts.set(kind, (set = new Set()));
    for (const m of inside) set.add(m);
  }
  for (const [kind, set] of sharingAccounts) (sharing[kind] as SharingStats).accountsSharing = set.size;
  let dominant: [string, number] | null = null;
  for (const [k, v] of identity) if (!dominant || v > dominant[1] || (v === dominant[1] && k < dominant[0])) dominant = [k, v];

  let topTemplateExchanges = 0;
  for (const w of templateTotals.values()) if (w > topTemplateExchanges) topTemplateExchanges = w;
  let ips = 0;
  let ipPrefixes = 0;
  let ipsBeyondListed = false;
  for (const s of own) {
    const distinct = s.ips.distinct();
    ips += distinct;
    if (distinct > VALUE_LISTS.ips.limit) ipsBeyondListed = true;
    ipPrefixes += s.ipPrefixes.distinct();
  }

  return {
    accounts,
    ids,
    exchanges,
    inputTokens,
    outputTokens,
    first,
    last,
    hourOfDay,
    accountFlatness: flatnessExchanges > 0 && flatnessExchanges >= exchanges / 2 ? flatnessSum / flatnessExchanges : null,
    perAccountExchanges: own.map((s) => s.exchanges),
    sharing,
    sharedValues: sharedValues
      .sort((x, y) => y.accounts - x.accounts || TOKEN_KINDS[y.kind].strength - TOKEN_KINDS[x.kind].strength || compareIds(x.kind, y.kind) || compareIds(x.value, y.value))
      .slice(0, SHARED_VALUES_KEPT),
    declaredShare: knownIdentityAccounts > 0 && dominant ? dominant[1] / accounts.length : null,
    declaredIdentity: dominant ? dominant[0] : null,
    distinctOrgs: orgs.size,
    distinctEmailDomains: emails.size,
    knownIdentityAccounts,
    textExchanges,
    cotExchanges,
    rubricExchanges,
    promptExchanges,
    topTemplateExchanges,
    topics,
    topicExchanges,
    models,
    medianAgeDays: ages.length > 0 ? median(ages) : null,
    createdKnown: ages.length,
    paymentKnown: own.filter((s) => s.payments.total > 0).length,
    lockstep: accounts.length >= 2 ? lockstep(accounts.map((a) => timing[a])) : null,
    ips,
    ipPrefixes,
    ipsBeyondListed,
  };
}

