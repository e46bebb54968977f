/**
 * The report (CONTRACT.md §4) built by running the real pipeline over fixtures, and its renderings:
 * json, ndjson and the terminal table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from '../../src/analyze.js';
import { runScan, type ScanOptions } from '../../src/commands/scan.js';
import { detect } from '../../src/detect.js';
import { buildReport, type Report, type ReportCluster } from '../../src/report/report.js';
import { toJson } from '../../src/report/to-json.js';
import { toTable } from '../../src/report/to-table.js';
import { SEVERITIES } from '../../src/score/score.js';
import { fixture, tempDir } from '../helpers/ingest.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const SMALL = fixture('ingest/small.jsonl');
/** 6 accounts sharing one card, an IP pool and templated chain-of-thought prompts 24/7, plus 16 ordinary ones. */
const CAMPAIGN = fixture('report/campaign.jsonl');

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/;
// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

async function scanJson(inputs: string[], extra: Partial<ScanOptions> = {}): Promise<Report> {
  const { output } = await runScan({ inputs, maxRejected: 1, format: 'json', version: VERSION, ...extra });
  return JSON.parse([...output].join('')) as Report;
}

async function pipelineReport(inputs: string[]): Promise<Report> {
  const { stats, features } = await analyzeLogs({ inputs, maxRejected: 1 });
  const { scored, states } = detect(features);
  return buildReport({ stats, scored, accounts: features.accounts.size, version: VERSION, generatedAt: new Date('2026-06-06T00:00:00Z'), states });
}

/** Per-account exact totals straight from a canonical JSONL fixture. */
function totalsByAccount(path: string): Map<string, { exchanges: number; input: number; output: number }> {
  const totals = new Map<string, { exchanges: number; input: number; output: number }>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { account_id: string; request_count?: number | string; input_tokens?: number; output_tokens?: number };
    const t = totals.get(r.account_id) ?? { exchanges: 0, input: 0, output: 0 };
    t.exchanges += Number(r.request_count ?? 1);
    t.input += Number(r.input_tokens ?? 0);
    t.output += Number(r.output_tokens ?? 0);
    totals.set(r.account_id, t);
  }
  return totals;
}

function expectWellFormed(report: Report): void {
  expect(report.schema_version).toBe('1');
  expect(report.tool).toEqual({ name: 'distill-forensics', version: VERSION });
  expect(Number.isNaN(Date.parse(report.generated_at))).toBe(false);
  report.clusters.forEach((c, i) => {
    expect(c.id).toBe(`C${String(i + 1).padStart(4, '0')}`);
    expect(c.rank).toBe(i + 1);
    expect(c.score).toBeGreaterThanOrEqual(0);
    expect(c.score).toBeLessThanOrEqual(1);
    expect(SEVERITIES).toContain(c.severity);
    expect(c.account_count).toBe(c.accounts.length);
    expect(c.accounts).toEqual([...c.accounts].sort());
    expect(c.evidence.length).toBeGreaterThan(0);
    for (const e of c.evidence) {
      expect(typeof e.signal).toBe('string');
      expect(Number.isFinite(e.value)).toBe(true);
      expect(Number.isFinite(e.baseline)).toBe(true);
      expect(e.detail.length).toBeGreaterThan(0);
    }
    expect(Date.parse(c.first_seen)).toBeLessThanOrEqual(Date.parse(c.last_seen));
    if (i > 0) {
      const prev = report.clusters[i - 1];
      // Ranked by score, then by volume.
      expect(prev.score).toBeGreaterThanOrEqual(c.score);
      if (prev.score === c.score) expect(prev.exchanges).toBeGreaterThanOrEqual(c.exchanges);
    }
  });
  // No account is in two clusters.
  const all = report.clusters.flatMap((c) => c.accounts);
  expect(new Set(all).size).toBe(all.length);
}

function expectTotalsMatch(report: Report, path: string): void {
  const totals = totalsByAccount(path);
  for (const c of report.clusters) {
    const sum = (f: 'exchanges' | 'input' | 'output'): number => c.accounts.reduce((s, a) => s + totals.get(a)![f], 0);
    expect({ id: c.id, exchanges: c.exchanges, input: c.input_tokens, output: c.output_tokens }).toEqual({
      id: c.id,
      exchanges: sum('exchanges'),
      input: sum('input'),
      output: sum('output'),
    });
  }
}

