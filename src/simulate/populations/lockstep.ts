/**
 * Campaign 2: ~150k exchanges at scale 1 of chain-of-thought and rubric-grading prompts. One controller
 * drives all accounts, so they fire within the same few seconds; a handful of cards pay for them all.
 */
import { DAY, HOUR } from '../catalog.js';
import { campaignTemplates, SYSTEM_PROMPTS } from '../prompts.js';
import type { Rng } from '../random.js';
import { clampTok, type Account, type Endpoint, type Population, type Row, type World } from '../world.js';
import { burst, cardPlan, fakeAccount } from './common.js';

const TEMPLATES = campaignTemplates('lockstep');

export class Lockstep implements Population {
  readonly name = 'lockstep-grader';
  readonly kind = 'campaign' as const;
  readonly accounts: Account[] = [];
  private readonly eps: Endpoint[] = [];
  private readonly uas: string[] = [];
  /** Controller ticks, sorted; consumed hour by hour. */
  private readonly ticks: number[] = [];
  private next = 0;
  private readonly join: number;
  private readonly grading: number;

  constructor(private readonly w: World, private readonly rng: Rng) {
    const n = w.count(rng.range(40, 80), 30);
    const exchanges = rng.range(140e3, 160e3) * w.scale;
    const first = w.start + rng.range(2, 20) * DAY;
    const last = Math.min(w.end - DAY, first + rng.range(12, 26) * DAY);
    this.join = rng.range(0.6, 0.95);
    this.grading = rng.range(0.35, 0.65);
    const cards = cardPlan(w, rng, n, rng.range(0.75, 1), rng.range(8, 20));
    const pool = w.pool(['hosting', 'vpn'], rng.int(6, 20), rng.int(2, 4), rng);
    const ua = w.userAgent(rng);
    const created = first - rng.range(0.5, 4) * DAY;
    for (let i = 0; i < n; i++) {
      this.accounts.push(fakeAccount(w, rng, burst(rng, created, rng.range(1, 8)), cards[i]));
      this.eps.push(rng.pick(pool));
      this.uas.push(rng.chance(0.85) ? ua : w.userAgent(rng));
    }
    // Sessions of ticks seconds to minutes apart at random moments of the window: no fixed interval.
    const count = Math.max(1, Math.round(exchanges / (n * this.join)));
    while (this.ticks.length < count) {
      let t = first + rng.range(0, last - first);
      for (let j = rng.int(10, 60); j > 0 && this.ticks.length < count; j--) {
        t += rng.range(20_000, 240_000);
        if (t < last) this.ticks.push(Math.floor(t / 1000) * 1000);
      }
    }
    this.ticks.sort((a, b) => a - b);
  }

  emit(hour: number, out: Row[]): void {
    const { w, rng } = this;
    while (this.next < this.ticks.length && this.ticks[this.next] < hour + HOUR) {
      const tick = this.ticks[this.next++];
      if (tick < hour) continue;
      const grading = rng.chance(this.grading);
      for (let i = 0; i < this.accounts.length; i++) {
        if (!rng.chance(this.join)) continue;
        const ts = Math.min(hour + HOUR - 1, tick + rng.int(0, 2500));
        const topic = grading ? 'grading' : 'reasoning';
        out.push(
          w.row(
            {
              ts,
              acct: this.accounts[i],
              model: rng.chance(0.6) ? 'helix-3-large' : 'helix-3-large-thinking',
              topic: grading ? 'grading' : 'math',
              prompt: rng.pick(TEMPLATES[topic]).fill(rng),
              sys: grading ? SYSTEM_PROMPTS[6] : SYSTEM_PROMPTS[2],
              inTok: clampTok(rng.logNormal(grading ? 900 : 300, 0.4)),
              outTok: clampTok(rng.logNormal(grading ? 1100 : 2200, 0.35)),
              ep: this.eps[i],
              ua: this.uas[i],
              maxTok: 8192,
              temp: grading ? 0 : 0.8,
              throttle: 0.03,
            },
            rng,
          ),
        );
      }
    }
  }
}
