/**
 * Legitimate groups of people that share campaign tell-tales (kind "benign"): a university class, an
 * enterprise behind one NAT, and a reseller. Their linkage is declared (one email domain, one org) and
 * their traffic is human and diverse.
 */
import { companyDomain, DAY, HOUR, UNIVERSITY_NAMES, USER_COUNTRIES } from '../catalog.js';
import { Template, TOPIC_TEMPLATES, TOPICS, TOPIC_WEIGHTS, SYSTEM_PROMPTS } from '../prompts.js';
import type { Rng } from '../random.js';
import { clampTok, inHour, type Account, type Endpoint, type Population, type Row, type World } from '../world.js';

interface Member {
  acct: Account;
  weight: number;
  eps: Endpoint[];
  ua: string;
  topics: number[];
  tz: number;
  model: string;
}

/** Shared machinery: hourly volume = people × their local day, spread over members by weight. */
abstract class Crowd implements Population {
  abstract readonly name: string;
  readonly kind = 'benign' as const;
  readonly accounts: Account[] = [];
  protected readonly members: Member[] = [];
  private perUnit = 0;
  private total = 0;

  constructor(protected readonly w: World, protected readonly rng: Rng) {}

  protected add(m: Member): void {
    this.members.push(m);
    this.accounts.push(m.acct);
    this.total += m.weight;
  }

  protected finish(exchanges: number): void {
    let units = 0;
    for (let h = this.w.start; h < this.w.end; h += HOUR) units += this.activity(h + HOUR / 2);
    this.perUnit = exchanges / units;
    this.cumulative = [];
    let c = 0;
    for (const m of this.members) this.cumulative.push((c += m.weight / this.total));
  }

  private cumulative: number[] = [];

  protected abstract activity(ts: number): number;
  protected abstract exchange(m: Member, ts: number): Row;

  protected pickMember(): Member {
    const r = this.rng.next();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return this.members[lo];
  }

  emit(hour: number, out: Row[]): void {
    const k = this.rng.poisson(this.perUnit * this.activity(hour + HOUR / 2));
    for (let i = 0; i < k; i++) {
      const m = this.pickMember();
      const ts = inHour(hour, this.rng);
      if (ts < m.acct.created) continue;
      out.push(this.exchange(m, ts));
    }
  }

  protected plain(m: Member, ts: number, topicIdx: number, prompt?: string): Row {
    const { w, rng } = this;
    const topic = TOPICS[topicIdx];
    return w.row({ ts, acct: m.acct, model: rng.chance(0.8) ? m.model : w.model(rng), topic, prompt: prompt ?? rng.pick(TOPIC_TEMPLATES[topic]).fill(rng),
      sys: rng.chance(0.5) ? SYSTEM_PROMPTS[0] : null, inTok: clampTok(rng.logNormal(320, 0.8)), outTok: clampTok(rng.logNormal(420, 0.7)),
      ep: rng.pick(m.eps), ua: m.ua, maxTok: 2048, temp: 1 }, rng);
  }
}

const HOMEWORK = ['Homework {week}, problem 1: write a {lang} function that {task}. Explain your approach.',
  'Homework {week}, problem 2: what is {math}? Show the steps.', 'Homework {week}: explain {subject} in your own words.'];

export class UniversityClass extends Crowd {
  readonly name = 'university-class';
  private readonly tz: number;
  private readonly homework: string[][] = [];
  private readonly termStart: number;

  constructor(w: World, rng: Rng) {
    super(w, rng);
    const n = w.count(rng.range(180, 420), 60, 0.5);
    const uni = rng.pick(UNIVERSITY_NAMES);
    const email = `${rng.pick(['cs.', 'students.', 'mail.', ''])}${uni}.edu`;
    const country = rng.pick(['US', 'US', 'GB', 'CA', 'AU', 'DE']);
    this.tz = w.tz(country);
    const campus = { asn: rng.int(1000, 60000), country };
    const campusEps: Endpoint[] = [];
    const base = `${rng.int(128, 160)}.${rng.int(0, 255)}.`;
    for (let i = rng.int(3, 8); i > 0; i--) campusEps.push({ ip: `${base}${rng.int(0, 255)}.${rng.int(1, 254)}`, asn: campus.asn, country });
    const uniCard = w.newCard();
    const cardShare = rng.range(0.2, 0.4);
    // Everyone signs up in the first lab session: within one hour.
    this.termStart = w.start + rng.range(-10, 12) * DAY;
    const lab = this.termStart + rng.int(9, 15) * HOUR - this.tz * HOUR;
    for (let i = 0; i < n; i++) {
      const acct = w.account({ email, card: rng.chance(cardShare) ? uniCard : undefined, created: lab + rng.range(0, HOUR), rng });
      const home = w.endpoint(rng.pick(w.asns('residential', country)), rng);
      this.add({ acct, weight: rng.logNormal(1, 0.8), eps: rng.chance(0.7) ? [rng.pick(campusEps), home, home] : [rng.pick(campusEps)], ua: w.userAgent(rng),
        topics: [0, 4, 2], tz: this.tz, model: rng.chance(0.7) ? 'helix-3-medium' : 'helix-3-small' });
    }
    for (let week = 0; week < 12; week++) {
      const set: string[] = [];
      for (const h of HOMEWORK) set.push(new Template(h.replace('{week}', String(week + 1))).fill(rng));
      this.homework.push(set);
    }
    this.finish(w.count(rng.range(150e3, 300e3), 0) + n * 60);
  }