describe('buildReport over fixtures/ingest/small.jsonl', () => {
  it('has the schema, tool, input counts and time range of the fixture', async () => {
    const report = await scanJson([SMALL]);
    expectWellFormed(report);
    expect(report.input).toEqual({
      files: [SMALL],
      records: 9,
      rejected: 0,
      rejected_by_reason: {},
      filtered: 0,
      filtered_by_reason: {},
      accounts: 3,
      time_range: { first: '2026-04-22T00:00:01.000Z', last: '2026-04-26T18:30:00.125Z' },
    });
  });

  it('lists every account of the small fixture with exact totals and first/last seen', async () => {
    const report = await scanJson([SMALL]);
    expect(report.clusters).toHaveLength(3);
    const byAccount = new Map(report.clusters.map((c) => [c.accounts[0], c]));
    expect([...byAccount.keys()].sort()).toEqual(['acct_a', 'acct_b', 'acct_c']);
    const pick = (c: ReportCluster) => ({
      account_count: c.account_count,
      exchanges: c.exchanges,
      input_tokens: c.input_tokens,
      output_tokens: c.output_tokens,
      first_seen: c.first_seen,
      last_seen: c.last_seen,
    });
    // request_count 5 + "3" + default 1
    expect(pick(byAccount.get('acct_b')!)).toEqual({
      account_count: 1, exchanges: 9, input_tokens: 3500, output_tokens: 175, first_seen: '2026-04-22T20:00:00.000Z', last_seen: '2026-04-22T22:00:00.000Z',
    });
    expect(pick(byAccount.get('acct_a')!)).toEqual({
      account_count: 1, exchanges: 3, input_tokens: 360, output_tokens: 2650, first_seen: '2026-04-22T00:00:01.000Z', last_seen: '2026-04-22T10:00:03.000Z',
    });
    expect(pick(byAccount.get('acct_c')!)).toEqual({
      account_count: 1, exchanges: 3, input_tokens: 30, output_tokens: 60, first_seen: '2026-04-22T23:00:00.000Z', last_seen: '2026-04-26T18:30:00.125Z',
    });
    expectTotalsMatch(report, SMALL);
  });

  it('ranks equal scores by exchanges, then by account id', async () => {
    const report = await scanJson([SMALL]);
    const scores = new Set(report.clusters.map((c) => c.score));
    if (scores.size === 1) {
      // All three score the same: acct_b (9 exchanges) first, then acct_a and acct_c (3 each) by id.
      expect(report.clusters.map((c) => c.accounts[0])).toEqual(['acct_b', 'acct_a', 'acct_c']);
    }
  });

  it('is byte-identical between runs apart from generated_at', async () => {
    const a = toJson(await pipelineReport([SMALL]));
    const b = toJson(await pipelineReport([SMALL]));
    expect(a).toBe(b);
    expect(JSON.parse(a).generated_at).toBe('2026-06-06T00:00:00.000Z');
    const scanText = async (): Promise<string> => [...(await runScan({ inputs: [SMALL], maxRejected: 1, format: 'json', version: VERSION })).output].join('');
    const c = await scanText();
    const d = await scanText();
    const strip = (s: string): string => s.replace(/"generated_at": "[^"]*"/, '');
    expect(strip(c)).toBe(strip(d));
  });

  it('runScan and analyzeLogs + detect + buildReport agree', async () => {
    const viaScan = await scanJson([SMALL]);
    const direct = await pipelineReport([SMALL]);
    expect({ ...viaScan, generated_at: '' }).toEqual({ ...direct, generated_at: '' });
  });

  it('--min-severity drops clusters below the level; --fail-on looks at all clusters', async () => {
    const all = await scanJson([SMALL]);
    for (const level of SEVERITIES) {
      const { report, failed } = await runScan({ inputs: [SMALL], maxRejected: 1, format: 'json', version: VERSION, minSeverity: level, failOn: level });
      const keep = all.clusters.filter((c) => SEVERITIES.indexOf(c.severity) <= SEVERITIES.indexOf(level));
      expect(report.clusters.map((c) => c.accounts)).toEqual(keep.map((c) => c.accounts));
      expect(failed).toBe(keep.length > 0);
    }
    // Every listed cluster is at least "info": info keeps all.
    const { report } = await runScan({ inputs: [SMALL], maxRejected: 1, format: 'json', version: VERSION, minSeverity: 'info' });
    expect(report.clusters).toHaveLength(3);
  });

  it('ndjson is one cluster object per line, equal to the json clusters', async () => {
    const json = await scanJson([SMALL]);
    const output = [...(await runScan({ inputs: [SMALL], maxRejected: 1, format: 'ndjson', version: VERSION })).output].join('');
    expect(output.endsWith('\n')).toBe(true);
    const lines = output.slice(0, -1).split('\n');
    expect(lines).toHaveLength(json.clusters.length);
    expect(lines.map((l) => JSON.parse(l))).toEqual(json.clusters);
  });
});

