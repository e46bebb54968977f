/**
 * Ordinary customers: thousands of accounts with heavy-tailed volume, human working hours in their own
 * time zones, diverse models and topics, home/office/mobile networks, their own cards (a few teams and
 * families share one), accounts opened over the past years. Early adopters try the new model first.
 */
import { companyDomain, DAY, FREE_MAIL, HOUR, USER_COUNTRIES } from '../catalog.js';
import { TOPIC_TEMPLATES, TOPICS, TOPIC_WEIGHTS, SYSTEM_PROMPTS } from '../prompts.js';
import { Alias, type Rng } from '../random.js';
import { clampTok, inHour, type Account, type Endpoint, type Population, type Row, type World } from '../world.js';

interface User {
  acct: Account;
  tz: number;
  weight: number;
  /** Activity window: accounts opened during the dump start then; some stop using the API. */
  from: number;
  until: number;
  eps: Endpoint[];
  epWeights: number[];
  uas: string[];
  models: string[];
  topics: number[];
  sys: string | null;
  temp: number;
  maxTok: number;
  inMed: number;
  outMed: number;
  early: boolean;
}

export class Background implements Population {
  readonly name = 'background';
  readonly kind = 'background' as const;
  readonly accounts: Account[] = [];
  private readonly users: User[] = [];
  private readonly zones: { tz: number; users: User[]; alias: Alias; weight: number }[] = [];
  private readonly perUnit: number;
  private readonly early: User[];

  constructor(private readonly w: World, private readonly rng: Rng) {
    const n = w.count(rng.range(16000, 24000), 400, 0.5);
    const exchanges = rng.range(6e6, 10e6) * w.scale;
    let team: { org: string; email: string; card: string; left: number } | null = null;
    for (let i = 0; i < n; i++) {
      const country = rng.pick(USER_COUNTRIES);
      // Small declared teams share an org, a company domain and a card; a few families share a card.
      if (!team && rng.chance(0.04)) team = { org: w.newOrg(), email: companyDomain(rng), card: w.newCard(), left: rng.int(2, 9) };
      let acct: Account;
      const ageDays = Math.min(1400, rng.logNormal(260, 1.1));
      const created = rng.chance(0.06) ? w.start + rng.range(0, w.end - w.start - 2 * DAY) : w.start - ageDays * DAY - rng.range(0, DAY);
      if (team) {
        acct = w.account({ org: team.org, email: team.email, card: team.card, created, keys: rng.int(1, 3), rng });
        if (--team.left === 0) team = null;
      } else {
        const email = rng.chance(0.35) ? companyDomain(rng) : rng.pick(FREE_MAIL);
        acct = w.account({ email, card: rng.chance(0.03) ? null : undefined, created, keys: rng.chance(0.2) ? rng.int(2, 4) : 1, rng });
        if (rng.chance(0.01) && this.accounts.length) acct.card = rng.pick(this.accounts).card; // family card
      }
      const home = w.endpoint(rng.pick(w.asns('residential', country)), rng);
      const eps = [home];
      const epWeights = [rng.range(0.4, 1)];
      if (rng.chance(0.5)) {
        eps.push(w.endpoint(rng.pick(w.asns('residential', country)), rng)); // office or mobile
        epWeights.push(rng.range(0.1, 0.6));
      }
      if (rng.chance(0.25)) {
        eps.push(w.endpoint(rng.pick(w.asns('hosting')), rng)); // their app's server
        epWeights.push(rng.range(0.2, 2));
      }
      if (rng.chance(0.06)) {
        eps.push(w.endpoint(rng.pick(w.asns('vpn')), rng)); // privacy VPN
        epWeights.push(rng.range(0.1, 0.5));
      }
      const topics = [rng.weighted(TOPIC_WEIGHTS), rng.weighted(TOPIC_WEIGHTS), rng.weighted(TOPIC_WEIGHTS)];
      const from = Math.max(w.start, acct.created + rng.range(0, 3 * DAY));
      this.users.push({
        acct,
        tz: w.tz(country) + (rng.chance(0.2) ? rng.int(-2, 2) : 0),
        weight: rng.logNormal(1, 1.5),
        from,
        until: rng.chance(0.08) ? rng.range(from, w.end) : w.end,
        eps,
        epWeights,
        uas: rng.chance(0.7) ? [w.userAgent(rng)] : [w.userAgent(rng), w.userAgent(rng)],
        models: rng.chance(0.5) ? [w.model(rng)] : [w.model(rng), w.model(rng), w.model(rng)],
        topics,
        sys: rng.chance(0.45) ? rng.pick(SYSTEM_PROMPTS) : rng.chance(0.3) ? `You are the assistant inside ${companyDomain(rng)}. Follow the style guide.` : null,
        temp: rng.pick([1, 1, 1, 0.7, 0.7, 0.5, 0.3, 0.2, 0]),
        maxTok: rng.pick([512, 1024, 1024, 2048, 4096, 4096, 8192]),
        inMed: rng.logNormal(300, 0.7),
        outMed: rng.logNormal(380, 0.6),
        early: false,
      });
      this.accounts.push(acct);
    }
    // Early adopters: a handful of busy ordinary accounts move to the new model on release day.
    const busy = [...this.users].sort((a, b) => b.weight - a.weight).slice(0, Math.max(20, n >> 3));
    this.early = rng.shuffle(busy).slice(0, rng.int(5, 15));
    for (const u of this.early) u.early = true;
    const byTz = new Map<number, User[]>();
    for (const u of this.users) {
      const list = byTz.get(u.tz);
      if (list) list.push(u);
      else byTz.set(u.tz, [u]);
    }
    for (const tz of [...byTz.keys()].sort((a, b) => a - b)) {
      const users = byTz.get(tz)!;
      this.zones.push({ tz, users, alias: new Alias(users.map((u) => u.weight)), weight: users.reduce((s, u) => s + u.weight, 0) });
    }
    // Normalise so that the expected total over the dump is `exchanges`.
    let units = 0;
    for (let h = w.start; h < w.end; h += HOUR) for (const z of this.zones) units += z.weight * w.humanFactor(h + HOUR / 2, z.tz);
    this.perUnit = exchanges / units;
  }

