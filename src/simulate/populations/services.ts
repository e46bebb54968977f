/**
 * Legitimate automated customers that share campaign tell-tales (kind "benign"): a synthetic-data
 * company, a nightly eval runner, a support bot with pre-aggregated usage rows, and a CI bot fleet.
 * All declare their linkage: one org, the owner's own email domain, the owner's card.
 */
import { companyDomain, DAY, HOUR, USER_COUNTRIES } from '../catalog.js';
import { Template, TOPIC_TEMPLATES, CAMPAIGN_TEMPLATES } from '../prompts.js';
import type { Rng } from '../random.js';
import { clampTok, inHour, type Account, type Endpoint, type Population, type Row, type World } from '../world.js';

/** One company's accounts: same org, same domain, same card, opened long ago. */
function company(w: World, rng: Rng, n: number): Account[] {
  const org = w.newOrg();
  const email = companyDomain(rng);
  const card = w.newCard();
  const since = w.start - rng.range(60, 900) * DAY;
  const out: Account[] = [];
  for (let i = 0; i < n; i++) out.push(w.account({ org, email, card, created: since + rng.range(0, 30) * DAY, keys: rng.int(1, 3), rng }));
  return out;
}

export class SyntheticData implements Population {
  readonly name = 'synthetic-data-company';
  readonly kind = 'benign' as const;
  readonly accounts: Account[];
  private readonly eps: Endpoint[];
  private readonly perHour: number;
  private readonly ua: string;

  constructor(private readonly w: World, private readonly rng: Rng) {
    this.accounts = company(w, rng, rng.int(2, 5));
    this.eps = w.pool('hosting', rng.int(2, 6), 1, rng);
    this.perHour = (rng.range(1.5e6, 3e6) * w.scale) / w.hours;
    this.ua = w.userAgent(rng);
  }

  emit(hour: number, out: Row[]): void {
    const { w, rng } = this;
    const k = rng.poisson(this.perHour);
    for (let i = 0; i < k; i++) {
      out.push(w.row({ ts: inHour(hour, rng), acct: rng.pick(this.accounts), model: rng.chance(0.7) ? 'helix-3-medium' : 'helix-3-small', topic: 'data',
        prompt: rng.pick(TOPIC_TEMPLATES.data).fill(rng), sys: 'You generate diverse, realistic synthetic records as strict JSON.',
        inTok: clampTok(rng.logNormal(240, 0.3)), outTok: clampTok(rng.logNormal(2600, 0.35)), ep: rng.pick(this.eps), ua: this.ua, maxTok: 8192, temp: 1, throttle: 0.02 }, rng));
    }
  }
}

export class EvalRunner implements Population {
  readonly name = 'eval-runner';
  readonly kind = 'benign' as const;
  readonly accounts: Account[];
  private readonly suite: { prompt: string; grading: boolean }[] = [];
  private readonly ep: Endpoint;
  private readonly nightHour: number;
  private readonly gap: number;
  private readonly adopt: number;

  constructor(private readonly w: World, private readonly rng: Rng) {
    this.accounts = company(w, rng, rng.int(1, 3));
    this.ep = w.endpoint(rng.pick(w.asns('hosting')), rng);
    const size = w.count(rng.range(600, 1200), 30, 0.5);
    for (let i = 0; i < size; i++) {
      const grading = rng.chance(0.4);
      const tpl = grading ? rng.pick(CAMPAIGN_TEMPLATES.grading) : rng.pick([...TOPIC_TEMPLATES.math, ...TOPIC_TEMPLATES.coding, ...TOPIC_TEMPLATES.education]);
      this.suite.push({ prompt: `[eval ${i}] ${tpl.fill(rng)}`, grading });
    }
    this.nightHour = (rng.int(1, 4) - w.tz(rng.pick(USER_COUNTRIES)) + 24) % 24;
    this.gap = rng.range(400, 1500);
    // Evaluating a new model the night it ships is what eval teams do: another fast "pivot".
    this.adopt = w.release + rng.range(4, 30) * HOUR;
  }

  emit(hour: number, out: Row[]): void {
    const { w, rng } = this;
    if (Math.floor(hour / HOUR) % 24 !== this.nightHour) return;
    const models = ['helix-3-large', 'helix-3-medium'];
    if (hour >= this.adopt) models.push(w.newModel());
    const acct = this.accounts[0];
    let ts = hour + rng.int(0, 120_000);
    for (const model of models) {
      for (const item of this.suite) {
        ts += Math.round(this.gap * rng.range(0.7, 1.3));
        if (ts >= hour + HOUR) return; // the run overran its slot; the rest is skipped tonight
        out.push(w.row({ ts, acct, model, topic: item.grading ? 'grading' : 'math', prompt: item.prompt, sys: 'You are being evaluated. Answer precisely.',
          inTok: clampTok(rng.logNormal(item.grading ? 800 : 250, 0.2)), outTok: clampTok(rng.logNormal(item.grading ? 400 : 600, 0.4)), ep: this.ep, ua: 'python-httpx/0.27.0', maxTok: 2048, temp: 0 }, rng));
      }
    }
  }
}

