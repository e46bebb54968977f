/**
 * The linkage graph, built in O(tokens + candidate pairs), never O(accounts²):
 * 1. an inverted index token → accounts holding it;
 * 2. candidate pairs from each shared token: every pair when few accounts share it, and for a hub (a
 *    token shared by more than HUB_CAP accounts) only a sparse ring through its members in hash order,
 *    which keeps a truly coordinated hub connected without enumerating its n² pairs;
 * 3. each candidate pair scored on everything the two accounts share, every token weighted by its kind's
 *    strength and its rarity, log(N/df)/log(N): an IP that 2,000 accounts use is weak, one that 3 use is
 *    strong;
 * 4. pairs at or above LINK_THRESHOLD joined (union-find), and pairs tied only by several rare prompt
 *    templates joined where three such pairs close a triangle: each component is a cluster.
 */
import { ipPrefix } from '../features/account-state.js';
import { hashInt } from '../features/hash.js';
import { CANDIDATE_MINUTES, lockstepExcess, MIN_ACTIVE_MINUTES, type Timing } from './lockstep.js';
import { PairSet } from './pair-set.js';
import { type Token, TOKEN_KINDS, type TokenKind } from './tokens.js';
import { UnionFind } from './union-find.js';

export const HUB_CAP = 48;
const RING_NEIGHBOURS = 3;
export const LINK_THRESHOLD = 0.85;
/**
 * A link needs at least this much from infrastructure, identity or timing (a shared creation hour adds to
 * the score but does not count here: two campaigns can launch in the same hour); soft content adds at
 * most SOFT_CAP.
 */
const MIN_HARD = 0.2;
const SOFT_CAP = 0.6;
/**
 * Prompt templates make a link on their own (a campaign on its own cards and home IPs is tied together by
 * nothing else) only when two accounts share at least CONTENT_TEMPLATES of their heaviest templates,
 * weighing CONTENT_ALONE together (by rarity, about a 1-in-N² chance for a given pair: a few such pairs of
 * strangers are expected among N²/2), and when a third account is tied to both in the same way: a
 * triangle, which chance pairs of strangers almost never close.
 */
const CONTENT_TEMPLATES = 3;
const CONTENT_ALONE = 1.0;
/** One kind cannot link two accounts on its own past this multiple of its strength (many shared IPs of one pool). */
const KIND_CAP = 1.5;
/** Link weight of full timing lockstep (excess co-activity ≥ LOCKSTEP_FULL). */
export const LOCKSTEP_STRENGTH = 0.9;
const LOCKSTEP_FULL = 0.5;

export interface TokenIndex {
  readonly accountCount: number;
  readonly kinds: TokenKind[];
  readonly values: string[];
  readonly members: number[][];
  /** Token ids per account, ascending. */
  readonly accountTokens: Int32Array[];
  /** For an `ip` token, the id of the `ip_prefix` token of its network (−1 if none, or not an IP). */
  readonly prefixOf: Int32Array;
  weight(token: number): number;
}

/** The tokens of account number `account` (made when asked: only one account's exist at a time). */
export type TokensOf = (account: number) => readonly Token[];

export function buildTokenIndex(n: number, tokensOf: TokensOf): TokenIndex {
  // `ids` is read by no closure, so it dies when this returns rather than living in a context the `weight`
  // closure keeps (a key per distinct token: ~30 MB on 100,000 light accounts).
  const ids = new Map<string, number>();
  const kinds: TokenKind[] = [];
  const values: string[] = [];
  let members: number[][] = [];
  const accountTokens: Int32Array[] = new Array(n);
  const own = new Set<number>();
  for (let account = 0; account < n; account++) {
    own.clear();
    for (const t of tokensOf(account)) {
      const key = `${t.kind}\u0000${t.value}`;
      let id = ids.get(key);
      if (id === undefined) {
        id = kinds.length;
        ids.set(key, id);
        kinds.push(t.kind);
        values.push(t.value);
        members.push([]);
      }
      if (!own.has(id)) {
        own.add(id);
        members[id].push(account);
      }
    }
    accountTokens[account] = Int32Array.from(own).sort();
  }
  // Exact-size copies: an array grown by push keeps spare room (~17 slots for one member), and most tokens
  // have one holder.
  members = members.map((m) => m.slice());
  const prefixOf = ipPrefixTokens(kinds, values, ids);
  const logN = Math.log(Math.max(n, 2));
  const burst = creationBurstWeight(kinds, values, members);
  const weight = (token: number): number => {
    const df = members[token].length;
    if (df < 2) return 0;
    const kind = TOKEN_KINDS[kinds[token]];
    if (kind.role === 'creation') return kind.strength * burst(df);
    const rarity = Math.max(0, Math.log(n / df) / logN);
    // A card or key held by a few dozen accounts is one identity however large the dump around it: enough to
    // link on its own. Rarity decides only past that (a reseller's or employer's card).
    return kind.strength * (kind.strength >= 1 && df <= HUB_CAP ? Math.max(rarity, LINK_THRESHOLD) : rarity);
  };
  return { accountCount: n, kinds, values, members, accountTokens, prefixOf, weight };
}

