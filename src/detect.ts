/** Account features → clusters → scores: the detection stages between ingest and report. */
import { clusterAccounts, type Clustering } from './cluster/graph.js';
import { type Timing, timingOf } from './cluster/lockstep.js';
import { accountTokens } from './cluster/tokens.js';
import type { AccountState } from './features/account-state.js';
import type { FeatureExtractor } from './features/extract.js';
import { type ScoredCluster, scoreClusters } from './score/score.js';
import type { Weights } from './score/weights.js';

export interface Detection {
  clustering: Clustering;
  scored: ScoredCluster[];
  /** Account states by index, the numbering clusters use. */
  states: AccountState[];
}

export interface DetectOptions {
  weights?: Weights;
  onStage?: (stage: string) => void;
  /** The records are usage buckets (Preset.buckets, IngestStats.buckets). */
  buckets?: { requestCounts: boolean };
}

export function detect(features: FeatureExtractor, { weights, onStage, buckets }: DetectOptions = {}): Detection {
  const ids = features.ids();
  const states = ids.map((id) => features.accounts.get(id)!);
  // Bucket start times are not request times: their minutes would be "lockstep" across every account.
  const timing = states.map(buckets ? untimed : timingOf);
  const clustering = clusterAccounts(states.length, (a) => accountTokens(states[a]), timing);
  onStage?.('graph');
  const scored = scoreClusters(clustering.groups, ids, states, timing, clustering.index, { weights, bucketRows: buckets?.requestCounts === false });
  onStage?.('scoring');
  return { clustering, scored, states };
}

/** An account's timing with no active minutes: never in lockstep, no minute candidates. */
function untimed(s: AccountState): Timing {
  return { signature: new Float64Array(0), minutes: 0, first: s.first, last: s.last, minuteShares: null };
}
