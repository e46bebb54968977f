/**
 * Scoring: every cluster's signals against population baselines (the median over all clusters, so one
 * enormous campaign cannot become "normal" by outnumbering everyone), combined per group and then into
 * one score. A campaign needs both concealed coordination (C) and extraction-like behaviour (E):
 *   C, E = 1 − Π(1 − weight·subscore) over the group's measurable signals (any strong signal counts,
 *          several moderate ones add up, signals the dump cannot measure are left out);
 *   score = max(√(C·E) · (0.7 + 0.3·S), 0.45·E·S), S = scale of the cluster (volume, accounts).
 * The second term lets a lone account with extraction behaviour at scale reach "medium", never "high".
 */
import { median } from 'simple-statistics';
import type { AccountState } from '../features/account-state.js';
import type { TokenIndex } from '../cluster/graph.js';
import type { Timing } from '../cluster/lockstep.js';
import { findPivot, findReleases, type Pivot } from './pivot.js';
import { type ClusterProfile, profileCluster } from './profile.js';
import { clamp01, SIGNALS, type ScoringContext, type SignalGroup } from './signals.js';
import { defaultWeights, type Weights } from './weights.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** `severity` is `level` or more severe (a severity outside SEVERITIES, from a foreign report, never is). */
export function atLeast(severity: Severity, level: Severity): boolean {
  const rank = SEVERITIES.indexOf(severity);
  return rank >= 0 && rank <= SEVERITIES.indexOf(level);
}

/** Flagged: high or critical (CONTRACT §4). */
export function isFlagged(severity: Severity): boolean {
  return atLeast(severity, 'high');
}

export function severityOf(score: number): Severity {
  return score >= 0.8 ? 'critical' : score >= 0.6 ? 'high' : score >= 0.4 ? 'medium' : score >= 0.2 ? 'low' : 'info';
}

export interface Evidence {
  signal: string;
  value: number;
  baseline: number;
  detail: string;
}

export interface ScoredCluster {
  profile: ClusterProfile;
  pivot: Pivot | null;
  concealment: number;
  score: number;
  severity: Severity;
  groups: Record<SignalGroup, number>;
  /** Per signal: value, baseline and subscore (null when not measurable). */
  signals: Record<string, { value: number; baseline: number; subscore: number } | null>;
  evidence: Evidence[];
}

const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;
const MIN_EVIDENCE = 3;
const EVIDENCE_SUBSCORE = 0.25;

/** Accounts past which a group with no identity data is more than one customer's several accounts. */
const ONE_CUSTOMER_ACCOUNTS = 50;

function concealmentOf(p: ClusterProfile): number {
  if (p.declaredShare === null) {
    // No org or email: neither excused nor condemned. With no billing data either (a gateway export), a few
    // accounts sharing an office's IPs or a cron schedule is what one customer's several accounts look
    // like; only numbers make concealment likely.
    if (p.paymentKnown > 0 || p.createdKnown > 0) return 0.75;
    return 0.75 * clamp01(Math.log10(p.accounts.length) / Math.log10(ONE_CUSTOMER_ACCOUNTS));
  }
  // Accounts with no declared identity at all count as undeclared.
  return clamp01(1 - p.declaredShare);
}

function softOr(parts: number[]): number {
  return 1 - parts.reduce((acc, x) => acc * (1 - clamp01(x)), 1);
}

/** `timing` is the per-account timing the clustering stage built (cluster/lockstep.ts), reused for cluster lockstep. */
export function scoreClusters(
  groups: number[][],
  ids: string[],
  states: AccountState[],
  timing: readonly Timing[],
  index: TokenIndex,
  { weights = defaultWeights(), bucketRows = false }: { weights?: Weights; bucketRows?: boolean } = {},
): ScoredCluster[] {
  const topicTotals = new Map<string, number>();
  let topicAll = 0;
  for (const s of states) {
    for (const [t, w] of s.topics.entries()) topicTotals.set(t, (topicTotals.get(t) ?? 0) + w);
    topicAll += s.topics.total;
  }
  const populationTopics = new Map([...topicTotals].map(([t, w]) => [t, w / Math.max(topicAll, 1)]));
  const releases = findReleases(states);

  const contexts: ScoringContext[] = groups.map((g) => {
    const profile = profileCluster(g, g.map((a) => ids[a]), states, timing, index);
    const pivot = findPivot(g.map((a) => states[a]), releases);
    return { profile, pivot, concealment: concealmentOf(profile), populationTopics, bucketRows };
  });
  const values = contexts.map((ctx) => SIGNALS.map((s) => s.value(ctx)));
  const baselines = SIGNALS.map((_, i) => {
    const present = values.map((v) => v[i]).filter((v): v is number => v !== null && Number.isFinite(v));
    return present.length > 0 ? median(present) : 0;
  });

  return contexts.map((ctx, c) => {
    const signals: ScoredCluster['signals'] = {};
    const parts: Record<SignalGroup, number[]> = { coordination: [], extraction: [], scale: [] };
    const scored: { name: string; weighted: number; value: number; baseline: number; i: number }[] = [];
    SIGNALS.forEach((s, i) => {
      const value = values[c][i];
      if (value === null || !Number.isFinite(value)) {
        signals[s.name] = null;
        return;
      }
      const subscore = clamp01(s.subscore(value, baselines[i], ctx));
      signals[s.name] = { value: round(value), baseline: round(baselines[i]), subscore: round(subscore) };
      const w = weights[s.name] ?? s.weight;
      parts[s.group].push(s.group === 'scale' ? subscore : w * subscore);
      scored.push({ name: s.name, weighted: w * subscore, value, baseline: baselines[i], i });
    });
    const C = softOr(parts.coordination);
    const E = softOr(parts.extraction);
    const S = parts.scale.length ? Math.max(...parts.scale) : 0;
    const score = round(Math.max(Math.sqrt(C * E) * (0.7 + 0.3 * S), 0.45 * E * S));
    const severity = severityOf(score);

    // Evidence: the signals that moved the score, strongest first; at least three for a flagged cluster.
    scored.sort((a, b) => b.weighted - a.weighted || a.i - b.i);
    const strong = scored.filter((s) => s.weighted >= EVIDENCE_SUBSCORE * (weights[s.name] ?? 1) && SIGNALS[s.i].group !== 'scale');
    // Padding: scale first, then other signals that saw something (not "0% share 0 IPs" for a lone account).
    const rest = scored.filter((s) => !strong.includes(s) && (SIGNALS[s.i].group === 'scale' || s.value > 0)).sort((a, b) => Number(SIGNALS[b.i].group === 'scale') - Number(SIGNALS[a.i].group === 'scale') || b.weighted - a.weighted || a.i - b.i);
    const chosen = [...strong, ...rest.slice(0, Math.max(0, MIN_EVIDENCE - strong.length))];
    const evidence = chosen.map((s) => ({
      signal: s.name,
      value: round(s.value),
      baseline: round(s.baseline),
      detail: SIGNALS[s.i].describe(s.value, s.baseline, ctx),
    }));
    return { profile: ctx.profile, pivot: ctx.pivot, concealment: round(ctx.concealment), score, severity, groups: { coordination: round(C), extraction: round(E), scale: round(S) }, signals, evidence };
  });
}
