/**
 * The shared world of a simulated dump: accounts, rows, network endpoints, identifiers and the clock
 * patterns that populations use. Identifiers are random hex for everyone, so that no id reveals a group.
 */
import { ASNS, DAY, DUMP_END, DUMP_START, FREE_MAIL, HOUR, MODELS, MODEL_WEIGHTS, NEW_MODEL, UTC_OFFSET, USER_AGENTS, USER_AGENT_WEIGHTS, type AsnInfo, type AsnKind } from './catalog.js';
import { Rng } from './random.js';

export interface Account {
  id: string;
  org: string;
  email: string;
  card: string | null;
  created: number;
  keys: string[];
  /** Counters of what was actually written, for truth.json. */
  rows: number;
  exchanges: number;
}

export interface Endpoint {
  ip: string;
  asn: number;
  country: string;
}

/** One exchange (or a pre-aggregated bucket when n > 1) before serialisation. */
export interface Row {
  ts: number;
  acct: Account;
  key: string;
  model: string;
  inTok: number;
  outTok: number;
  n: number;
  ep: Endpoint;
  ua: string;
  prompt: string | null;
  /** System prompt text (hashed on output), or null. */
  sys: string | null;
  status: number;
  latency: number;
  maxTok: number;
  temp: number;
  topic: string;
}

export type Kind = 'campaign' | 'benign' | 'background';

export interface Population {
  readonly name: string;
  readonly kind: Kind;
  readonly accounts: Account[];
  /** Append the rows whose ts falls in [hour, hour + 1 h). */
  emit(hour: number, out: Row[]): void;
}

export interface RowSpec {
  ts: number;
  acct: Account;
  model: string;
  topic: string;
  prompt: string | null;
  sys: string | null;
  inTok: number;
  outTok: number;
  ep: Endpoint;
  ua: string;
  maxTok: number;
  temp: number;
  n?: number;
  /** Probability of a 429 (campaigns that hammer the API hit rate limits more). */
  throttle?: number;
}

/** Relative activity by local hour for people at work or study (night low, working day high). */
export const HUMAN_DAY = [0.12, 0.07, 0.05, 0.04, 0.04, 0.06, 0.14, 0.32, 0.6, 0.85, 0.95, 1, 0.92, 0.95, 1, 0.97, 0.9,
  0.78, 0.62, 0.55, 0.52, 0.45, 0.33, 0.2];

export class World {
  readonly start = DUMP_START;
  readonly end = DUMP_END;
  readonly hours = (DUMP_END - DUMP_START) / HOUR;
  /** When the new model goes on sale: a weekday afternoon (UTC) in the middle of the dump. */
  readonly release: number;
  private readonly prefixes = new Map<number, number[]>();
  private readonly byKind: Record<AsnKind, AsnInfo[]> = { residential: [], hosting: [], vpn: [] };
  private readonly usedIds = new Set<string>();

  constructor(readonly rng: Rng, readonly scale: number) {
    for (const a of ASNS) {
      this.byKind[a.kind].push(a);
      // A few /16 blocks per network; first octets avoid private and reserved space.
      const blocks: number[] = [];
      for (let i = rng.int(2, 6); i > 0; i--) blocks.push((rng.int(11, 223) << 8) | rng.int(0, 255));
      this.prefixes.set(a.asn, blocks);
    }
    let day = DUMP_START + rng.int(14, 34) * DAY;
    while ([0, 6].includes(new Date(day).getUTCDay())) day += DAY;
    this.release = day + rng.int(15, 19) * HOUR + rng.int(0, 59) * 60_000;
  }

  /** Accounts for a population: `base` at scale 1, scaled linearly (or by `power`), never below `floor`. */
  count(base: number, floor: number, power = 1): number {
    return Math.max(floor, Math.round(base * Math.pow(this.scale, power)));
  }

