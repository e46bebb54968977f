/**
 * `simulate`: a red-team log dump with injected distillation campaigns, legitimate look-alikes and a
 * heavy-tailed background, plus ground truth. Generated one hour at a time and written as it goes, so
 * memory stays bounded at any scale; deterministic per seed (all randomness from one seeded PRNG).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { HOUR } from './catalog.js';
import { Background } from './populations/background.js';
import { EnterpriseNat, Reseller, UniversityClass } from './populations/groups.js';
import { Hydra } from './populations/hydra.js';
import { Lockstep } from './populations/lockstep.js';
import { Pathways } from './populations/pathways.js';
import { Pivot } from './populations/pivot.js';
import { CiFleet, EvalRunner, SupportBot, SyntheticData } from './populations/services.js';
import { Swarm } from './populations/swarm.js';
import { Rng } from './random.js';
import { readTruth, type Truth, type TruthGroup } from './truth.js';
import { TextCache, openWriter, type Format, type Layout, type Slice, type SliceWriter } from './writers.js';
import { World, type Account, type Population, type Row } from './world.js';

export { readTruth, type Truth, type TruthGroup };
export type { Format };

export interface SimulateOptions {
  /** Output directory, created if missing. */
  out: string;
  /** 1 = full size (the 25,000-account hydra and the rest, ~62M rows); default 0.016 ≈ 1M rows. */
  scale?: number;
  seed?: number;
  formats?: Format[];
  /** Drop prompt, prompt_hash, system_prompt_hash. */
  metadataOnly?: boolean;
  /** Move org/payment/creation/email out of the logs into accounts.csv. */
  splitAccounts?: boolean;
  /** Drop payment/creation/email altogether. */
  noBilling?: boolean;
  onProgress?(rows: number): void;
}

export interface SimulateSummary {
  out: string;
  files: string[];
  rows: number;
  exchanges: number;
  accounts: number;
  seconds: number;
  truth: Truth;
}

const LOG_NAMES: Record<Format, string> = { jsonl: 'logs.jsonl', csv: 'logs.csv', arrow: 'logs.arrow' };

