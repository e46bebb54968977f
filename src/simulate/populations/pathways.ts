/**
 * Campaign 3: >3.4M agentic / tool-use exchanges at scale 1 over hundreds of accounts reached through
 * several access pathways. Each pathway has its own client, key layout, orgs and egress network, so the
 * pathways look unrelated; what ties them is cards reused across pathways, the shared task templates
 * and one operator's schedule.
 */
import { DAY, HOUR } from '../catalog.js';
import { campaignTemplates, SYSTEM_PROMPTS } from '../prompts.js';
import type { Rng } from '../random.js';
import { clampTok, inHour, type Account, type Endpoint, type Population, type Row, type World } from '../world.js';
import { burst, fakeAccount } from './common.js';

const TEMPLATES = campaignTemplates('pathways');

interface Pathway {
  accounts: Account[];
  eps: Endpoint[];
  ua: string;
  share: number;
  model: string;
  sys: string;
  /** Hours of the UTC day this pathway's workers run (some run around the clock). */
  onHours: Set<number>;
}

export class Pathways implements Population {
  readonly name = 'agentic-pathways';
  readonly kind = 'campaign' as const;
  readonly accounts: Account[] = [];
  private readonly paths: Pathway[] = [];
  private readonly first: number;
  private readonly last: number;
  private readonly perHour: number;

  constructor(private readonly w: World, private readonly rng: Rng) {
    const n = w.count(rng.range(250, 600), 30);
    const exchanges = rng.range(3.45e6, 4.2e6) * w.scale;
    this.first = w.start + rng.range(0, 14) * DAY;
    this.last = Math.min(w.end, this.first + rng.range(22, 36) * DAY);
    const k = rng.int(3, 5);
    const cards: string[] = [];
    for (let i = rng.int(4, 12); i > 0; i--) cards.push(w.newCard());
    const shared = rng.range(0.5, 0.8);
    let made = 0;
    for (let p = 0; p < k; p++) {
      const size = p === k - 1 ? n - made : Math.max(6, Math.round((n / k) * rng.range(0.6, 1.4)));
      made += size;
      const kind = rng.pick(['hosting', 'vpn', 'residential'] as const);
      const eps = w.pool(kind, rng.int(6, 40), rng.int(1, 5), rng);
      const created = this.first - rng.range(0.5, 5) * DAY;
      const accounts: Account[] = [];
      // Some pathways put several accounts under one front org (a "team"), others one org each.
      let org: string | undefined;
      for (let i = 0; i < size; i++) {
        if (rng.chance(0.3)) org = rng.chance(0.5) ? w.newOrg() : undefined;
        const acct = fakeAccount(w, rng, burst(rng, created, rng.range(2, 30)), rng.chance(shared) ? rng.pick(cards) : w.newCard(), rng.int(1, 4));
        if (org) acct.org = org;
        accounts.push(acct);
        this.accounts.push(acct);
      }
      const onHours = new Set<number>();
      const start = rng.int(0, 23);
      const len = rng.chance(0.5) ? 24 : rng.int(12, 20);
      for (let h = 0; h < len; h++) onHours.add((start + h) % 24);
      this.paths.push({ accounts, eps, ua: w.userAgent(rng), share: rng.range(0.5, 1.5) * (24 / len), model: rng.chance(0.6) ? 'helix-3-large' : 'helix-3-medium', sys: rng.chance(0.5) ? SYSTEM_PROMPTS[5] : `You are an agent operating in a sandbox. Tools are described in JSON. Reason before every call.`, onHours });
    }
    const totalShare = this.paths.reduce((s, p) => s + p.share * (p.onHours.size / 24), 0);
    this.perHour = exchanges / ((this.last - this.first) / HOUR) / totalShare;
  }

  emit(hour: number, out: Row[]): void {
    const { w, rng } = this;
    if (hour + HOUR <= this.first || hour >= this.last) return;
    const utcHour = Math.floor(hour / HOUR) % 24;
    for (const p of this.paths) {
      if (!p.onHours.has(utcHour)) continue;
      const k = rng.poisson(this.perHour * p.share * rng.range(0.85, 1.15));
      for (let i = 0; i < k; i++) {
        const ts = inHour(hour, rng);
        if (ts < this.first || ts >= this.last) continue;
        const acct = p.accounts[Math.floor(rng.next() * p.accounts.length)];
        if (ts < acct.created) continue;
        const topic = rng.chance(0.8) ? 'agentic' : 'coding';
        out.push(
          w.row(
            {
              ts,
              acct,
              model: rng.chance(0.85) ? p.model : 'helix-3-large-thinking',
              topic,
              prompt: rng.pick(TEMPLATES[topic]).fill(rng),
              sys: p.sys,
              inTok: clampTok(rng.logNormal(1900, 0.4)),
              outTok: clampTok(rng.logNormal(950, 0.45)),
              ep: rng.pick(p.eps),
              ua: p.ua,
              maxTok: 4096,
              temp: 1,
              throttle: 0.015,
            },
            rng,
          ),
        );
      }
    }
  }
}
