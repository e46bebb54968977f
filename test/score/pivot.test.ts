/** Model pivots (src/score/pivot.ts): the share of post-release traffic moved to a newly released model. */
import { describe, expect, it } from 'vitest';
import type { AccountState } from '../../src/features/account-state.js';
import { accountState } from '../helpers/account-state.js';
import { findPivot, findReleases } from '../../src/score/pivot.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 4, 1);

/** One account's state from [time, model] exchanges. */
function state(exchanges: [number, string][]): AccountState {
  return accountState(exchanges.map(([ts, model]) => ({ ts, model })));
}

/** `perHour` exchanges on `model` every hour from `from` to `to` (ms). */
function steady(from: number, to: number, perHour: number, model: string): [number, string][] {
  const out: [number, string][] = [];
  for (let t = from; t < to; t += HOUR) for (let k = 0; k < perHour; k++) out.push([t + k * 1000, model]);
  return out;
}

describe('findPivot', () => {
  it('counts a burst on the new model right after its release whole, against the release day\'s other traffic by the hours left', () => {
    const release = START + 10 * DAY + 18 * HOUR; // 18:00 on day 10: a quarter of the day left
    // The new model appears in the dump through another account first.
    const herald = state([...steady(START, START + 20 * DAY, 1, 'old'), [release, 'new']]);
    // 10 old-model exchanges an hour throughout; 1,500 on the new model in the hour after its release, then 5 an hour.
    const evals = state([
      ...steady(START, START + 20 * DAY, 10, 'old'),
      ...Array.from({ length: 1500 }, (_, i): [number, string] => [release + 60_000 + i * 2000, 'new']),
      ...steady(release + 2 * HOUR, START + 20 * DAY, 5, 'new'),
    ]);
    const releases = findReleases([herald, evals]);
    expect(releases).toEqual([{ model: 'new', at: release }]);
    const pivot = findPivot([evals], releases)!;
    // After the release: 6 h × 10 + 9.25 days × 240 old, 1,500 + (9.25 d × 24 − 2) h × 5 new.
    const onNew = 1500 + (9.25 * 24 - 2) * 5;
    const exact = onNew / (onNew + 6 * 10 + 9 * 240);
    expect(pivot.share).toBeCloseTo(exact, 2);
    expect(pivot.lagHours).toBeCloseTo(1 / 60, 5);
  });
});
