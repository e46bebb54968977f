/** Timing lockstep (src/cluster/lockstep.ts): beyond chance, where chance knows about the clock. */
import { describe, expect, it } from 'vitest';
import { lockstepExcess, type Timing, timingOf } from '../../src/cluster/lockstep.js';
import { accountState } from '../helpers/account-state.js';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 4, 1);

/** The timing of an account with one exchange at each of `times` (ms). */
function timing(times: number[]): Timing {
  return timingOf(accountState(times.map((ts) => ({ ts }))));
}

/** A deterministic coin in [0, 1) per (seed, i): murmur3's finalizer, so that seeds are independent. */
function coin(seed: number, i: number): number {
  let x = Math.imul(seed, 0x9e3779b1) ^ i;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return ((x ^ (x >>> 16)) >>> 0) / 2 ** 32;
}

describe('lockstepExcess', () => {
  it('does not link two independent hourly cron jobs that both fire at :00 (each runs 80% of its hours)', () => {
    const cron = (seed: number): Timing => timing(Array.from({ length: 720 }, (_, h) => h).filter((h) => coin(seed, h) < 0.8).map((h) => START + h * HOUR + seed * 1000));
    const jobs = Array.from({ length: 12 }, (_, i) => cron(i + 1));
    for (const j of jobs) expect(j.minuteShares![0]).toBeGreaterThan(0.95);
    let linked = 0;
    for (let a = 0; a < jobs.length; a++) for (let b = a + 1; b < jobs.length; b++) if (lockstepExcess(jobs[a], jobs[b]) > 0) linked++;
    expect(linked).toBe(0);
  });

  it('links accounts that fire in the same minutes spread over the hour, as a scheduler driving a hydra does', () => {
    // 400 shared active minutes at pseudo-random minutes of a month; each account adds 40 of its own.
    const shared = Array.from({ length: 400 }, (_, i) => START + Math.floor(coin(99, i) * 30 * 24 * 60) * 60_000);
    const member = (seed: number): Timing => timing([...shared, ...Array.from({ length: 40 }, (_, i) => START + Math.floor(coin(seed, i) * 30 * 24 * 60) * 60_000)]);
    const [a, b] = [member(1), member(2)];
    expect(Math.max(...a.minuteShares!)).toBeLessThan(0.1);
    expect(lockstepExcess(a, b)).toBeGreaterThan(0.7);
  });

  it('still links two cron jobs whose runs coincide far beyond their schedules (same hours, both skipping the same ones)', () => {
    const hours = Array.from({ length: 720 }, (_, h) => h).filter((h) => coin(7, h) < 0.5);
    const [a, b] = [timing(hours.map((h) => START + h * HOUR)), timing(hours.map((h) => START + h * HOUR + 5000))];
    expect(lockstepExcess(a, b)).toBeGreaterThan(0.5);
  });

  it('needs a dozen active minutes', () => {
    const few = Array.from({ length: 11 }, (_, i) => START + i * 7 * 60_000);
    expect(timing(few).minuteShares).toBeNull();
    expect(lockstepExcess(timing(few), timing(few))).toBe(0);
  });
});