  emit(hour: number, out: Row[]): void {
    const { w, rng } = this;
    for (const z of this.zones) {
      const k = rng.poisson(z.weight * this.perUnit * w.humanFactor(hour + HOUR / 2, z.tz));
      for (let i = 0; i < k; i++) {
        const u = z.users[z.alias.draw(rng)];
        const ts = inHour(hour, rng);
        if (ts < u.from || ts >= u.until) continue;
        out.push(this.exchange(u, ts));
      }
    }
    // The new model's first rows in the dump come from early adopters, minutes after release.
    if (hour <= w.release && w.release < hour + HOUR) {
      for (const u of this.early.slice(0, 3)) out.push(this.exchange(u, Math.min(hour + HOUR - 1, w.release + rng.int(60_000, 20 * 60_000)), true));
    }
  }

  private exchange(u: User, ts: number, forceNew = false): Row {
    const { w, rng } = this;
    const topicIdx = rng.chance(0.15) ? rng.weighted(TOPIC_WEIGHTS) : rng.pick(u.topics);
    const topic = TOPICS[topicIdx];
    let model = rng.pick(u.models);
    if (forceNew || (ts >= w.release && rng.chance(u.early ? 0.6 : w.newModelShare(ts)))) model = w.newModel();
    const big = rng.chance(0.05) ? rng.range(5, 40) : 1; // occasional long documents or code files
    return w.row(
      {
        ts,
        acct: u.acct,
        model,
        topic,
        prompt: rng.pick(TOPIC_TEMPLATES[topic]).fill(rng),
        sys: u.sys,
        inTok: clampTok(rng.logNormal(u.inMed * big, 0.8)),
        outTok: clampTok(rng.logNormal(u.outMed, 0.8)),
        ep: u.eps[u.eps.length === 1 ? 0 : rng.weighted(u.epWeights)],
        ua: u.uas.length === 1 ? u.uas[0] : rng.pick(u.uas),
        maxTok: u.maxTok,
        temp: u.temp,
      },
      rng,
    );
  }
}
