import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, readFileSync, existsSync, readdirSync, createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { parse } from 'csv-parse/sync';
import { simulate, readTruth, type SimulateOptions } from '../../src/simulate/index.js';

const SMALL = 0.005;
const made: string[] = [];
const fresh = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
  made.push(dir);
  return dir;
};
// Dumps at the default scale are ~850 MB: never leave them behind.
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
const run = async (opts: Omit<SimulateOptions, 'out'>): Promise<string> => {
  const out = fresh();
  await simulate({ out, scale: SMALL, ...opts });
  return out;
};
const jsonl = (dir: string): Record<string, unknown>[] =>
  readFileSync(join(dir, 'logs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

const CAMPAIGNS = ['hydra', 'lockstep-grader', 'agentic-pathways', 'model-pivot', 'residential-swarm'];
const BENIGN = ['synthetic-data-company', 'eval-runner', 'support-bot', 'university-class', 'enterprise-nat', 'reseller', 'ci-bot-fleet'];

describe('simulate', () => {
  let base: string;
  let rows: Record<string, unknown>[];
  beforeAll(async () => {
    base = await run({ seed: 7, formats: ['jsonl', 'csv', 'arrow'] });
    rows = jsonl(base);
  });

  it('is deterministic per seed and differs between seeds', async () => {
    const again = await run({ seed: 7, formats: ['jsonl', 'csv', 'arrow'] });
    for (const f of ['logs.jsonl', 'logs.csv', 'logs.arrow', 'truth.json', 'labels.csv']) {
      expect(readFileSync(join(again, f)).equals(readFileSync(join(base, f))), f).toBe(true);
    }
    const other = await run({ seed: 8 });
    expect(readFileSync(join(other, 'logs.jsonl')).equals(readFileSync(join(base, 'logs.jsonl')))).toBe(false);
    expect(readTruth(other).groups.map((g) => g.accounts.length)).not.toEqual(readTruth(base).groups.map((g) => g.accounts.length));
  });

  it('writes truth whose totals equal the sums over the written rows', () => {
    const truth = readTruth(base);
    const byAccount = new Map<string, { ex: number; rows: number }>();
    for (const r of rows) {
      const a = byAccount.get(r.account_id as string) ?? { ex: 0, rows: 0 };
      a.ex += r.request_count as number;
      a.rows++;
      byAccount.set(r.account_id as string, a);
    }
    let grouped = 0;
    for (const g of truth.groups) {
      expect(g.accounts.every((a) => byAccount.has(a)), g.id).toBe(true);
      expect(g.accounts.reduce((s, a) => s + byAccount.get(a)!.ex, 0), g.id).toBe(g.exchanges);
      expect(g.accounts.reduce((s, a) => s + byAccount.get(a)!.rows, 0), g.id).toBe(g.rows);
      grouped += g.accounts.length;
    }
    expect(grouped + truth.background.accounts).toBe(byAccount.size);
    const total = rows.reduce((s, r) => s + (r.request_count as number), 0);
    expect(truth.groups.reduce((s, g) => s + g.exchanges, 0) + truth.background.exchanges).toBe(total);
    expect(truth.time_range.first).toBe(rows[0].ts);
    expect(truth.time_range.last).toBe(rows[rows.length - 1].ts);
    const labels = readFileSync(join(base, 'labels.csv'), 'utf8').trim().split('\n');
    expect(labels[0]).toBe('account_id,group,kind,population');
    expect(labels.length - 1).toBe(byAccount.size);
  });

  it('holds every population, sorted rows, look-alike ids and the new model first used by benign accounts', () => {
    const truth = readTruth(base);
    expect(truth.groups.filter((g) => g.kind === 'campaign').map((g) => g.population)).toEqual(CAMPAIGNS);
    expect(truth.groups.filter((g) => g.kind === 'benign').map((g) => g.population)).toEqual(BENIGN);
    for (const g of truth.groups) expect(g.accounts.length, g.id).toBeGreaterThan(0);
    for (const g of truth.groups.filter((x) => x.kind === 'campaign')) expect(g.accounts.length, g.id).toBeGreaterThanOrEqual(28);
    expect(truth.background.accounts).toBeGreaterThan(300);
    for (let i = 1; i < rows.length; i++) expect((rows[i].ts as string) >= (rows[i - 1].ts as string)).toBe(true);
    expect(rows.every((r) => /^acct_[0-9a-f]{16}$/.test(r.account_id as string))).toBe(true);
    // the new model appears first for a few background accounts, then the pivot campaign follows within a day
    const campaign = new Set(truth.groups.filter((g) => g.kind === 'campaign').flatMap((g) => g.accounts));
    const onNew = rows.filter((r) => r.model === truth.new_model.model);
    expect(onNew[0].ts).toBe(truth.new_model.first_seen);
    expect(campaign.has(onNew[0].account_id as string)).toBe(false);
    const pivot = new Set(truth.groups.find((g) => g.id === 'model-pivot')!.accounts);
    const firstPivot = onNew.find((r) => pivot.has(r.account_id as string))!;
    const lag = Date.parse(firstPivot.ts as string) - Date.parse(truth.new_model.first_seen!);
    expect(lag).toBeGreaterThan(0);
    expect(lag).toBeLessThan(24 * 3_600_000);
    // support bot rows are pre-aggregated
    const bot = new Set(truth.groups.find((g) => g.id === 'support-bot')!.accounts);
    expect(rows.some((r) => bot.has(r.account_id as string) && (r.request_count as number) > 1)).toBe(true);
    // the hydra shares few cards across many orgs
    const hydra = new Set(truth.groups.find((g) => g.id === 'hydra')!.accounts);
    const cards = new Set<string>();
    const orgs = new Set<string>();
    for (const r of rows) if (hydra.has(r.account_id as string)) { cards.add(r.payment_fingerprint as string); orgs.add(r.org_id as string); }
    expect(orgs.size).toBe(hydra.size);
    expect(cards.size).toBeLessThan(hydra.size * 0.5);
  });

  it('holds the same rows in JSONL, CSV and Arrow', () => {
    const csv = parse(readFileSync(join(base, 'logs.csv')), { columns: true }) as Record<string, string>[];
    const table = tableFromIPC(readFileSync(join(base, 'logs.arrow')));
    expect(csv.length).toBe(rows.length);
    expect(table.numRows).toBe(rows.length);
    expect(table.schema.fields.find((f) => f.name === 'ts')!.type.toString()).toMatch(/Timestamp/);
    const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : String(v));
    const names = table.schema.fields.map((f) => f.name);
    expect(Object.keys(csv[0])).toEqual(names);
    const step = Math.max(1, Math.floor(rows.length / 3000));
    for (let i = 0; i < rows.length; i += step) {
      const row = table.get(i)!.toJSON() as Record<string, unknown>;
      for (const n of names) {
        const want = text(rows[i][n]);
        const fromArrow = n === 'ts' || n === 'account_created_at' ? new Date(Number(row[n])).toISOString() : text(row[n]);
        expect(csv[i][n], `${n} row ${i} csv`).toBe(want);
        expect(fromArrow, `${n} row ${i} arrow`).toBe(want);
      }
    }
  });

  it('--metadata-only, --split-accounts and --no-billing drop or move the right fields', async () => {
    const meta = await run({ seed: 7, metadataOnly: true });
    const m = jsonl(meta);
    expect(m.length).toBe(rows.length);
    expect(m.some((r) => 'prompt' in r || 'prompt_hash' in r || 'system_prompt_hash' in r)).toBe(false);
    expect(rows.some((r) => 'prompt' in r)).toBe(true);

    const split = await run({ seed: 7, splitAccounts: true });
    const s = jsonl(split);
    expect(s.some((r) => 'payment_fingerprint' in r || 'org_id' in r || 'email_domain' in r || 'account_created_at' in r)).toBe(false);
    const accounts = parse(readFileSync(join(split, 'accounts.csv')), { columns: true }) as Record<string, string>[];
    expect(Object.keys(accounts[0])).toEqual(['account_id', 'org_id', 'payment_fingerprint', 'account_created_at', 'email_domain']);
    const byId = new Map(accounts.map((a) => [a.account_id, a]));
    for (const r of rows.slice(0, 2000)) {
      const a = byId.get(r.account_id as string)!;
      expect(a.org_id).toBe(r.org_id);
      expect(a.payment_fingerprint).toBe(r.payment_fingerprint ?? '');
      expect(a.account_created_at).toBe(r.account_created_at);
      expect(a.email_domain).toBe(r.email_domain);
    }

    const nob = await run({ seed: 7, noBilling: true });
    const n = jsonl(nob);
    expect(n.some((r) => 'payment_fingerprint' in r || 'email_domain' in r || 'account_created_at' in r)).toBe(false);
    expect(existsSync(join(nob, 'accounts.csv'))).toBe(false);
    expect(readdirSync(nob).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('produces about a million rows or more at the default scale', async () => {
    const out = fresh();
    let progress = 0;
    const summary = await simulate({ out, onProgress: (r) => (progress = r) });
    let lines = 0;
    for await (const _ of createInterface({ input: createReadStream(join(out, 'logs.jsonl')) })) lines++;
    expect(lines).toBe(summary.rows);
    expect(progress).toBe(summary.rows);
    expect(lines).toBeGreaterThan(900_000);
    expect(lines).toBeLessThan(3_000_000);
    // 28.8M hydra exchanges × 0.016
    expect(readTruth(out).groups.find((g) => g.id === 'hydra')!.exchanges).toBeGreaterThan(0.4e6);
  }, 300_000);
});