/** For each `ip` token, the id of the `ip_prefix` token of its network (−1 if none, or not an IP). */
function ipPrefixTokens(kinds: readonly TokenKind[], values: readonly string[], ids: ReadonlyMap<string, number>): Int32Array {
  return Int32Array.from(kinds, (k, t) => (k === 'ip' ? (ids.get(`ip_prefix\u0000${ipPrefix(values[t])}`) ?? -1) : -1));
}

/**
 * A creation hour is evidence in proportion to how impossible its sign-up count is by chance: the Poisson
 * tail P(X ≥ df) at the population's mean sign-ups per hour, times the number of hours (a burst of two
 * happens somewhere in a long history; a burst of twenty does not). 0 below chance, 1 at 10⁻³ after
 * correcting for the number of hours.
 */
function creationBurstWeight(kinds: readonly TokenKind[], values: readonly string[], members: readonly number[][]): (df: number) => number {
  let accounts = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  kinds.forEach((k, t) => {
    if (TOKEN_KINDS[k].role !== 'creation') return;
    const h = Number(values[t]);
    accounts += members[t].length;
    if (h < lo) lo = h;
    if (h > hi) hi = h;
  });
  const hours = Math.max(1, hi - lo + 1);
  const lambda = accounts / hours;
  const cache = new Map<number, number>();
  return (df) => {
    let w = cache.get(df);
    if (w === undefined) {
      // log10 P(X ≥ df) for Poisson(λ), summed in log space from the first term.
      let term = -lambda + df * Math.log(lambda) - lnFactorial(df);
      let tail = term;
      for (let x = df + 1; x < df + 200; x++) {
        term += Math.log(lambda / x);
        tail = logAdd(tail, term);
        if (term < tail - 40) break;
      }
      const log10p = tail / Math.LN10 + Math.log10(hours);
      w = Math.min(1, Math.max(0, -log10p / 3));
      cache.set(df, w);
    }
    return w;
  };
}

function lnFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

function logAdd(a: number, b: number): number {
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

const KIND_NAMES = Object.keys(TOKEN_KINDS) as TokenKind[];
const KIND_RULES = KIND_NAMES.map((k) => TOKEN_KINDS[k]);
const TEMPLATE = KIND_NAMES.indexOf('template');

/**
 * Whether two accounts are linked, from everything they share: a link score (per-kind capped sum of token
 * weights, plus timing lockstep) at or above `threshold`, or else a content-alone candidate. Millions of
 * candidate pairs are scored on a big dump, so the per-kind sums live in scratch arrays, not a map per pair.
 */
class PairScorer {
  private readonly kindOf: Uint8Array;
  private readonly byKind = new Float64Array(KIND_NAMES.length);
  /** Kinds in the order first met among the shared tokens (the sums are added in that order). */
  private readonly kindOrder = new Uint8Array(KIND_NAMES.length);
  private shared = new Int32Array(64);

  constructor(
    private readonly index: TokenIndex,
    private readonly weights: Float64Array,
    private readonly timing: readonly Timing[] | undefined,
    private readonly threshold: number,
  ) {
    this.kindOf = Uint8Array.from(index.kinds, (k) => KIND_NAMES.indexOf(k));
  }

  link(a: number, b: number): 'linked' | 'content' | null {
    const { index, weights, byKind, kindOrder, kindOf } = this;
    const ta = index.accountTokens[a];
    const tb = index.accountTokens[b];
    if (this.shared.length < Math.min(ta.length, tb.length)) this.shared = new Int32Array(Math.min(ta.length, tb.length));
    const shared = this.shared;
    let ns = 0;
    let i = 0;
    let j = 0;
    while (i < ta.length && j < tb.length) {
      if (ta[i] === tb[j]) {
        shared[ns++] = ta[i];
        i++;
        j++;
      } else if (ta[i] < tb[j]) i++;
      else j++;
    }
    byKind.fill(0);
    let kinds = 0;
    let templates = 0;
    for (let x = 0; x < ns; x++) {
      const t = shared[x];
      // A shared address implies its shared /24: that network counts once, as the address.
      let implied = false;
      for (let y = 0; y < ns && !implied; y++) implied = index.prefixOf[shared[y]] === t;
      if (implied) continue;
      const kind = kindOf[t];
      let met = false;
      for (let k = 0; k < kinds && !met; k++) met = kindOrder[k] === kind;
      if (!met) kindOrder[kinds++] = kind;
      byKind[kind] += weights[t];
      if (kind === TEMPLATE && weights[t] > 0) templates++;
    }
    let hard = 0;
    let soft = 0;
    let creation = 0;
    for (let k = 0; k < kinds; k++) {
      const { strength, role } = KIND_RULES[kindOrder[k]];
      const capped = Math.min(byKind[kindOrder[k]], strength * KIND_CAP);
      if (role === 'soft') soft += capped;
      else if (role === 'creation') creation += capped;
      else hard += capped;
    }
    if (this.timing) hard += LOCKSTEP_STRENGTH * Math.min(1, lockstepExcess(this.timing[a], this.timing[b]) / LOCKSTEP_FULL);
    if (hard >= MIN_HARD && hard + creation + Math.min(soft, SOFT_CAP) >= this.threshold) return 'linked';
    return templates >= CONTENT_TEMPLATES && byKind[TEMPLATE] >= CONTENT_ALONE ? 'content' : null;
  }
}

export interface Clustering {
  /** Account indices per cluster; singletons included. */
  groups: number[][];
  index: TokenIndex;
  /** Candidate pairs scored and how many were linked (for --timings and docs). */
  pairsScored: number;
  pairsLinked: number;
}

/** Groups of account indices that share a key: all pairs when small, a sparse hash-ordered ring when a hub. */
function forEachCandidate(members: readonly number[], salt: number, consider: (a: number, b: number) => void): void {
  if (members.length <= HUB_CAP) {
    for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) consider(members[x], members[y]);
    return;
  }
  const ring = [...members].sort((x, y) => hashInt(x * 7919 + salt) - hashInt(y * 7919 + salt) || x - y);
  for (let x = 0; x < ring.length; x++) for (let k = 1; k <= RING_NEIGHBOURS; k++) consider(ring[x], ring[(x + k) % ring.length]);
}

