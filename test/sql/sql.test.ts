/**
 * `distill-forensics sql`: the DuckDB query is run for real on a fixture and compared, column by column,
 * with the Node path's feature table on the same file; the other dialects are pinned by golden files
 * (regenerate with UPDATE_GOLDEN=1) and parsed with node-sql-parser.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodeSqlParser from 'node-sql-parser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli.js';
import { HUB_CAP } from '../../src/cluster/graph.js';
import { renderSql } from '../../src/commands/sql.js';
import { TIME_SAMPLE_K } from '../../src/features/account-state.js';
import { TEMPLATE_KEY_CHARS } from '../../src/features/prompt-signals.js';
import { FEATURE_COLUMNS, type FeatureRow } from '../../src/features/columns.js';
import { DIALECTS, getDialect } from '../../src/sql/dialects.js';
import { CHAIN_OF_THOUGHT_SOURCE, INPUT_COLUMNS, linksQuery, RUBRIC_GRADING_SOURCE, SQL_COLUMNS } from '../../src/sql/feature-query.js';
import { parseTableName, renderTableName } from '../../src/sql/table-name.js';
import { featureRows, fixture, readRecords, tempDir } from '../helpers/ingest.js';

const LOGS = fixture('sql/logs.jsonl');
const { Parser } = nodeSqlParser;

/**
 * Load the canonical JSONL into DuckDB as the typed table the query expects. ts and account_created_at are
 * read as text and cast through TIMESTAMPTZ (session zone UTC), which accepts what the Node path's
 * parseTime accepts in this fixture: RFC 3339 with any fraction and any offset, and "YYYY-MM-DD HH:MM:SS"
 * as UTC; anything else becomes NULL and the row is dropped, as Node rejects it (bad_ts / missing_ts).
 * Loose numbers (latency_ms, max_tokens, temperature) that do not parse become NULL, as Node drops them.
 */
async function loadLogs(conn: DuckDBConnection, file: string): Promise<void> {
  const text = ['ts', 'account_id', 'org_id', 'api_key_id', 'model', 'ip', 'asn', 'country', 'user_agent', 'payment_fingerprint',
    'account_created_at', 'email_domain', 'prompt', 'prompt_hash', 'system_prompt_hash', 'status', 'topic', 'latency_ms', 'max_tokens', 'temperature'];
  const ints = ['input_tokens', 'output_tokens', 'request_count'];
  const columns = [...text.map((c) => `${c}: 'VARCHAR'`), ...ints.map((c) => `${c}: 'BIGINT'`)].join(', ');
  const time = (c: string): string => `TRY_CAST(TRY_CAST(${c} AS TIMESTAMPTZ) AS TIMESTAMP) AS ${c}`;
  const casts: Record<string, string> = {
    ts: time('ts'),
    account_created_at: time('account_created_at'),
    latency_ms: 'TRY_CAST(latency_ms AS DOUBLE) AS latency_ms',
    max_tokens: 'TRY_CAST(max_tokens AS DOUBLE) AS max_tokens',
    temperature: 'TRY_CAST(temperature AS DOUBLE) AS temperature',
  };
  await conn.run(`SET TimeZone = 'UTC'`);
  await conn.run(`CREATE TABLE raw_logs AS SELECT * FROM read_json('${file.replaceAll("'", "''")}', format = 'newline_delimited', columns = {${columns}})`);
  await conn.run(`CREATE VIEW logs AS SELECT ${INPUT_COLUMNS.map((c) => casts[c] ?? c).join(', ')} FROM raw_logs`);
}

function plain(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

function sameValue(node: unknown, sql: unknown): boolean {
  if (node === sql) return true;
  if (typeof node === 'number' && typeof sql === 'number') return Math.abs(node - sql) <= 1e-9 * Math.max(1, Math.abs(node));
  return false;
}

let db: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
  await loadLogs(conn, LOGS);
});

afterAll(() => {
  conn?.closeSync();
  db?.closeSync();
});

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
}

