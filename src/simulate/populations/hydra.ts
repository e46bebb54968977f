/**
 * Campaign 1, the "hydra": ~25,000 fake accounts at scale 1 and ~28.8M exchanges, 22 Apr – 5 Jun 2026.
 * Traffic is load-balanced over whichever accounts are alive, so no account is big; accounts are opened
 * in waves shortly before use and retired after days; most share a few hundred cards; every request
 * leaves through a rotating proxy pool of hosting addresses; templated coding/agentic prompts ask for
 * full reasoning; load is flat 24/7.
 */
import { DAY, HOUR } from '../catalog.js';
import { campaignTemplates, SYSTEM_PROMPTS } from '../prompts.js';
import type { Rng } from '../random.js';
import { clampTok, inHour, type Account, type Endpoint, type Population, type Row, type World } from '../world.js';
import { burst, cardPlan, fakeAccount } from './common.js';

const TEMPLATES = campaignTemplates('hydra');

interface Head {
  acct: Account;
  from: number;
  until: number;
  ua: string;
  sticky: Endpoint[];
}

export class Hydra implements Population {
  readonly name = 'hydra';
  readonly kind = 'campaign' as const;
  readonly accounts: Account[] = [];
  private readonly heads: Head[] = [];
  private readonly pool: Endpoint[];
  private readonly perHour: number;
  private readonly first: number;
  private readonly last: number;
  private readonly coding: number;
  private readonly inMed: number;
  private readonly outMed: number;
  private readonly systems: string[];
  private live: Head[] = [];

  constructor(private readonly w: World, private readonly rng: Rng) {
    const n = w.count(rng.range(23000, 27000), 30);
    const exchanges = rng.range(27.5e6, 30e6) * w.scale;
    this.first = Date.UTC(2026, 3, 22) + rng.int(0, 8) * HOUR;
    this.last = Date.UTC(2026, 5, 6) - rng.int(0, 8) * HOUR;
    this.perHour = exchanges / ((this.last - this.first) / HOUR);
    this.pool = w.pool(['hosting', 'vpn'], w.count(rng.range(500, 1100), 40, 0.5), rng.int(8, 24), rng);
    const uas = [w.userAgent(rng), w.userAgent(rng), w.userAgent(rng)];
    this.coding = rng.range(0.5, 0.75);
    this.inMed = rng.range(220, 520);
    this.outMed = rng.range(1600, 3200);
    this.systems = [SYSTEM_PROMPTS[2], rng.pick(SYSTEM_PROMPTS)];
    const cards = cardPlan(w, rng, n, rng.range(0.9, 0.97), rng.range(40, 90));
    // Waves: each opened in a burst of a few hours, used from hours to two days later, retired after
    // one to three wave spacings, so that consecutive waves overlap and the load never stops.
    const waves = rng.int(8, 14);
    const span = this.last - this.first;
    const spacing = span / waves;
    for (let i = 0; i < n; i++) {
      const wave = Math.floor((i * waves) / n);
      const openAt = this.first + wave * spacing - rng.range(1, 3) * DAY;
      const created = burst(rng, openAt, rng.range(1, 6));
      const from = Math.max(this.first, created + rng.range(6, 48) * HOUR);
      const until = wave === waves - 1 ? this.last : Math.min(this.last, openAt + 3 * DAY + spacing * rng.range(1.2, 2.5));
      const acct = fakeAccount(w, rng, created, cards[i], rng.chance(0.1) ? 2 : 1);
      const sticky: Endpoint[] = [];
      for (let k = rng.int(2, 6); k > 0; k--) sticky.push(rng.pick(this.pool));
      this.heads.push({ acct, from, until, ua: rng.pick(uas), sticky });
      this.accounts.push(acct);
    }
  }

  emit(hour: number, out: Row[]): void {
    const { w, rng } = this;
    if (hour + HOUR <= this.first || hour >= this.last) return;
    this.live = this.heads.filter((h) => h.from < hour + HOUR && h.until > hour);
    if (this.live.length === 0) return;
    const k = rng.poisson(this.perHour * rng.range(0.93, 1.07));
    for (let i = 0; i < k; i++) {
      const ts = inHour(hour, rng);
      if (ts < this.first || ts >= this.last) continue;
      const h = this.live[Math.floor(rng.next() * this.live.length)];
      const topic = rng.chance(this.coding) ? 'coding' : 'agentic';
      out.push(
        w.row(
          {
            ts,
            acct: h.acct,
            model: rng.chance(0.7) ? 'helix-3-large' : 'helix-3-large-thinking',
            topic,
            prompt: rng.pick(TEMPLATES[topic]).fill(rng),
            sys: rng.chance(0.8) ? this.systems[0] : this.systems[1],
            inTok: clampTok(rng.logNormal(this.inMed, 0.45)),
            outTok: clampTok(rng.logNormal(this.outMed, 0.35)),
            ep: rng.chance(0.7) ? rng.pick(h.sticky) : rng.pick(this.pool),
            ua: h.ua,
            maxTok: 16384,
            temp: rng.chance(0.5) ? 1 : 0.7,
            throttle: 0.02,
          },
          rng,
        ),
      );
    }
  }
}