  /** Evenings and the nights before Friday deadlines. */
  protected activity(ts: number): number {
    const local = ts + this.tz * HOUR;
    const h = Math.floor(local / HOUR) % 24;
    const dow = (Math.floor(local / DAY) + 4) % 7;
    const day = h >= 1 && h < 8 ? 0.05 : h >= 18 ? 1 : 0.5;
    return ts < this.termStart ? 0 : day * (dow === 4 ? 2.5 : dow === 3 ? 1.6 : 1);
  }

  protected exchange(m: Member, ts: number): Row {
    const week = Math.min(11, Math.max(0, Math.floor((ts - this.termStart) / (7 * DAY))));
    const topic = this.rng.pick(m.topics);
    // Much of the class pastes the assignment verbatim.
    return this.plain(m, ts, topic, this.rng.chance(0.45) ? this.rng.pick(this.homework[week]) : undefined);
  }
}

export class EnterpriseNat extends Crowd {
  readonly name = 'enterprise-nat';
  private readonly tz: number;

  constructor(w: World, rng: Rng) {
    super(w, rng);
    const n = w.count(rng.range(200, 500), 60, 0.5);
    const org = w.newOrg();
    const email = companyDomain(rng);
    const card = w.newCard();
    const country = rng.pick(USER_COUNTRIES);
    this.tz = w.tz(country);
    const corpAsn = { asn: rng.int(1000, 60000), country };
    const block = `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.`;
    const nat: Endpoint[] = [{ ip: block + rng.int(1, 126), asn: corpAsn.asn, country }, { ip: block + rng.int(127, 254), asn: corpAsn.asn, country }];
    // Provisioned by IT through SSO in a few batches when the company rolled the API out.
    const rollout = w.start - rng.range(20, 300) * DAY;
    const ua = w.userAgent(rng);
    for (let i = 0; i < n; i++) {
      const acct = w.account({ org, email, card, created: rollout + rng.int(0, 3) * 7 * DAY + rng.range(0, 2 * HOUR), rng });
      this.add({ acct, weight: rng.logNormal(1, 1.1), eps: nat, ua: rng.chance(0.6) ? ua : w.userAgent(rng),
        topics: [rng.weighted(TOPIC_WEIGHTS), rng.weighted(TOPIC_WEIGHTS)], tz: this.tz, model: w.model(rng) });
    }
    this.finish(rng.range(400e3, 1.2e6) * w.scale);
  }

  protected activity(ts: number): number {
    return this.w.humanFactor(ts, this.tz, 0.1);
  }

  protected exchange(m: Member, ts: number): Row {
    return this.plain(m, ts, this.rng.chance(0.7) ? this.rng.pick(m.topics) : this.rng.weighted(TOPIC_WEIGHTS));
  }
}

export class Reseller extends Crowd {
  readonly name = 'reseller';

  constructor(w: World, rng: Rng) {
    super(w, rng);
    const n = w.count(rng.range(80, 300), 40, 0.5);
    const org = w.newOrg();
    const email = companyDomain(rng);
    const card = w.newCard();
    const gateway = w.pool('hosting', rng.int(3, 8), 1, rng);
    const ua = rng.pick(['LiteLLM/1.63.2', 'python-httpx/0.28.1']);
    // One account per downstream customer, opened as customers signed up over the past year.
    for (let i = 0; i < n; i++) {
      const acct = w.account({ org, email, card, created: w.start - rng.range(-20, 365) * DAY, rng });
      this.add({ acct, weight: rng.logNormal(1, 1.3), eps: gateway, ua, topics: [rng.weighted(TOPIC_WEIGHTS), rng.weighted(TOPIC_WEIGHTS), rng.weighted(TOPIC_WEIGHTS)],
        tz: w.tz(rng.pick(USER_COUNTRIES)), model: w.model(rng) });
    }
    this.finish(rng.range(200e3, 600e3) * w.scale);
  }

  /** Customers all over the world: the sum is close to flat, but each keeps its own day. */
  protected activity(): number {
    return 1;
  }

  protected exchange(m: Member, ts: number): Row {
    // Keep each customer's own rhythm by thinning its draws with its local day.
    if (!this.rng.chance(0.15 + 0.85 * this.w.humanFactor(ts, m.tz))) m = this.pickMember();
    return this.plain(m, ts, this.rng.chance(0.8) ? this.rng.pick(m.topics) : this.rng.weighted(TOPIC_WEIGHTS));
  }
}
