/** A short human label for a cluster: what kind of group it is and its strongest traits. */
import type { ScoredCluster } from '../score/score.js';

const TRAITS: Record<string, (c: ScoredCluster) => string> = {
  shared_payment: () => 'shared payment',
  shared_network: () => 'shared IP pool',
  shared_templates: () => 'shared templates',
  lockstep: () => 'lockstep timing',
  creation_burst: () => 'burst-created',
  load_balancing: () => 'load-balanced',
  cot_elicitation: () => 'chain-of-thought elicitation',
  rubric_grading: () => 'rubric grading',
  template_repetition: () => 'templated prompts',
  output_ratio: () => 'long outputs',
  flat_load: () => '24/7',
  fresh_accounts: () => 'fresh accounts',
  capability_focus: (c) => `${[...c.profile.topics.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'narrow'} focus`,
  model_pivot: (c) => `pivot to ${c.pivot?.model ?? 'a new model'}`,
};

export function clusterLabel(c: ScoredCluster): string {
  const n = c.profile.accounts.length;
  const sub = (name: string): number => c.signals[name]?.subscore ?? 0;
  let kind: string;
  if (n === 1) kind = 'single account';
  else if (c.concealment < 0.5 && c.profile.declaredIdentity) kind = `declared group (${c.profile.declaredIdentity})`;
  else if (sub('lockstep') >= 0.5) kind = 'synchronized swarm';
  else if (c.groups.coordination >= 0.5 && n >= 20 && sub('load_balancing') >= 0.3) kind = 'hydra';
  else if (c.groups.coordination >= 0.5) kind = 'coordinated accounts';
  else kind = 'linked accounts';
  const traits = c.evidence
    .filter((e) => TRAITS[e.signal] && (c.signals[e.signal]?.subscore ?? 0) >= 0.25)
    .slice(0, 3)
    .map((e) => TRAITS[e.signal](c));
  const head = `${kind}: ${n.toLocaleString('en-US')} account${n === 1 ? '' : 's'}`;
  return traits.length ? `${head}, ${traits.join(' + ')}` : head;
}