function populations(w: World, rng: Rng): Population[] {
  // Construction order fixes the draw order, hence the bytes; append new populations at the end.
  const makers: ((w: World, r: Rng) => Population)[] = [
    (w, r) => new Background(w, r),
    (w, r) => new Hydra(w, r),
    (w, r) => new Lockstep(w, r),
    (w, r) => new Pathways(w, r),
    (w, r) => new Pivot(w, r),
    (w, r) => new Swarm(w, r),
    (w, r) => new SyntheticData(w, r),
    (w, r) => new EvalRunner(w, r),
    (w, r) => new SupportBot(w, r),
    (w, r) => new UniversityClass(w, r),
    (w, r) => new EnterpriseNat(w, r),
    (w, r) => new Reseller(w, r),
    (w, r) => new CiFleet(w, r),
  ];
  return makers.map((make, i) => make(w, rng.fork(100 + i)));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** RFC3339 with ms for an instant in the hour starting at `hour` (prefix "YYYY-MM-DDTHH:"), without a Date per row. */
function isoInHour(prefix: string, hour: number, ms: number): string {
  const off = ms - hour;
  const m = Math.floor(off / 60_000);
  const rest = off - m * 60_000;
  const sec = Math.floor(rest / 1000);
  return `${prefix}${pad2(m)}:${pad2(sec)}.${pad3(rest - sec * 1000)}Z`;
}

export async function simulate(options: SimulateOptions): Promise<SimulateSummary> {
  const t0 = performance.now();
  const scale = options.scale ?? 0.016;
  const seed = options.seed ?? 1;
  const formats = [...new Set<Format>(options.formats ?? ['jsonl'])];
  for (const f of formats) if (!(f in LOG_NAMES)) throw new UsageError(`unknown format ${String(f)} (jsonl, csv, arrow)`);
  if (!(scale > 0 && scale <= 10)) throw new UsageError(`--scale must be in (0, 10], got ${scale}`);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got ${seed}`);
  const layout: Layout = {
    org: !(options.splitAccounts && !options.noBilling),
    billing: !options.splitAccounts && !options.noBilling,
    prompts: !options.metadataOnly,
  };
  await mkdir(options.out, { recursive: true });

  const root = new Rng(seed);
  const world = new World(root.fork(1), scale);
  const pops = populations(world, root.fork(2));
  const ids = root.fork(3);
  const texts = new TextCache();
  const createdIso = new Map<Account, string>();

  const writers: SliceWriter[] = [];
  let rows = 0;
  let exchanges = 0;
  let first: number | null = null;
  let last: number | null = null;
  let newModelSeen: number | null = null;
  const newModel = world.newModel();
  try {
    for (const f of formats) writers.push(await openWriter(join(options.out, LOG_NAMES[f]), f, layout));
    for (let hour = world.start; hour < world.end; hour += HOUR) {
      const batch: Row[] = [];
      for (const p of pops) p.emit(hour, batch);
      // Populations emit inside the hour; clamping guards the file order against an edge case slipping through.
      for (const r of batch) if (r.ts < hour || r.ts >= hour + HOUR) r.ts = Math.min(hour + HOUR - 1, Math.max(hour, r.ts));
      batch.sort((a, b) => a.ts - b.ts);
      const slice: Slice = { rows: batch, ts: [], created: [], requestId: [], prompt: [], sys: [], ua: [] };
      const prefix = iso(hour).slice(0, 14);
      for (const r of batch) {
        slice.ts.push(r.ts >= hour && r.ts < hour + HOUR ? isoInHour(prefix, hour, r.ts) : iso(r.ts));
        let c = createdIso.get(r.acct);
        if (c === undefined) createdIso.set(r.acct, (c = iso(r.acct.created)));
        slice.created.push(c);
        slice.requestId.push(`req_${ids.hex(20)}`);
        slice.prompt.push(layout.prompts && r.prompt !== null ? texts.get(r.prompt) : null);
        slice.sys.push(layout.prompts && r.sys !== null ? texts.get(r.sys) : null);
        slice.ua.push(texts.get(r.ua));
        r.acct.rows++;
        r.acct.exchanges += r.n;
        exchanges += r.n;
        if (newModelSeen === null && r.model === newModel) newModelSeen = r.ts;
      }
      if (batch.length) {
        first ??= batch[0].ts;
        last = batch[batch.length - 1].ts;
      }
      for (const w of writers) await w.write(slice);
      rows += batch.length;
      options.onProgress?.(rows);
    }
    for (const w of writers) await w.commit();
  } catch (err) {
    for (const w of writers) await w.abort();
    throw err;
  }

  const truth = buildTruth(pops, { seed, scale, first, last, newModel, newModelSeen, formats, options });
  await writeFileAtomic(join(options.out, 'truth.json'), (write) => write(`${JSON.stringify(truth, null, 1)}\n`));
  await writeFileAtomic(join(options.out, 'labels.csv'), async (write) => {
    let buf = 'account_id,group,kind,population\n';
    for (const p of pops) {
      for (const a of p.accounts) {
        if (a.rows === 0) continue;
        buf += `${a.id},${p.name},${p.kind},${p.name}\n`;
        if (buf.length > 1 << 20) {
          await write(buf);
          buf = '';
        }
      }
    }
    await write(buf);
  });
  const files = writers.map((w) => w.path).concat([join(options.out, 'truth.json'), join(options.out, 'labels.csv')]);
  if (options.splitAccounts && !options.noBilling) {
    const path = join(options.out, 'accounts.csv');
    await writeFileAtomic(path, async (write) => {
      let buf = 'account_id,org_id,payment_fingerprint,account_created_at,email_domain\n';
      for (const p of pops) {
        for (const a of p.accounts) {
          if (a.rows === 0) continue;
          buf += `${a.id},${a.org},${a.card ?? ''},${iso(a.created)},${a.email}\n`;
          if (buf.length > 1 << 20) {
            await write(buf);
            buf = '';
          }
        }
      }
      await write(buf);
    });
    files.push(path);
  }
  const accounts = pops.reduce((s, p) => s + p.accounts.filter((a) => a.rows > 0).length, 0);
  return { out: options.out, files, rows, exchanges, accounts, seconds: (performance.now() - t0) / 1000, truth };
}

function buildTruth(
  pops: Population[],
  m: { seed: number; scale: number; first: number | null; last: number | null; newModel: string; newModelSeen: number | null; formats: Format[]; options: SimulateOptions },
): Truth {
  const groups: TruthGroup[] = [];
  const background = { accounts: 0, exchanges: 0, rows: 0 };
  for (const p of pops) {
    const active = p.accounts.filter((a) => a.rows > 0);
    const exchanges = active.reduce((s, a) => s + a.exchanges, 0);
    const rows = active.reduce((s, a) => s + a.rows, 0);
    if (p.kind === 'background') {
      background.accounts += active.length;
      background.exchanges += exchanges;
      background.rows += rows;
      continue;
    }
    groups.push({ id: p.name, kind: p.kind, population: p.name, accounts: active.map((a) => a.id).sort(), exchanges, rows });
  }
  return {
    seed: m.seed,
    scale: m.scale,
    time_range: { first: m.first === null ? null : iso(m.first), last: m.last === null ? null : iso(m.last) },
    groups,
    background,
    new_model: { model: m.newModel, first_seen: m.newModelSeen === null ? null : iso(m.newModelSeen) },
    options: { formats: m.formats, metadata_only: !!m.options.metadataOnly, split_accounts: !!m.options.splitAccounts, no_billing: !!m.options.noBilling },
  };
}