export class SupportBot implements Population {
  readonly name = 'support-bot';
  readonly kind = 'benign' as const;
  readonly accounts: Account[];
  private readonly eps: Endpoint[];
  private readonly perBucket: number;
  private readonly tz: number;

  constructor(private readonly w: World, private readonly rng: Rng) {
    this.accounts = company(w, rng, rng.int(1, 2));
    this.eps = w.pool('hosting', 2, 1, rng);
    this.tz = w.tz(rng.pick(USER_COUNTRIES));
    let units = 0;
    for (let h = w.start; h < w.end; h += HOUR) units += 0.3 + w.humanFactor(h, this.tz, 0.7);
    this.perBucket = (rng.range(1e6, 3e6) * w.scale) / (units * 12 * this.accounts.length);
  }

  /** Usage exported as 5-minute buckets: one row per account and bucket with request_count = calls. */
  emit(hour: number, out: Row[]): void {
    const { w, rng } = this;
    for (let b = 0; b < 12; b++) {
      const ts = hour + b * 300_000;
      for (const acct of this.accounts) {
        const calls = rng.poisson(this.perBucket * (0.3 + w.humanFactor(ts, this.tz, 0.7)));
        if (calls === 0) continue;
        out.push(w.row({ ts, acct, model: 'helix-3-small', topic: 'support', prompt: null, sys: 'You are Ava, the customer support assistant. Be friendly and only answer questions about our products.',
          inTok: clampTok(calls * rng.logNormal(900, 0.15)), outTok: clampTok(calls * rng.logNormal(180, 0.15)), ep: rng.pick(this.eps), ua: 'Go-http-client/2.0', maxTok: 1024, temp: 0.3, n: calls, throttle: 0 }, rng));
      }
    }
  }
}

const REVIEW = [new Template('Review this diff in {repo} touching {file}. Point out bugs such as {bug} and suggest fixes.'),
  new Template('CI failed in {repo}: {bug} in {file}. Explain the likely cause and propose a patch.'),
  new Template('Summarise the changes to {file} in {repo} for the changelog.')];

export class CiFleet implements Population {
  readonly name = 'ci-bot-fleet';
  readonly kind = 'benign' as const;
  readonly accounts: Account[];
  private readonly perTick: number;
  private readonly tz: number;

  constructor(private readonly w: World, private readonly rng: Rng) {
    const exchanges = rng.range(150e3, 400e3) * w.scale;
    const ticks = w.hours * 4;
    // As many bots as keep each cron tick busy (at least about one call per bot and tick).
    const n = Math.max(4, Math.min(w.count(rng.range(10, 40), 4, 0.5), Math.round(exchanges / ticks)));
    this.accounts = company(w, rng, n);
    this.tz = w.tz(rng.pick(USER_COUNTRIES));
    this.perTick = exchanges / (ticks * n) / 0.75;
  }

  emit(hour: number, out: Row[]): void {
    const { w, rng } = this;
    const runners = w.asns('hosting').filter((a) => a.asn === 8075 || a.asn === 16509);
    for (let q = 0; q < 4; q++) {
      const tick = hour + q * 900_000;
      // Developers push more during their working day; the cron still fires at night.
      const busy = 0.5 + 0.5 * w.humanFactor(tick, this.tz);
      for (const acct of this.accounts) {
        const k = rng.poisson(this.perTick * busy);
        for (let i = 0; i < k; i++) {
          out.push(w.row({ ts: Math.min(tick + 899_999, tick + rng.int(2_000, 90_000) + i * rng.int(3_000, 20_000)), acct, model: 'helix-3-medium', topic: 'coding', prompt: rng.pick(REVIEW).fill(rng),
            sys: 'You are a code reviewer for our repositories.', inTok: clampTok(rng.logNormal(3000, 0.6)), outTok: clampTok(rng.logNormal(500, 0.5)),
            ep: w.endpoint(rng.pick(runners), rng), ua: 'ci-review-bot/2.3 python-httpx/0.27.0', maxTok: 2048, temp: 0.2 }, rng));
        }
      }
    }
  }
}
