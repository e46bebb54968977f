/**
 * `evaluate <report.json> --truth DIR`: how well a report found the campaigns `simulate` planted.
 * Per campaign: recall (its accounts in flagged clusters), consolidation (the largest share of its accounts
 * in one cluster), the rank of that cluster and its severity; overall account precision and recall; per
 * benign population the share of its accounts flagged.
 */
import { InputError } from '../errors.js';
import type { Report } from '../report/report.js';
import { isFlagged } from '../score/score.js';
import type { TruthGroup } from '../simulate/truth.js';

export interface CampaignResult {
  id: string;
  population: string;
  accounts: number;
  recall: number;
  consolidation: number;
  cluster: string | null;
  rank: number | null;
  severity: string | null;
  detected: boolean;
  /** Other campaigns whose accounts sit in this campaign's best cluster. */
  mergedWith: string[];
}

export interface BenignResult {
  id: string;
  population: string;
  accounts: number;
  flaggedShare: number;
  bestRank: number | null;
}

export interface Evaluation {
  campaigns: CampaignResult[];
  benign: BenignResult[];
  precision: number;
  recall: number;
  campaignsDetected: number;
  /** Every campaign's best cluster ranks above every cluster holding look-alike accounts. */
  campaignsAboveLookalikes: boolean;
}

export function evaluateReport(report: Report, groups: TruthGroup[], source = 'report'): Evaluation {
  if (!Array.isArray(report?.clusters)) throw new InputError(`${source}: no clusters array; is this a distill-forensics JSON report?`);
  const clusterOf = new Map<string, Report['clusters'][number]>();
  for (const c of report.clusters) for (const a of c.accounts) clusterOf.set(a, c);
  const flagged = new Set<string>();
  for (const c of report.clusters) if (isFlagged(c.severity)) for (const a of c.accounts) flagged.add(a);
  // Which campaign each planted account belongs to: a cluster holding two campaigns' accounts merged them.
  const populationOf = new Map<string, string>();
  for (const g of groups) if (g.kind === 'campaign') for (const a of g.accounts) populationOf.set(a, g.population);
  const campaignAccounts = new Set(populationOf.keys());

  const campaigns = groups
    .filter((g) => g.kind === 'campaign')
    .map((g): CampaignResult => {
      const counts = new Map<string, number>();
      for (const a of g.accounts) {
        const c = clusterOf.get(a);
        if (c) counts.set(c.id, (counts.get(c.id) ?? 0) + 1);
      }
      const [bestId, bestCount] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [null, 0];
      const best = bestId ? report.clusters.find((c) => c.id === bestId)! : null;
      const recall = g.accounts.filter((a) => flagged.has(a)).length / Math.max(g.accounts.length, 1);
      const mergedWith = new Set<string>();
      for (const a of best?.accounts ?? []) {
        const p = populationOf.get(a);
        if (p !== undefined && p !== g.population) mergedWith.add(p);
      }
      return {
        id: g.id,
        population: g.population,
        accounts: g.accounts.length,
        recall,
        consolidation: bestCount / Math.max(g.accounts.length, 1),
        cluster: bestId,
        rank: best?.rank ?? null,
        severity: best?.severity ?? null,
        detected: best !== null && isFlagged(best.severity),
        mergedWith: [...mergedWith].sort(),
      };
    });

  const benign = groups
    .filter((g) => g.kind === 'benign')
    .map((g): BenignResult => {
      let bestRank: number | null = null;
      for (const a of g.accounts) {
        const rank = clusterOf.get(a)?.rank;
        if (rank !== undefined && (bestRank === null || rank < bestRank)) bestRank = rank;
      }
      return {
        id: g.id,
        population: g.population,
        accounts: g.accounts.length,
        flaggedShare: g.accounts.filter((a) => flagged.has(a)).length / Math.max(g.accounts.length, 1),
        bestRank,
      };
    });

  const flaggedCampaign = [...flagged].filter((a) => campaignAccounts.has(a)).length;
  const worstCampaignRank = campaigns.reduce((m, c) => Math.max(m, c.rank ?? Number.POSITIVE_INFINITY), Number.NEGATIVE_INFINITY);
  const bestLookalikeRank = benign.reduce((m, b) => Math.min(m, b.bestRank ?? Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
  return {
    campaigns,
    benign,
    precision: flagged.size ? flaggedCampaign / flagged.size : 1,
    recall: campaignAccounts.size ? flaggedCampaign / campaignAccounts.size : 1,
    campaignsDetected: campaigns.filter((c) => c.detected).length,
    campaignsAboveLookalikes: worstCampaignRank < bestLookalikeRank,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const W = 24;

export function formatEvaluation(e: Evaluation): string {
  const lines = [
    `campaigns detected: ${e.campaignsDetected} of ${e.campaigns.length}; account precision ${pct(e.precision)}, recall ${pct(e.recall)}; every campaign ranked above every look-alike: ${e.campaignsAboveLookalikes ? 'yes' : 'no'}`,
    '',
    `${'campaign'.padEnd(W)} accounts   recall  consolidated  cluster   rank  severity  merged with`,
    ...e.campaigns.map(
      (c) =>
        `${c.population.padEnd(W)} ${String(c.accounts).padStart(8)} ${pct(c.recall).padStart(8)} ${pct(c.consolidation).padStart(13)}  ${(c.cluster ?? '-').padEnd(7)} ${String(c.rank ?? '-').padStart(6)}  ${(c.severity ?? '-').padEnd(8)}  ${c.mergedWith.join(', ') || '-'}`,
    ),
    '',
    `${'look-alike'.padEnd(W)} accounts  flagged  best rank`,
    ...e.benign.map((b) => `${b.population.padEnd(W)} ${String(b.accounts).padStart(8)} ${pct(b.flaggedShare).padStart(8)}  ${String(b.bestRank ?? '-').padStart(9)}`),
  ];
  return `${lines.join('\n')}\n`;
}
