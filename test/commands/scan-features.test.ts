/**
 * `scan --features FILE`: a feature table made by `features` or by the SQL query in an engine (DuckDB here)
 * gives the clusters that scanning the logs gives, in every table format; bad tables fail in one line.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderSql } from '../../src/commands/sql.js';
import { INPUT_COLUMNS } from '../../src/sql/feature-query.js';
import { cli, expectOneLineError } from '../helpers/cli.js';
import { fixture, tempDir } from '../helpers/ingest.js';

const DEMO = fixture('demo/logs.jsonl.gz');
const dir = tempDir();
const at = (name: string): string => join(dir, name);

interface Cluster {
  severity: string;
  score: number;
  accounts: string[];
  exchanges: number;
  evidence: { signal: string }[];
  detail?: unknown;
}
interface JsonReport {
  input: { files: string[]; records: number; rejected: number; rejected_by_reason: Record<string, number>; accounts: number };
  clusters: Cluster[];
}

function scan(args: string[]): JsonReport {
  const r = cli(['scan', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as JsonReport;
}

/**
 * Clusters as comparable text: the flagged (high, critical), then every cluster, each by accounts and
 * severity in any order (clusters of near-equal scores may swap ranks; scores are compared separately).
 */
function shape(report: JsonReport): { flagged: string[]; all: string[] } {
  const text = (c: Cluster): string => `${c.severity} ${c.accounts.join(',')}`;
  return { flagged: report.clusters.filter((c) => c.severity === 'high' || c.severity === 'critical').map(text).sort(), all: report.clusters.map(text).sort() };
}

let fromLogs: JsonReport;

beforeAll(async () => {
  fromLogs = scan([DEMO]);
  for (const ext of ['csv', 'ndjson', 'arrow']) expect(cli(['features', DEMO, '--out', at(`features.${ext}`), '-q']).code).toBe(0);
  // The SQL route: DuckDB computes the table from the same dump and writes it as Parquet and as CSV.
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
  await conn.run(`CREATE TABLE raw AS SELECT * FROM read_json_auto('${DEMO}')`);
  const present = new Set((await conn.runAndReadAll('DESCRIBE raw')).getRowObjectsJS().map((r) => r.column_name as string));
  const numeric = new Set(['input_tokens', 'output_tokens', 'request_count', 'latency_ms', 'max_tokens', 'temperature']);
  const columns = INPUT_COLUMNS.map((c) =>
    !present.has(c) ? `CAST(NULL AS ${numeric.has(c) ? 'DOUBLE' : c === 'account_created_at' ? 'TIMESTAMP' : 'VARCHAR'}) AS ${c}`
    : c === 'ts' || c === 'account_created_at' ? `CAST(${c} AS TIMESTAMP) AS ${c}` : c);
  await conn.run(`CREATE VIEW logs AS SELECT ${columns.join(', ')} FROM raw`);
  const query = renderSql({ dialect: 'duckdb' }).replace(/;\s*$/, '');
  await conn.run(`COPY (${query}) TO '${at('sql.parquet')}' (FORMAT parquet)`);
  await conn.run(`COPY (${query}) TO '${at('sql.csv')}' (HEADER)`);
  conn.closeSync();
}, 120_000);