describe('sql: DuckDB features equal the Node path', () => {
  let node: FeatureRow[];
  let sql: Record<string, unknown>[];

  beforeAll(async () => {
    node = (await featureRows({ inputs: [LOGS] })).rows;
    sql = await query(renderSql({ dialect: 'duckdb' }));
  });

  it('has one row per account, in the same order, with the feature columns in their order', () => {
    expect(sql.map((r) => r.account_id)).toEqual(node.map((r) => r.account_id));
    expect(node.length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(sql[0])).toEqual(FEATURE_COLUMNS.map((c) => c.name));
  });

  it('agrees on every exact column', () => {
    const exact = FEATURE_COLUMNS.filter((c) => SQL_COLUMNS[c.name].fidelity === 'exact');
    const diffs: string[] = [];
    node.forEach((n, i) => {
      for (const c of exact) if (!sameValue(n[c.name], sql[i][c.name])) diffs.push(`${n.account_id}.${c.name}: node ${JSON.stringify(n[c.name])}, sql ${JSON.stringify(sql[i][c.name])}`);
    });
    expect(diffs).toEqual([]);
  });

  it('agrees on the approximate (text) columns too, on this fixture (ASCII, NBSP, and emoji at a template key\'s cut)', () => {
    const approx = FEATURE_COLUMNS.filter((c) => SQL_COLUMNS[c.name].fidelity === 'approximate');
    expect(approx.map((c) => c.name)).toEqual(['distinct_prompts', 'distinct_templates', 'top_template_share', 'cot_share', 'rubric_share', 'top_templates']);
    node.forEach((n, i) => {
      for (const c of approx) expect(sql[i][c.name], `${n.account_id}.${c.name}`).toEqual(n[c.name]);
    });
  });

  it('exercises what it claims: ties, buckets, absent values, text signals', () => {
    const row = (id: string): FeatureRow => node.find((r) => r.account_id === id)!;
    // four IPs tied at 13 exchanges: the smallest value wins; '1024' < '512' as strings, as in ValueCounter
    expect(row('acct_alpha')).toMatchObject({ top_ip: '198.51.100.9', top_ip_share: 0.25, top_max_tokens: 1024, distinct_templates: 9 });
    expect((row('acct_alpha').cot_share as number) > 0 && (row('acct_alpha').rubric_share as number) > 0).toBe(true);
    expect(row('acct_beta')).toMatchObject({ exchanges: 171, rows: 36, distinct_system_prompts: 2, cot_share: null });
    expect(row('acct_gamma')).toMatchObject({ top_model: 'm-alpha', model_mix: 'm-alpha=0.5;m-zeta=0.5', org_id: null, distinct_user_agents: 0 });
    expect(row('acct_eps').model_first_use).toBe('m-a=2026-05-01T00:00:00.000Z;m-b=2026-05-01T00:00:00.000Z');
    expect(row('acct_delta')).toMatchObject({ interarrival_median_s: null, weekend_share: 1 });
    // Template keys cut at TEMPLATE_KEY_CHARS code points; two prompts alike in their first 200 share one.
    const keys = (JSON.parse(row('acct_longkeys').top_templates as string) as string[]).map((k) => [...k].length);
    expect(keys).toEqual([TEMPLATE_KEY_CHARS, TEMPLATE_KEY_CHARS, TEMPLATE_KEY_CHARS]);
    expect(row('acct_longkeys')).toMatchObject({ distinct_templates: 3, top_template_share: 0.5 });
  });
});