  id(prefix: string, hex: number): string {
    for (;;) {
      const id = prefix + this.rng.hex(hex);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  newCard(): string {
    return this.id('pm_', 16);
  }

  newOrg(): string {
    return this.id('org_', 12);
  }

  account(opts: { org?: string; email?: string; card?: string | null; created: number; keys?: number; rng: Rng }): Account {
    const keys: string[] = [];
    for (let i = opts.keys ?? 1; i > 0; i--) keys.push(this.id('key_', 12));
    return {
      id: this.id('acct_', 16),
      org: opts.org ?? this.newOrg(),
      email: opts.email ?? opts.rng.pick(FREE_MAIL),
      card: opts.card === undefined ? this.newCard() : opts.card,
      created: Math.floor(opts.created),
      keys,
      rows: 0,
      exchanges: 0,
    };
  }

  asns(kind: AsnKind, country?: string): AsnInfo[] {
    const all = this.byKind[kind];
    if (!country) return all;
    const local = all.filter((a) => a.country === country);
    return local.length ? local : all;
  }

  /** A random address inside one of the network's blocks. */
  endpoint(asn: AsnInfo, rng: Rng): Endpoint {
    const block = rng.pick(this.prefixes.get(asn.asn)!);
    return { ip: `${block >> 8}.${block & 255}.${rng.int(0, 255)}.${rng.int(1, 254)}`, asn: asn.asn, country: asn.country };
  }

  /** `n` addresses packed into a few /24s of the given networks, as proxy providers rent them. */
  pool(kind: AsnKind | AsnKind[], n: number, subnets: number, rng: Rng): Endpoint[] {
    const kinds = Array.isArray(kind) ? kind : [kind];
    const nets: { asn: AsnInfo; base: string }[] = [];
    for (let i = 0; i < subnets; i++) {
      const asn = rng.pick(this.asns(rng.pick(kinds)));
      const e = this.endpoint(asn, rng);
      nets.push({ asn, base: e.ip.slice(0, e.ip.lastIndexOf('.') + 1) });
    }
    const seen = new Set<string>();
    const out: Endpoint[] = [];
    while (out.length < n && seen.size < subnets * 254) {
      const net = rng.pick(nets);
      const ip = net.base + rng.int(1, 254);
      if (seen.has(ip)) continue;
      seen.add(ip);
      out.push({ ip, asn: net.asn.asn, country: net.asn.country });
    }
    return out;
  }

  userAgent(rng: Rng): string {
    return USER_AGENTS[rng.weighted(USER_AGENT_WEIGHTS)];
  }

  model(rng: Rng): string {
    return MODELS[rng.weighted(MODEL_WEIGHTS)];
  }

  /** Share of ordinary traffic on the new model: none before release, then adoption over about a week. */
  newModelShare(ts: number): number {
    if (ts < this.release) return 0;
    return Math.min(0.22, (0.22 * (ts - this.release)) / (8 * DAY));
  }

  newModel(): string {
    return NEW_MODEL;
  }

  /** Local-time activity factor for a person in UTC offset `tz`: hour of day and weekday. */
  humanFactor(ts: number, tz: number, weekend = 0.45): number {
    const local = ts + tz * HOUR;
    const h = Math.floor(local / HOUR) % 24;
    const dow = (Math.floor(local / DAY) + 4) % 7; // 1970-01-01 was a Thursday
    return HUMAN_DAY[(h + 24) % 24] * (dow === 0 || dow === 6 ? weekend : 1);
  }

  tz(country: string): number {
    return UTC_OFFSET[country] ?? 0;
  }

  /** Build a row: status and latency follow from the tokens and the population's rate-limit exposure. */
  row(s: RowSpec, rng: Rng): Row {
    const r = rng.next();
    const t = s.throttle ?? 0.006;
    const n = s.n ?? 1;
    // A pre-aggregated bucket reports its successful calls; single calls can fail.
    const status = n > 1 ? 200 : r < t ? 429 : r < t + 0.004 ? 500 : r < t + 0.006 ? 529 : 200;
    const ok = status === 200;
    const outTok = ok ? Math.min(s.outTok, s.maxTok * n) : 0;
    const latency = ok ? Math.round(250 + rng.range(6, 22) * outTok + 0.04 * s.inTok + rng.range(0, 400)) : Math.round(rng.range(20, 300));
    return {
      ts: s.ts,
      acct: s.acct,
      key: s.acct.keys.length === 1 ? s.acct.keys[0] : rng.pick(s.acct.keys),
      model: s.model,
      inTok: s.inTok,
      outTok,
      n,
      ep: s.ep,
      ua: s.ua,
      prompt: s.prompt,
      sys: s.sys,
      status,
      latency,
      maxTok: s.maxTok,
      temp: s.temp,
      topic: s.topic,
    };
  }
}

/** A time uniformly inside the hour. */
export function inHour(hour: number, rng: Rng): number {
  return hour + Math.floor(rng.next() * HOUR);
}

export function clampTok(x: number): number {
  return Math.max(1, Math.round(x));
}

export { DAY, HOUR };
