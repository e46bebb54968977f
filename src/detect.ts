/** Account features → clusters → scores: the detection stages between ingest and report. */
import { clusterAccounts, type Clustering } from './cluster/graph.js';
import { timingOf } from './cluster/lockstep.js';
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

export function detect(features: FeatureExtractor, weights?: Weights, onStage?: (stage: string) => void): Detection {
  const ids = features.ids();
  const states = ids.map((id) => features.accounts.get(id)!);
  const timing = states.map(timingOf);
  const clustering = clusterAccounts(states.length, (a) => accountTokens(states[a]), timing);
  onStage?.('graph');
  const scored = scoreClusters(clustering.groups, ids, states, timing, clustering.index, weights);
  onStage?.('scoring');
  return { clustering, scored, states };
}