describe('sql: DuckDB features on the demo dump (31k exchanges, 655 accounts)', () => {
  /** Columns whose Node value is a sketch past k distinct values, with the SQL column that counts them. */
  const SKETCHED: Record<string, [string, number]> = {
    distinct_ips: ['distinct_ips', 64], top_ip: ['distinct_ips', 64], top_ip_share: ['distinct_ips', 64],
    distinct_ip_prefixes: ['distinct_ip_prefixes', 64], distinct_asns: ['distinct_asns', 64], top_asn: ['distinct_asns', 64],
    distinct_countries: ['distinct_countries', 32], top_country: ['distinct_countries', 32],
    distinct_user_agents: ['distinct_user_agents', 32], top_user_agent: ['distinct_user_agents', 32],
    distinct_api_keys: ['distinct_api_keys', 32], distinct_models: ['distinct_models', 64], top_model: ['distinct_models', 64],
    top_model_share: ['distinct_models', 64], model_mix: ['distinct_models', 64],
    distinct_system_prompts: ['distinct_system_prompts', 32], top_system_prompt_share: ['distinct_system_prompts', 32],
    distinct_payment_fingerprints: ['distinct_payment_fingerprints', 8], payment_fingerprint: ['distinct_payment_fingerprints', 8],
    distinct_prompts: ['distinct_prompts', 64], distinct_templates: ['distinct_templates', 64], top_template_share: ['distinct_templates', 64],
    top_ips: ['distinct_ips', 64], top_ip_prefixes: ['distinct_ip_prefixes', 64], top_user_agents: ['distinct_user_agents', 32],
    top_api_keys: ['distinct_api_keys', 32], top_system_prompts: ['distinct_system_prompts', 32],
    top_payment_fingerprints: ['distinct_payment_fingerprints', 8], top_templates: ['distinct_templates', 64],
  };

  it('agrees on every column except where the Node path has passed a sketch limit', async () => {
    const demo = fixture('demo/logs.jsonl.gz');
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    try {
      await loadLogs(c, demo);
      const read = async (q: string) => (await c.runAndReadAll(q)).getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
      const sql = await read(renderSql({ dialect: 'duckdb' }));
      const seconds = new Map((await read(`SELECT account_id, COUNT(DISTINCT epoch_ms(ts) // 1000) AS n FROM logs GROUP BY account_id`)).map((r) => [r.account_id, r.n as number]));
      const node = (await featureRows({ inputs: [demo] })).rows;
      expect(sql.map((r) => r.account_id)).toEqual(node.map((r) => r.account_id));
      const unexplained: string[] = [];
      let pastLimit = 0;
      node.forEach((n, i) => {
        for (const { name } of FEATURE_COLUMNS) {
          if (sameValue(n[name], sql[i][name])) continue;
          const sketch = SKETCHED[name];
          const past = name.startsWith('interarrival_')
            ? seconds.get(n.account_id)! > TIME_SAMPLE_K
            : sketch !== undefined && (sql[i][sketch[0]] as number) > sketch[1];
          if (past) pastLimit++;
          else unexplained.push(`${n.account_id}.${name}: node ${JSON.stringify(n[name])}, sql ${JSON.stringify(sql[i][name])}`);
        }
      });
      expect(unexplained).toEqual([]);
      expect(pastLimit).toBeGreaterThan(0); // the dump does reach the limits, so the exemption is exercised
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  });
});

describe('sql: link candidates', () => {
  /** The pairs the query must return, computed from the Node path's accepted records. */
  async function expectedLinks(hubCap: number) {
    const { records } = await readRecords({ inputs: [LOGS] });
    const holders = new Map<string, Set<string>>();
    for (const r of records) {
      for (const [kind, value] of [['payment', r.payment_fingerprint], ['api_key', r.api_key_id], ['ip', r.ip]] as const) {
        if (value === null) continue;
        const key = `${kind}\u0000${value}`;
        if (!holders.has(key)) holders.set(key, new Set());
        holders.get(key)!.add(r.account_id);
      }
    }
    const out: { account_a: string; account_b: string; kind: string; value: string; holders: number }[] = [];
    for (const [key, set] of holders) {
      if (set.size < 2 || set.size > hubCap) continue;
      const [kind, value] = key.split('\u0000');
      const ids = [...set].sort();
      for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.push({ account_a: ids[i], account_b: ids[j], kind, value, holders: set.size });
    }
    const k = (r: (typeof out)[number]): string => [r.account_a, r.account_b, r.kind, r.value].join('\u0000');
    return out.sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
  }

  it('returns every pair sharing a payment fingerprint, API key or IP, with holder counts', async () => {
    const rows = await query(renderSql({ dialect: 'duckdb', links: true }));
    const expected = await expectedLinks(HUB_CAP);
    expect(rows).toEqual(expected);
    expect(expected.map((r) => `${r.kind}:${r.value}:${r.holders}`)).toEqual(expect.arrayContaining(['payment:pf_shared:2', 'ip:203.0.113.99:3', 'api_key:key_shared:2']));
  });

  it('skips values held by more accounts than the hub cap', async () => {
    const rows = await query(linksQuery({ dialect: getDialect('duckdb'), table: parseTableName('logs'), hubCap: 2 }));
    expect(rows).toEqual(await expectedLinks(2));
    expect(rows.some((r) => r.value === '203.0.113.99')).toBe(false);
    expect(() => linksQuery({ dialect: getDialect('duckdb'), table: parseTableName('logs'), hubCap: 1 })).toThrow(/hub cap/);
  });
});

describe('sql: golden files and parsing', () => {
  const golden = (dialect: string, links: boolean): string => fixture(`sql/${dialect}${links ? '.links' : ''}.sql`);

  it.each(DIALECTS.flatMap((d) => [[d, false], [d, true]] as const))('%s (links: %s) matches its golden file', (dialect, links) => {
    const sql = renderSql({ dialect, links });
    const path = golden(dialect, links);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, sql);
    expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(sql).toBe(readFileSync(path, 'utf8'));
  });

  /**
   * node-sql-parser has no Spark grammar: Spark SQL is parsed with its Hive grammar, the closest it has
   * (Spark SQL descends from HiveQL). The Spark query is written so that this grammar accepts it: no
   * lambdas, no `div`, no field access on a function result (valid Spark, rejected by the Hive grammar).
   * Likewise the BigQuery query avoids ORDER BY inside aggregates (valid GoogleSQL, rejected by the
   * parser's BigQuery grammar) by sorting with ARRAY(SELECT … ORDER BY …).
   */
  const PARSERS = { spark: 'Hive', trino: 'Trino', bigquery: 'BigQuery' } as const;

  it.each(Object.entries(PARSERS))('the %s queries parse (node-sql-parser database %s)', (dialect, database) => {
    const parser = new Parser();
    for (const [links, columns] of [[false, FEATURE_COLUMNS.length], [true, 5]] as const) {
      const ast = parser.astify(renderSql({ dialect, links }), { database });
      const stmt = (Array.isArray(ast) ? ast : [ast]) as unknown as { type: string; columns: unknown[]; with: unknown[] | null }[];
      expect(stmt).toHaveLength(1);
      expect(stmt[0].type).toBe('select');
      expect(stmt[0].columns).toHaveLength(columns);
      expect(stmt[0].with?.length).toBeGreaterThan(2);
    }
  });

  it('computes every feature column (none absent) and documents the others', () => {
    expect(Object.keys(SQL_COLUMNS).sort()).toEqual(FEATURE_COLUMNS.map((c) => c.name).sort());
    for (const [name, c] of Object.entries(SQL_COLUMNS)) {
      expect(c.fidelity, name).not.toBe('absent');
      if (c.fidelity === 'approximate') expect(c.note, name).toBeTruthy();
    }
    const doc = readFileSync(new URL('../../docs/distributed.md', import.meta.url), 'utf8');
    for (const [name, c] of Object.entries(SQL_COLUMNS)) if (c.note || c.fidelity !== 'exact') expect(doc, name).toContain(`\`${name}\``);
  });

  it('uses the chain-of-thought and rubric patterns of prompt-signals.ts verbatim', () => {
    const source = readFileSync(new URL('../../src/features/prompt-signals.ts', import.meta.url), 'utf8');
    const literal = (name: string): string => new RegExp(`const ${name} =\\s*/(.*)/i;`).exec(source)![1];
    expect(CHAIN_OF_THOUGHT_SOURCE).toBe(literal('CHAIN_OF_THOUGHT'));
    expect(RUBRIC_GRADING_SOURCE).toBe(literal('RUBRIC_GRADING'));
  });
});

