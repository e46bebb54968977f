/**
 * Campaign 5 (our own design, harder): a slow swarm. Hundreds of accounts, each as busy as a keen human,
 * following a human working day in one target time zone, every request from a different residential
 * proxy address (no shared IP to find), browser user agents, own prepaid cards for most. What gives it
 * away is the sum: sign-up bursts, one narrow reasoning focus with chain-of-thought templates, a high
 * output/input ratio, and the same day-shape across all accounts.
 */
import { DAY, HOUR, USER_AGENTS } from '../catalog.js';
import { campaignTemplates } from '../prompts.js';
import type { Rng } from '../random.js';
import { clampTok, inHour, type Account, type Population, type Row, type World } from '../world.js';
import { burst, cardPlan, fakeAccount } from './common.js';

const TEMPLATES = campaignTemplates('swarm');

export class Swarm implements Population {
  readonly name = 'residential-swarm';
  readonly kind = 'campaign' as const;
  readonly accounts: Account[] = [];
  private readonly from: number[] = [];
  private readonly first: number;
  private readonly last: number;
  private readonly perUnit: number;
  private readonly tz: number;
  private readonly country: string;
  private readonly uas: string[];

  constructor(private readonly w: World, private readonly rng: Rng) {
    const n = w.count(rng.range(200, 450), 30);
    const exchanges = rng.range(0.5e6, 0.9e6) * w.scale;
    this.first = w.start + rng.range(3, 12) * DAY;
    this.last = w.end - rng.range(0, 3) * DAY;
    this.country = rng.pick(['US', 'US', 'GB', 'DE', 'CA']);
    this.tz = w.tz(this.country);
    this.uas = USER_AGENTS.filter((u) => u.startsWith('Mozilla'));
    const cards = cardPlan(w, rng, n, rng.range(0.2, 0.45), rng.range(8, 25));
    const waves = rng.int(2, 4);
    for (let i = 0; i < n; i++) {
      const wave = Math.floor((i * waves) / n);
      const openAt = this.first + ((this.last - this.first) * wave) / (waves + 1) - rng.range(1, 4) * DAY;
      const acct = fakeAccount(w, rng, burst(rng, openAt, rng.range(1, 3)), cards[i]);
      this.accounts.push(acct);
      this.from.push(Math.max(this.first, acct.created + rng.range(12, 72) * HOUR));
    }
    let units = 0;
    for (let h = this.first; h < this.last; h += HOUR) units += w.humanFactor(h, this.tz, 0.6);
    this.perUnit = exchanges / units;
  }

  emit(hour: number, out: Row[]): void {
    const { w, rng } = this;
    if (hour + HOUR <= this.first || hour >= this.last) return;
    const k = rng.poisson(this.perUnit * w.humanFactor(hour, this.tz, 0.6));
    const residential = w.asns('residential', this.country);
    for (let i = 0; i < k; i++) {
      const ts = inHour(hour, rng);
      const j = Math.floor(rng.next() * this.accounts.length);
      if (ts < this.from[j] || ts >= this.last) continue;
      const math = rng.chance(0.55);
      out.push(
        w.row(
          {
            ts,
            acct: this.accounts[j],
            model: 'helix-3-large',
            topic: math ? 'math' : 'coding',
            prompt: rng.pick(TEMPLATES[math ? 'reasoning' : 'coding']).fill(rng),
            sys: null,
            inTok: clampTok(rng.logNormal(260, 0.5)),
            outTok: clampTok(rng.logNormal(1700, 0.45)),
            ep: w.endpoint(rng.pick(residential), rng),
            ua: this.uas[j % this.uas.length],
            maxTok: 4096,
            temp: 1,
          },
          rng,
        ),
      );
    }
  }
}