export function clusterAccounts(accounts: number, tokensOf: TokensOf, timing?: readonly Timing[], threshold = LINK_THRESHOLD): Clustering {
  const index = buildTokenIndex(accounts, tokensOf);
  const weights = Float64Array.from(index.kinds, (_, t) => index.weight(t));
  const uf = new UnionFind(index.accountCount);
  const seen = new PairSet();
  const n = index.accountCount;
  let pairsScored = 0;
  let pairsLinked = 0;
  const contentPairs: [number, number][] = [];
  const scorer = new PairScorer(index, weights, timing, threshold);
  const consider = (a: number, b: number): void => {
    if (a === b) return;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    if (!seen.add(lo * n + hi)) return;
    pairsScored++;
    const link = scorer.link(lo, hi);
    if (link === 'linked') {
      pairsLinked++;
      uf.union(lo, hi);
    } else if (link === 'content') contentPairs.push([lo, hi]);
  };
  for (let t = 0; t < index.members.length; t++) {
    const m = index.members[t];
    if (m.length >= 2 && weights[t] > 0) forEachCandidate(m, t, consider);
  }
  if (timing) {
    // Accounts in lockstep hold the same smallest minute hashes: those are their candidate keys. An account
    // too quiet to be in lockstep (lockstepExcess is 0) is left out: on a dump of a hundred thousand light
    // accounts its few minutes made millions of pairs that could never link by timing.
    const byMinute = new Map<number, number[]>();
    timing.forEach((tm, a) => {
      if (tm.minutes < MIN_ACTIVE_MINUTES) return;
      for (let i = 0; i < Math.min(CANDIDATE_MINUTES, tm.signature.length); i++) {
        let list = byMinute.get(tm.signature[i]);
        if (!list) byMinute.set(tm.signature[i], (list = []));
        list.push(a);
      }
    });
    let salt = index.members.length;
    for (const key of [...byMinute.keys()].sort((x, y) => x - y)) {
      const m = byMinute.get(key)!;
      if (m.length >= 2) forEachCandidate(m, salt++, consider);
    }
  }
  pairsLinked += joinContentPairs(contentPairs, uf);
  return { groups: uf.groups(), index, pairsScored, pairsLinked };
}

/** Joins the content-alone pairs that close a triangle of such pairs; returns how many it joined. */
function joinContentPairs(pairs: readonly [number, number][], uf: UnionFind): number {
  const neighbours = new Map<number, Set<number>>();
  const of = (a: number): Set<number> => {
    let set = neighbours.get(a);
    if (!set) neighbours.set(a, (set = new Set()));
    return set;
  };
  for (const [a, b] of pairs) {
    of(a).add(b);
    of(b).add(a);
  }
  let joined = 0;
  for (const [a, b] of pairs) {
    const [small, large] = of(a).size <= of(b).size ? [of(a), of(b)] : [of(b), of(a)];
    for (const c of small) {
      if (large.has(c)) {
        uf.union(a, b);
        joined++;
        break;
      }
    }
  }
  return joined;
}