describe('sql: --table', () => {
  it.each([
    ['logs', { duckdb: 'logs', spark: 'logs', trino: 'logs', bigquery: 'logs' }],
    ['lake.ai.api_logs', { duckdb: 'lake.ai.api_logs', spark: 'lake.ai.api_logs', trino: 'lake.ai.api_logs', bigquery: 'lake.ai.api_logs' }],
    ['"my logs"', { duckdb: '"my logs"', spark: '`my logs`', trino: '"my logs"', bigquery: '`my logs`' }],
    ['my-project.ds.logs', { duckdb: '"my-project".ds.logs', spark: '`my-project`.ds.logs', trino: '"my-project".ds.logs', bigquery: '`my-project`.ds.logs' }],
    ['`my-project.ds.logs`', { duckdb: '"my-project.ds.logs"', spark: '`my-project.ds.logs`', trino: '"my-project.ds.logs"', bigquery: '`my-project.ds.logs`' }],
    ['cat."Sch ema".t_1', { duckdb: 'cat."Sch ema".t_1', spark: 'cat.`Sch ema`.t_1', trino: 'cat."Sch ema".t_1', bigquery: 'cat.`Sch ema`.t_1' }],
  ])('accepts %s', (name, rendered) => {
    const table = parseTableName(name);
    for (const d of DIALECTS) {
      expect(renderTableName(table, getDialect(d))).toBe(rendered[d]);
      expect(renderSql({ dialect: d, table: name })).toContain(`FROM ${rendered[d]}\n`);
    }
  });

  it.each([
    '', 'logs; DROP TABLE accounts', 'logs --', "logs'", 'a..b', 'a.', '.a', 'a b', '"unterminated', '"a"b"', '"a`b"', '`a"b`',
    '"a\\"b"', '"line\nbreak"', '"tab\there"', 'a.b.c.d.e', 'logs/*', 'x'.repeat(513), '"a"."', '(SELECT 1)',
  ])('refuses %j', (name) => {
    expect(() => parseTableName(name)).toThrow(/^--table .*expected a table name/);
  });
});

