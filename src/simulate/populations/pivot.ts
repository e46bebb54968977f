/**
 * Campaign 4: >13M exchanges at scale 1 through VPN exits and shared cards, broad reasoning/coding/math
 * prompts with chain-of-thought, flat load — and within a day of the new model's first appearance in
 * the dump, about half of all its traffic moves to that model at once, across every account.
 */
import { DAY, HOUR } from '../catalog.js';
import { campaignTemplates, SYSTEM_PROMPTS } from '../prompts.js';
import type { Rng } from '../random.js';
import { clampTok, inHour, type Account, type Endpoint, type Population, type Row, type World } from '../world.js';
import { burst, cardPlan, fakeAccount } from './common.js';

const TEMPLATES = campaignTemplates('pivot');

const FOCUS = ['coding', 'reasoning', 'reasoning', 'agentic'] as const;

export class Pivot implements Population {
  readonly name = 'model-pivot';
  readonly kind = 'campaign' as const;
  readonly accounts: Account[] = [];
  private readonly pool: Endpoint[];
  private readonly uas: string[];
  private readonly first: number;
  private readonly last: number;
  private readonly perHour: number;
  /** Moment the switch starts, hours after release, and how long the ramp takes. */
  private readonly switchAt: number;
  private readonly ramp: number;
  private readonly share: number;
  private readonly outMed: number;

  constructor(private readonly w: World, private readonly rng: Rng) {
    const n = w.count(rng.range(800, 2000), 30);
    const exchanges = rng.range(13.1e6, 15e6) * w.scale;
    this.first = w.start + rng.range(0, 4) * DAY;
    this.last = w.end - rng.range(0, 2) * DAY;
    this.perHour = exchanges / ((this.last - this.first) / HOUR);
    this.switchAt = w.release + rng.range(3, 20) * HOUR;
    this.ramp = rng.range(0.5, 3) * HOUR;
    this.share = rng.range(0.42, 0.62);
    this.outMed = rng.range(1400, 2600);
    this.pool = w.pool(['vpn', 'hosting'], w.count(rng.range(120, 400), 25, 0.5), rng.int(4, 12), rng);
    this.uas = [w.userAgent(rng), w.userAgent(rng)];
    const cards = cardPlan(w, rng, n, rng.range(0.75, 0.92), rng.range(30, 80));
    const created = this.first - rng.range(2, 10) * DAY;
    for (let i = 0; i < n; i++) {
      const acct = fakeAccount(w, rng, burst(rng, created - rng.int(0, 2) * 3 * DAY, rng.range(2, 12)), cards[i]);
      this.accounts.push(acct);
    }
  }

  emit(hour: number, out: Row[]): void {
    const { w, rng } = this;
    if (hour + HOUR <= this.first || hour >= this.last) return;
    // A mild rhythm from the operator's batch scheduler; still busy at night.
    const k = rng.poisson(this.perHour * (1 + 0.12 * Math.sin((hour / HOUR) * ((2 * Math.PI) / 24))));
    for (let i = 0; i < k; i++) {
      const ts = inHour(hour, rng);
      if (ts < this.first || ts >= this.last) continue;
      const acct = this.accounts[Math.floor(rng.next() * this.accounts.length)];
      const focus = rng.pick(FOCUS);
      const moved = ts >= this.switchAt && rng.chance(this.share * Math.min(1, (ts - this.switchAt) / this.ramp));
      out.push(
        w.row(
          {
            ts,
            acct,
            model: moved ? w.newModel() : rng.chance(0.75) ? 'helix-3-large' : 'helix-3-medium',
            topic: focus === 'reasoning' ? 'math' : focus,
            prompt: rng.pick(TEMPLATES[focus]).fill(rng),
            sys: rng.chance(0.6) ? SYSTEM_PROMPTS[2] : SYSTEM_PROMPTS[0],
            inTok: clampTok(rng.logNormal(380, 0.5)),
            outTok: clampTok(rng.logNormal(this.outMed, 0.4)),
            ep: rng.pick(this.pool),
            ua: rng.pick(this.uas),
            maxTok: 8192,
            temp: 1,
            throttle: 0.02,
          },
          rng,
        ),
      );
    }
  }
}