describe('buildReport over a planted campaign (fixtures/report/campaign.jsonl)', () => {
  it('puts the six card-sharing accounts into one flagged cluster at rank 1, accounts sorted', async () => {
    const report = await scanJson([CAMPAIGN]);
    expectWellFormed(report);
    expect(report.input.records).toBe(192);
    expect(report.input.accounts).toBe(22);
    expect(report.input.time_range).toEqual({ first: '2026-05-01T00:00:07.000Z', last: '2026-05-04T02:00:15.000Z' });
    const top = report.clusters[0];
    expect(top.id).toBe('C0001');
    // Code-unit order: 'ring_03' < 'ring_1' < 'ring_10' < 'ring_2' …
    expect(top.accounts).toEqual(['ring_03', 'ring_1', 'ring_10', 'ring_2', 'ring_5', 'ring_7']);
    expect(top.account_count).toBe(6);
    expect(['critical', 'high']).toContain(top.severity);
    expect(top.exchanges).toBe(288);
    expect(top.input_tokens).toBe(29230);
    expect(top.output_tokens).toBe(266360);
    expect(top.evidence.map((e) => e.signal)).toContain('shared_payment');
    // The 16 ordinary accounts are listed alone, none flagged.
    const rest = report.clusters.slice(1);
    expect(rest).toHaveLength(16);
    for (const c of rest) {
      expect(c.account_count).toBe(1);
      expect(c.accounts[0]).toMatch(/^ben_/);
      expect(['critical', 'high']).not.toContain(c.severity);
    }
    expectTotalsMatch(report, CAMPAIGN);
  });

  it('--min-severity high keeps only the campaign; --fail-on high fails, and so does info', async () => {
    const high = await runScan({ inputs: [CAMPAIGN], maxRejected: 1, format: 'json', version: VERSION, minSeverity: 'high', failOn: 'high' });
    expect(high.report.clusters.map((c) => c.accounts.length)).toEqual([6]);
    expect(high.report.clusters[0].id).toBe('C0001');
    expect(high.failed).toBe(true);
    // input counts are not filtered
    expect(high.report.input.accounts).toBe(22);
    const ndjson = await runScan({ inputs: [CAMPAIGN], maxRejected: 1, format: 'ndjson', version: VERSION, minSeverity: 'high' });
    expect([...ndjson.output].join('').trim().split('\n')).toHaveLength(1);
  });

  it('a weights file that zeroes every signal scores everything 0 / info', async () => {
    const dir = tempDir();
    const weights = join(dir, 'w.json');
    const { SIGNALS } = await import('../../src/score/signals.js');
    writeFileSync(weights, JSON.stringify(Object.fromEntries(SIGNALS.map((s) => [s.name, 0]))));
    const report = await scanJson([CAMPAIGN], { weights });
    expect(report.clusters.length).toBeGreaterThan(0);
    for (const c of report.clusters) {
      expect(c.score).toBe(0);
      expect(c.severity).toBe('info');
    }
  });
});