describe('sql: the CLI command', () => {
  async function cli(args: string[]) {
    let stdout = '';
    let stderr = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string, cb?: () => void) => {
      stdout += chunk;
      cb?.();
      return true;
    }) as typeof process.stdout.write);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string) => {
      stderr += chunk;
      return true;
    }) as typeof process.stderr.write);
    const saved = process.exitCode;
    try {
      const code = await run(args);
      return { code, stdout, stderr };
    } finally {
      out.mockRestore();
      err.mockRestore();
      process.exitCode = saved;
    }
  }

  it('prints the query, or writes it with --out', async () => {
    const r = await cli(['sql', '--dialect', 'trino', '--table', 'hive.ai.logs']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(renderSql({ dialect: 'trino', table: 'hive.ai.logs' }));
    const links = await cli(['sql', '--dialect', 'bigquery', '--links']);
    expect(links.stdout).toBe(renderSql({ dialect: 'bigquery', links: true }));
    const path = join(tempDir(), 'q.sql');
    const w = await cli(['sql', '--dialect', 'spark', '--out', path]);
    expect(w.code).toBe(0);
    expect(w.stdout).toBe('');
    expect(readFileSync(path, 'utf8')).toBe(renderSql({ dialect: 'spark' }));
  });

  it.each([
    [['sql', '--dialect', 'duckdb', '--table', 'logs; DROP TABLE x'], /--table "logs; DROP TABLE x": 'logs; DROP TABLE x' is not an identifier/],
    [['sql', '--dialect', 'duckdb', '--table', '"a"b"'], /--table/],
    [['sql', '--dialect', 'oracle'], /--dialect/],
    [['sql'], /--dialect/],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