describe('scan --features', () => {
  it('finds the clusters of the log scan from the features table, in CSV, NDJSON and Arrow', () => {
    expect(fromLogs.clusters.filter((c) => c.severity === 'critical').length).toBeGreaterThanOrEqual(4);
    for (const ext of ['csv', 'ndjson', 'arrow']) {
      const report = scan(['--features', at(`features.${ext}`)]);
      expect(shape(report), ext).toEqual(shape(fromLogs));
      expect(report.input).toMatchObject({ files: [at(`features.${ext}`)], records: 31086, rejected: 0, accounts: 655 });
      // Exact totals survive the round trip; scores may move a little (no lockstep without active minutes).
      const logCluster = new Map(fromLogs.clusters.map((c) => [c.accounts.join(','), c]));
      for (const c of report.clusters) {
        const same = logCluster.get(c.accounts.join(','))!;
        expect(c.exchanges).toBe(same.exchanges);
        expect(Math.abs(c.score - same.score)).toBeLessThanOrEqual(0.05);
        expect(c.evidence.length).toBeGreaterThanOrEqual(c.severity === 'critical' || c.severity === 'high' ? 3 : 0);
        expect(c.detail).toBeUndefined();
      }
    }
  });

  it('finds them from the table DuckDB computed with the duckdb SQL, as Parquet and as CSV', () => {
    for (const file of ['sql.parquet', 'sql.csv']) expect(shape(scan(['--features', at(file)])), file).toEqual(shape(fromLogs));
  });

  it('gives back account ids that the CSV neutralised against formulas (= + - @ and a leading apostrophe)', () => {
    const ids = ['-42', '@acme', '+15551234567', '=cmd|x', "'quoted", 'plain'];
    const logs = at('signs.jsonl');
    writeFileSync(logs, ids.map((id, i) => JSON.stringify({ ts: `2026-05-01T0${i}:00:00Z`, account_id: id, input_tokens: 10, output_tokens: 5 })).join('\n'));
    for (const table of ['signs.csv', 'signs.ndjson']) {
      expect(cli(['features', logs, '--out', at(table)]).code).toBe(0);
      const report = scan(['--features', at(table)]);
      expect(report.clusters.flatMap((c) => c.accounts).sort(), table).toEqual([...ids].sort());
    }
    // The CSV itself is safe to open in a spreadsheet.
    expect(readFileSync(at('signs.csv'), 'utf8')).toMatch(/^'-42,/m);
  });

  it('reads a table with only the required columns (CONTRACT §3b), each account alone', () => {
    const rows = readFileSync(at('features.ndjson'), 'utf8').trim().split('\n').slice(0, 5).map((l) => JSON.parse(l) as Record<string, unknown>);
    const required = ['account_id', 'exchanges', 'input_tokens', 'output_tokens', 'first_seen', 'last_seen'];
    writeFileSync(at('minimal.csv'), [required.join(','), ...rows.map((r) => required.map((c) => r[c]).join(','))].join('\n'));
    const report = scan(['--features', at('minimal.csv')]);
    expect(report.input.accounts).toBe(5);
    expect(report.clusters.every((c) => c.accounts.length === 1 && c.severity !== 'critical')).toBe(true);
  });

  it('counts unreadable rows as rejected and goes on', () => {
    const lines = readFileSync(at('features.csv'), 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    const broken = lines[1].split(',');
    broken[header.indexOf('exchanges')] = 'many';
    const noId = lines[2].split(',');
    noId[0] = '';
    writeFileSync(at('broken.csv'), [lines[0], broken.join(','), noId.join(','), ...lines.slice(3)].join('\n'));
    const report = scan(['--features', at('broken.csv'), '--max-rejected', '0.5']);
    expect(report.input.accounts).toBe(653);
    expect(report.input.rejected_by_reason).toEqual({ bad_tokens: 1, missing_account_id: 1 });
    expectOneLineError(cli(['scan', '--features', at('broken.csv'), '--max-rejected', '0.001']), /2 of 655 records rejected \(0\.3% > --max-rejected 0\.001\): bad_tokens 1, missing_account_id 1$/m);
  });

  it('refuses, in one line: a file that is not a feature table, an account twice, logs and --features together, log-reading options', () => {
    expectOneLineError(cli(['scan', '--features', fixture('ingest/small.jsonl')]), /not a feature table, no column exchanges/);
    const lines = readFileSync(at('features.csv'), 'utf8').trim().split('\n');
    writeFileSync(at('twice.csv'), [...lines, lines[1]].join('\n'));
    expectOneLineError(cli(['scan', '--features', at('twice.csv')]), /appears twice \(line 657\)/);
    expectOneLineError(cli(['scan', DEMO, '--features', at('features.csv')]), /log files or --features FILE, not both/);
    expectOneLineError(cli(['scan', '--features', at('features.csv'), '--preset', 'bedrock']), /--preset reads logs, not a --features table/);
    expectOneLineError(cli(['scan']), /no input given/);
  });
});