describe('toTable', () => {
  it('shows the summary header and one row per cluster, without ANSI when color is false', async () => {
    const report = await pipelineReport([SMALL]);
    const table = toTable(report, { color: false });
    expect(table).not.toMatch(/\x1b/);
    const lines = table.split('\n');
    expect(lines[0]).toBe('9 records · 3 accounts');
    expect(lines[1]).toBe('2026-04-22T00:00:01.000Z → 2026-04-26T18:30:00.125Z · 3 clusters listed, 0 flagged (high or critical)');
    for (const id of ['C0001', 'C0002', 'C0003']) expect(table).toContain(`│ ${id} │`);
    expect(table.endsWith('\n')).toBe(true);
  });

  it('colours with ANSI when color is true, and the text is otherwise the same', async () => {
    const report = await pipelineReport([SMALL]);
    const plain = toTable(report, { color: false });
    const coloured = toTable(report, { color: true });
    expect(coloured).toMatch(ANSI);
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it('fits within 120 columns', async () => {
    for (const path of [SMALL, CAMPAIGN]) {
      const report = await pipelineReport([path]);
      for (const color of [false, true]) {
        for (const line of stripAnsi(toTable(report, { color })).split('\n')) expect([...line].length).toBeLessThanOrEqual(120);
      }
    }
  });

  it('counts flagged clusters and honours limit with a "more" line', async () => {
    const report = await pipelineReport([CAMPAIGN]);
    const table = toTable(report, { color: false, limit: 2 });
    expect(table.split('\n')[1]).toMatch(/ · 17 clusters listed, 1 flagged \(high or critical\)$/);
    expect(table).toContain('│ C0001 │');
    expect(table).toContain('│ C0002 │');
    expect(table).not.toContain('│ C0003 │');
    expect(table).toContain('… 15 more (--limit N, or --format json for all)');
    expect(toTable(report, { color: false })).not.toContain('more (--limit');
  });

  it('shows rejected and filtered counts in the header', async () => {
    const report = await pipelineReport([SMALL]);
    const header = toTable({ ...report, input: { ...report.input, rejected: 1234, filtered: 5 } }, { color: false }).split('\n')[0];
    expect(header).toBe('9 records, 1,234 rejected, 5 filtered · 3 accounts');
  });

  // BUG: the summary header line is not fitted to 120 columns. With the counts of a big dump
  // (1,234,567,890 records, 1,234,567 rejected, 12,345 filtered, 26,543 accounts) it is 130 columns wide.
  it('keeps the summary header within 120 columns for large dumps', async () => {
    const report = await pipelineReport([SMALL]);
    const big: Report = { ...report, input: { ...report.input, records: 1_234_567_890, rejected: 1_234_567, filtered: 12_345, accounts: 26_543 } };
    for (const line of stripAnsi(toTable(big, { color: true })).split('\n')) expect([...line].length).toBeLessThanOrEqual(120);
  });

  describe('hostile log text', () => {
    const EVIL = '\x1b[31mRED\x1b]0;pwned\x07\u202Eevil\x1b]8;;http://x.test\x1b\\link\x1b]8;;\x1b\\';

    function hostileFixture(org: string, email: string): string {
      const lines: string[] = [];
      const base = Date.parse('2026-05-01T00:00:00Z');
      for (let a = 0; a < 5; a++) {
        for (let h = 0; h < 40; h++) {
          lines.push(
            JSON.stringify({
              ts: new Date(base + h * 3_600_000 + a * 1000).toISOString(),
              account_id: `${EVIL}acct${a}`,
              org_id: org,
              user_agent: `${EVIL}ua`,
              model: `${EVIL}model`,
              topic: `${EVIL}topic`,
              email_domain: email,
              input_tokens: 10,
              output_tokens: 500,
              ip: '192.0.2.9',
              payment_fingerprint: `${EVIL}card`,
              prompt: 'Think step by step: what is 2+2?',
            }),
          );
        }
      }
      for (let a = 0; a < 10; a++) lines.push(JSON.stringify({ ts: new Date(base + a * 1000).toISOString(), account_id: `plain${a}`, input_tokens: 5, output_tokens: 5 }));
      const path = join(tempDir(), 'hostile.jsonl');
      writeFileSync(path, `${lines.join('\n')}\n`);
      return path;
    }

    it('never reaches the table raw (ESC, OSC, U+202E), and the table stays 120 columns wide', async () => {
      const path = hostileFixture(`${EVIL}org`, `${EVIL}.example`);
      const report = await pipelineReport([path]);
      // The hostile ids are in the report data (JSON escapes them) …
      expect(report.clusters.some((c) => c.accounts.some((a) => a.includes('\u202E')))).toBe(true);
      expect(toJson(report)).not.toMatch(/\x1b/);
      // … and the declared org reaches the label, so it is rendered — but made safe.
      const plain = toTable(report, { color: false });
      expect(plain).toMatch(/RED\\u202eevillink/i);
      for (const color of [false, true]) {
        const table = toTable(report, { color });
        const text = color ? stripAnsi(table) : table;
        expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
        expect(text).not.toContain('pwned');
        expect(text).not.toContain('http://x.test');
        for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(120);
      }
    });

    // BUG: terminalSafe leaves TAB (0x09) as is and toTable does not replace it either, so an org id / email
    // domain containing a tab reaches the label cell raw. cli-table3 measures the tab as 0 columns wide while
    // a terminal expands it to the next tab stop, which pushes the right border out of line (the row is
    // then wider than 120 columns on screen). Log-derived text in the table should have tabs escaped or
    // replaced by a space.
    it('does not let a tab in log-derived text into the table', async () => {
      const path = hostileFixture('acme\tcorp', 'acme\tcorp.example');
      const table = toTable(await pipelineReport([path]), { color: false });
      expect(table).toContain('acme');
      expect(table).not.toContain('\t');
    });
  });
});
