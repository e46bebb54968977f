/**
 * Ground truth of a simulated dump: which accounts belong to which campaign or look-alike population,
 * with exact totals over the rows actually written. `evaluate` reads it back with `readTruth`.
 */
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { readJson } from '../io/read-json.js';

export interface TruthGroup {
  id: string;
  kind: 'campaign' | 'benign';
  population: string;
  /** Accounts with at least one row in the dump, sorted. */
  accounts: string[];
  /** Sum of request_count over the group's rows. */
  exchanges: number;
  rows: number;
}

export interface Truth {
  seed: number;
  scale: number;
  time_range: { first: string | null; last: string | null };
  groups: TruthGroup[];
  background: { accounts: number; exchanges: number; rows: number };
  /** The model released during the dump and the instant it first appears in the rows. */
  new_model: { model: string; first_seen: string | null };
  /** What the dump holds, so a reader knows which signals were available. */
  options: { formats: string[]; metadata_only: boolean; split_accounts: boolean; no_billing: boolean };
}

/** The truth file of a `simulate` directory, checked enough for `evaluate` to rely on its groups. */
export function readTruth(dir: string): Truth {
  const path = join(dir, 'truth.json');
  const truth = readJson<Truth | null>(path, '--truth');
  if (!truth || !Array.isArray(truth.groups) || truth.groups.some((g) => typeof g?.id !== 'string' || !Array.isArray(g.accounts))) {
    throw new InputError(`--truth ${path}: no groups array; was it written by simulate?`);
  }
  return truth;
}
