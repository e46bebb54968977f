/**
 * The output formats of `scan --format` (src/report/index.ts): the registry, the one-line-per-cluster table,
 * CSV (quoting and formula neutralisation), the STIX 2.1 bundle (shape, deterministic ids) — and the JSON
 * Schema of the report (schema/report.v1.json) with validateReport().
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScan } from '../../src/commands/scan.js';
import { isReportFormat, REPORT_FORMATS, REPORTERS, renderReport } from '../../src/report/index.js';
import type { Report, ReportCluster } from '../../src/report/report.js';
import { CSV_COLUMNS, csvPieces, toCsv } from '../../src/report/to-csv.js';
import { jsonPieces, ndjsonPieces, prettyJsonPieces, safeJson } from '../../src/report/to-json.js';
import { STIX_NAMESPACE, stixPattern, toStix } from '../../src/report/to-stix.js';
import { compact } from '../../src/report/format.js';
import { toTable } from '../../src/report/to-table.js';
import { uuidv5 } from '../../src/report/uuidv5.js';
import { REPORT_SCHEMA_URL, validateReport } from '../../src/report/validate-report.js';
import { SIGNALS } from '../../src/score/signals.js';
import { fixture, tempDir } from '../helpers/ingest.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');
const width = (line: string): number => [...stripAnsi(line)].length;

type Shared = { kind: string; value: string; accounts: number; exclusive: boolean };

function cluster(n: number, over: Partial<ReportCluster> & { shared?: Shared[] } = {}): ReportCluster {
  const { shared, ...rest } = over;
  const c: ReportCluster = {
    id: `C${String(n).padStart(4, '0')}`,
    rank: n,
    score: 0.9,
    severity: 'critical',
    label: `hydra: 3 accounts, shared payment + shared IP pool`,
    accounts: [`acct_${n}a`, `acct_${n}b`, `acct_${n}c`],
    account_count: 3,
    exchanges: 1234,
    input_tokens: 1000,
    output_tokens: 9000,
    first_seen: '2026-05-01T00:00:00.000Z',
    last_seen: '2026-05-11T12:00:00.000Z',
    evidence: [
      { signal: 'shared_payment', value: 1, baseline: 0, detail: '100% of accounts share one of 1 payment fingerprints (typical cluster: 0%)' },
      { signal: 'shared_network', value: 0.9, baseline: 0, detail: '90% of accounts share 2 IPs' },
    ],
    subscores: { shared_payment: 1, shared_network: 0.9, lockstep: null },
    ...rest,
  };
  if (shared) (c as unknown as { detail: { shared: Shared[] } }).detail = { shared };
  return c;
}

function report(clusters: ReportCluster[], over: Partial<Report> = {}): Report {
  return {
    schema_version: '1',
    tool: { name: 'distill-forensics', version: VERSION },
    generated_at: '2026-06-06T00:00:00.000Z',
    input: {
      files: ['logs.jsonl'],
      records: 1000,
      rejected: 2,
      rejected_by_reason: { bad_ts: 2 },
      filtered: 0,
      filtered_by_reason: {},
      accounts: 40,
      time_range: { first: '2026-05-01T00:00:00.000Z', last: '2026-05-11T12:00:00.000Z' },
    },
    clusters,
    ...over,
  };
}

const EMPTY = report([], { input: { ...report([]).input, records: 0, rejected: 0, rejected_by_reason: {}, accounts: 0, time_range: { first: null, last: null } } });

describe('uuidv5', () => {
  it('matches known UUIDv5 vectors (RFC 4122 DNS namespace)', () => {
    const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    expect(uuidv5('www.example.com', DNS)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidv5('python.org', DNS)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('is a version 5, RFC 4122 variant UUID, and rejects a namespace that is not a UUID', () => {
    expect(uuidv5('anything', STIX_NAMESPACE)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(() => uuidv5('x', 'not-a-uuid')).toThrow(/not a UUID/);
  });
});

describe('the format registry', () => {
  it('has table (first), json, ndjson, csv and stix, each a renderer of the report', () => {
    expect(REPORT_FORMATS[0]).toBe('table');
    expect(REPORT_FORMATS).toEqual(expect.arrayContaining(['table', 'json', 'ndjson', 'csv', 'stix']));
    for (const format of REPORT_FORMATS) {
      expect(typeof REPORTERS[format]).toBe('function');
      for (const r of [report([cluster(1), cluster(2, { severity: 'low', score: 0.3 })]), EMPTY]) {
        const out = renderReport(format, r, { color: false });
        expect(typeof out).toBe('string');
        expect(out.endsWith('\n')).toBe(format !== 'ndjson' || r.clusters.length > 0);
      }
    }
  });

  it('knows its own names only (not Object.prototype keys)', () => {
    for (const f of REPORT_FORMATS) expect(isReportFormat(f)).toBe(true);
    for (const f of ['toString', 'constructor', '__proto__', 'xml', 'html-ish']) expect(isReportFormat(f)).toBe(false);
  });

  it('runScan refuses a format outside the registry', async () => {
    await expect(runScan({ inputs: [fixture('ingest/small.jsonl')], maxRejected: 1, format: 'toString' as never, version: VERSION })).rejects.toThrow(/unknown --format 'toString'/);
  });
});

describe('json, ndjson and csv in pieces', () => {
  it('prettyJsonPieces joins to exactly safeJson(value, 2) for any plain object', () => {
    // Unsafe characters (C1, bidi, U+2028), astral ones, empty and nested arrays and objects, undefined properties.
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '"', '\\', '\n', '\u009b', '\u202e', '\u2028', '😀', '<') });
    const leaf = fc.oneof(text, fc.double({ noDefaultInfinity: true, noNaN: true }), fc.integer(), fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(text, tie('tree'), { maxKeys: 4 })),
    }));
    const top = fc.dictionary(text, fc.oneof(tree, fc.constant(undefined), fc.array(tree, { maxLength: 5 })), { maxKeys: 6 });
    fc.assert(
      fc.property(top, (value) => {
        expect([...prettyJsonPieces(value)].join('')).toBe(safeJson(value, 2));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the report one piece per cluster and the same text as stringifying it whole', () => {
    const r = report([cluster(1), cluster(2, { label: 'evil\u202e\u009b label — ok', accounts: ['a\u2028b', '😀'] }), cluster(3)], {
      resolved: [],
      redaction: undefined,
    });
    const pieces = [...jsonPieces(r)];
    expect(pieces.join('')).toBe(`${safeJson(r, 2)}\n`);
    expect(pieces.filter((p) => p.includes('"rank"'))).toHaveLength(3);
    expect([...jsonPieces(EMPTY)].join('')).toBe(`${safeJson(EMPTY, 2)}\n`);
    expect([...ndjsonPieces(r)]).toEqual(r.clusters.map((c) => `${safeJson(c)}\n`));
    expect([...csvPieces(r)]).toHaveLength(4);
    expect([...csvPieces(r)].join('')).toBe(toCsv(r));
  });

  it('runScan --out writes the same bytes as rendering the report whole, and its output can be read again', async () => {
    const dir = tempDir();
    for (const format of ['json', 'ndjson', 'csv'] as const) {
      const path = join(dir, `report.${format}`);
      const { report: r, output } = await runScan({ inputs: [fixture('ingest/small.jsonl')], maxRejected: 1, format, version: VERSION, out: path });
      expect(readFileSync(path, 'utf8')).toBe(renderReport(format, r));
      expect([...output].join('')).toBe(renderReport(format, r));
      expect([...output].join('')).toBe(renderReport(format, r));
    }
  });
});

describe('table', () => {
  it('prints one line per cluster: id, coloured severity, score, accounts, exchanges, tokens, days, kind — top evidence', () => {
    const r = report([cluster(1, { label: 'short label' }), cluster(2, { severity: 'medium', score: 0.5, exchanges: 28_800_000, account_count: 25_000, input_tokens: 1_500_000_000, output_tokens: 2_000_000_000 })]);
    const plain = toTable(r, { color: false });
    const lines = plain.split('\n');
    expect(lines[0]).toBe('1,000 records, 2 rejected · 40 accounts');
    expect(lines[1]).toBe('2026-05-01T00:00:00.000Z → 2026-05-11T12:00:00.000Z · 2 clusters listed, 1 flagged (high or critical)');
    const rows = lines.filter((l) => /^│ C\d{4} /.test(l));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^│ C0001 │ critical │ {2}0\.90 │ {8}3 │ {5}1,234 │ {4}10k │ 10\.5 │ short label — 100% of accounts share one of 1 pay… │$/);
    expect(rows[1]).toMatch(/│ C0002 │ medium {3}│ {2}0\.50 │ {6}25k │ {5}28\.8M │ {3}3\.5B │ 10\.5 │ hydra — 100% of accounts share/);
    expect(lines.find((l) => l.startsWith('│ id'))).toMatch(/│ id {4}│ severity │ score │ accounts │ exchanges │ tokens │ days │ kind — top evidence/);
    const coloured = toTable(r, { color: true });
    expect(coloured).toContain('\x1b[91mcritical\x1b[39m');
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it('never exceeds 120 columns: long labels, hostile text, wide and astral characters, huge counts', () => {
    const r = report(
      [
        cluster(1, { label: 'x'.repeat(500) }),
        cluster(2, { label: '東京'.repeat(80), evidence: [{ signal: 's', value: 1, baseline: 0, detail: '😀'.repeat(100) }] }),
        cluster(3, { label: '\x1b[31mred\x1b]0;title\x07\ttab\nnewline\u202Erev', account_count: 1e9, exchanges: 1e15, input_tokens: 1e15, output_tokens: 1e15, first_seen: '2020-01-01T00:00:00.000Z' }),
        cluster(4, { evidence: [], first_seen: 'garbage' }),
      ],
      { input: { ...report([]).input, records: 1_234_567_890_123, rejected: 1_234_567_890, filtered: 12_345_678, accounts: 123_456_789 } },
    );
    for (const color of [false, true]) {
      const text = toTable(r, { color });
      const lines = text.trimEnd().split('\n');
      for (const line of lines) expect(width(line), line).toBeLessThanOrEqual(120);
      // One line per cluster: 2 header lines + top border, head, separator, 4 rows, bottom border.
      expect(lines).toHaveLength(2 + 3 + 4 + 1);
      expect(stripAnsi(text)).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
      expect(stripAnsi(text)).not.toContain('title');
    }
  });

  it('compact() keeps every count within 6 characters', () => {
    const cases: [number, string][] = [[0, '0'], [9_999, '9,999'], [10_000, '10k'], [999_499, '999k'], [999_500, '1.0M'], [28_800_000, '28.8M'], [999_949_999, '999.9M'], [999_950_000, '1.0B'], [3.5e9, '3.5B'], [2e12, '2.0T']];
    for (const [n, s] of cases) expect(compact(n)).toBe(s);
    for (let e = 0; e < 15; e += 0.25) expect(compact(Math.round(10 ** e)).length).toBeLessThanOrEqual(6);
  });
});

describe('csv', () => {
  const parseCsv = (text: string): string[][] => parse(text, { relax_column_count: false }) as string[][];

  it('has the header even with no clusters, with one subscore column per signal', () => {
    const rows = parseCsv(toCsv(EMPTY));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual([...CSV_COLUMNS, ...SIGNALS.map((s) => `subscore_${s.name}`)]);
    expect(rows[0].slice(0, 13)).toEqual(['id', 'rank', 'score', 'severity', 'label', 'account_count', 'exchanges', 'input_tokens', 'output_tokens', 'first_seen', 'last_seen', 'accounts', 'top_evidence']);
  });

  it('writes one row per cluster: accounts joined by ;, evidence "signal: detail" joined by " | ", subscores per column', () => {
    const r = report([cluster(1), cluster(2, { subscores: { shared_payment: 0.5, telepathy: 0.25 } })]);
    const rows = parseCsv(toCsv(r));
    expect(rows).toHaveLength(3);
    const head = rows[0];
    const get = (row: string[], col: string): string => row[head.indexOf(col)];
    expect(head.at(-1)).toBe('subscore_telepathy');
    expect(get(rows[1], 'id')).toBe('C0001');
    expect(get(rows[1], 'rank')).toBe('1');
    expect(get(rows[1], 'score')).toBe('0.9');
    expect(get(rows[1], 'accounts')).toBe('acct_1a;acct_1b;acct_1c');
    expect(get(rows[1], 'top_evidence')).toBe('shared_payment: 100% of accounts share one of 1 payment fingerprints (typical cluster: 0%) | shared_network: 90% of accounts share 2 IPs');
    expect(get(rows[1], 'subscore_shared_network')).toBe('0.9');
    expect(get(rows[1], 'subscore_lockstep')).toBe(''); // null: not measurable
    expect(get(rows[1], 'subscore_cot_elicitation')).toBe(''); // absent
    expect(get(rows[2], 'subscore_telepathy')).toBe('0.25');
    for (const row of rows) expect(row).toHaveLength(head.length);
  });

  it('quotes commas, quotes and newlines (RFC 4180) and neutralises formulas in every cell', () => {
    const label = 'declared group (Evil, "Inc"\nline two): 2 accounts';
    const hostile = ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'];
    const r = report([cluster(1, { label, accounts: hostile, account_count: hostile.length, id: '=cmd|calc', evidence: [{ signal: '=sig', value: 1, baseline: 0, detail: 'd' }] })]);
    const text = toCsv(r);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(2);
    const [head, row] = rows;
    const get = (col: string): string => row[head.indexOf(col)];
    expect(get('label')).toBe(label);
    expect(get('id')).toBe("'=cmd|calc");
    expect(get('accounts')).toBe(`'${hostile.join(';')}`);
    expect(get('top_evidence')).toBe("'=sig: d");
    for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // The raw text: the quote is doubled inside a quoted cell.
    expect(text).toContain('"declared group (Evil, ""Inc""\nline two): 2 accounts"');
  });

  it('writes controls and bidi overrides as visible \\uXXXX, so the file is safe to cat', () => {
    const r = report([cluster(1, { label: 'hydra \u001b[2J\u202eevil\u0000 \u009b1m', accounts: ['a\u2066b'] })]);
    const text = toCsv(r);
    expect(text).not.toMatch(/[\u0000\u001b\u009b\u202e\u2066]/);
    expect(text).toContain('hydra \\u001b[2J\\u202eevil\\u0000 \\u009b1m');
    expect(text).toContain('a\\u2066b');
  });
});

interface StixObj {
  type: string;
  id: string;
  spec_version?: string;
  created?: string;
  modified?: string;
  [k: string]: unknown;
}

function expectValidBundle(text: string): { bundle: { type: string; id: string; objects: StixObj[] }; byType: (t: string) => StixObj[] } {
  const bundle = JSON.parse(text) as { type: string; id: string; objects: StixObj[] };
  const ID = /^[a-z0-9-]+--[0-9a-f-]{36}$/;
  const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
  expect(bundle.type).toBe('bundle');
  expect(bundle.id).toMatch(/^bundle--[0-9a-f-]{36}$/);
  const ids = new Set<string>();
  for (const o of bundle.objects) {
    expect(typeof o.type).toBe('string');
    expect(o.id).toMatch(ID);
    expect(o.id.startsWith(`${o.type}--`)).toBe(true);
    expect(o.spec_version).toBe('2.1');
    expect(o.created).toMatch(TIME);
    expect(o.modified).toMatch(TIME);
    expect(ids.has(o.id), `duplicate ${o.id}`).toBe(false);
    ids.add(o.id);
    for (const key of Object.keys(o)) expect(key).toMatch(/^[a-z0-9_]{3,250}$|^id$/);
  }
  const identity = bundle.objects.filter((o) => o.type === 'identity');
  expect(identity).toHaveLength(1);
  for (const o of bundle.objects) {
    if (o.type !== 'identity') expect(o.created_by_ref).toBe(identity[0].id);
    for (const [key, value] of Object.entries(o)) {
      if (key.endsWith('_ref')) expect(ids.has(value as string), `${o.id} ${key}`).toBe(true);
      if (key.endsWith('_refs')) for (const ref of value as string[]) expect(ids.has(ref), `${o.id} ${key}`).toBe(true);
    }
    if (o.type === 'indicator') {
      expect(o.pattern_type).toBe('stix');
      expect(o.pattern).toMatch(/^\[(ipv4-addr:value = '[0-9./]+'|ipv6-addr:value = '[0-9a-f:/]+'|autonomous-system:number = \d+)\]$/);
      expect(o.valid_from).toMatch(TIME);
    }
    if (o.type === 'report') {
      expect((o.object_refs as string[]).length).toBeGreaterThan(0);
      expect(o.published).toMatch(TIME);
    }
    if (o.type === 'relationship') expect(o.relationship_type).toBe('indicates');
  }
  return { bundle, byType: (t) => bundle.objects.filter((o) => o.type === t) };
}

describe('stix', () => {
  const shared: Shared[] = [
    { kind: 'payment', value: 'pm_123', accounts: 3, exclusive: true },
    { kind: 'ip', value: '192.0.2.9', accounts: 3, exclusive: true },
    { kind: 'ip_prefix', value: '192.0.2.0/24', accounts: 3, exclusive: true },
    { kind: 'ip', value: '2001:db8::1', accounts: 2, exclusive: true },
    { kind: 'asn', value: '64500', accounts: 3, exclusive: true },
    { kind: 'ip', value: '198.51.100.1', accounts: 3, exclusive: false }, // a NAT others use too: no indicator
    { kind: 'ip', value: 'ip_0123456789abcdef', accounts: 3, exclusive: true }, // redacted: no indicator
    { kind: 'user_agent', value: 'python-httpx/0.27.0', accounts: 3, exclusive: true },
  ];
  const flagged = report([
    cluster(1, { shared }),
    cluster(2, { severity: 'high', score: 0.634, shared: [{ kind: 'ip', value: '192.0.2.9', accounts: 2, exclusive: true }], first_seen: '2026-04-01T00:00:00.000Z' }),
    cluster(3, { severity: 'medium', score: 0.5, shared: [{ kind: 'ip', value: '203.0.113.5', accounts: 2, exclusive: true }] }),
  ]);

  it('is a valid STIX 2.1 bundle: identity, then per flagged cluster a campaign, indicators, relationships and a report', () => {
    const { byType } = expectValidBundle(toStix(flagged));
    const campaigns = byType('campaign');
    expect(campaigns.map((c) => c.x_distill_cluster_id)).toEqual(['C0001', 'C0002']); // not the medium one
    expect(campaigns[0].confidence).toBe(90);
    expect(campaigns[1].confidence).toBe(63);
    expect(campaigns[0].name).toBe('C0001: hydra: 3 accounts, shared payment + shared IP pool');
    expect(campaigns[0].x_distill_payment_fingerprints).toEqual(['pm_123']);
    expect(campaigns[0].x_distill_accounts).toEqual(['acct_1a', 'acct_1b', 'acct_1c']);
    expect(campaigns[0].first_seen).toBe('2026-05-01T00:00:00.000Z');
    expect(campaigns[1]).not.toHaveProperty('x_distill_payment_fingerprints');
    const patterns = byType('indicator').map((i) => i.pattern);
    expect(patterns).toEqual([
      "[ipv4-addr:value = '192.0.2.9']",
      "[ipv4-addr:value = '192.0.2.0/24']",
      "[ipv6-addr:value = '2001:db8::1']",
      '[autonomous-system:number = 64500]',
    ]);
    // The IP both flagged clusters share is one indicator, indicating both campaigns, valid from the earlier sighting.
    const shared9 = byType('indicator')[0];
    expect(shared9.valid_from).toBe('2026-04-01T00:00:00.000Z');
    expect(shared9.confidence).toBe(90);
    const rels = byType('relationship');
    expect(rels).toHaveLength(5);
    expect(rels.filter((r) => r.source_ref === shared9.id).map((r) => r.target_ref)).toEqual(campaigns.map((c) => c.id));
    const reports = byType('report');
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatchObject({ name: 'hydra: 3 accounts, shared payment + shared IP pool', published: '2026-06-06T00:00:00.000Z', report_types: ['campaign'], confidence: 90 });
    expect(reports[0].object_refs).toEqual([campaigns[0].id, ...byType('indicator').flatMap((i) => [i.id, rels.find((r) => r.source_ref === i.id)!.id])]);
    expect(reports[1].object_refs).toEqual([campaigns[1].id, shared9.id, rels[4].id]);
    for (const o of byType('campaign').concat(byType('indicator'), byType('report'))) expect(o.created).toBe('2026-06-06T00:00:00.000Z');
  });

  it('gives the same bytes for the same report; ids follow the content', () => {
    const a = toStix(flagged);
    expect(toStix(structuredClone(flagged))).toBe(a);
    // A later report: same campaign id (same accounts), new report object and new timestamps.
    const later = JSON.parse(toStix({ ...flagged, generated_at: '2026-06-07T00:00:00.000Z' })) as { id: string; objects: StixObj[] };
    const first = JSON.parse(a) as { id: string; objects: StixObj[] };
    const ids = (b: { objects: StixObj[] }, t: string) => b.objects.filter((o) => o.type === t).map((o) => o.id);
    expect(ids(later, 'campaign')).toEqual(ids(first, 'campaign'));
    expect(ids(later, 'indicator')).toEqual(ids(first, 'indicator'));
    expect(ids(later, 'report')).not.toEqual(ids(first, 'report'));
    expect(later.id).not.toBe(first.id);
  });

  it('without detail: campaigns and reports, no indicators; no flagged cluster: the identity alone', () => {
    const { byType } = expectValidBundle(toStix(report([cluster(1), cluster(2, { severity: 'low', score: 0.3 })])));
    expect(byType('campaign')).toHaveLength(1);
    expect(byType('report')).toHaveLength(1);
    expect(byType('report')[0].object_refs).toEqual([byType('campaign')[0].id]);
    expect(byType('indicator')).toHaveLength(0);
    expect(byType('relationship')).toHaveLength(0);
    const empty = expectValidBundle(toStix(EMPTY));
    expect(empty.bundle.objects.map((o) => o.type)).toEqual(['identity']);
  });

  it('makes patterns only from real addresses, networks and AS numbers', () => {
    expect(stixPattern('ip', '1.2.3.4')?.pattern).toBe("[ipv4-addr:value = '1.2.3.4']");
    expect(stixPattern('ip_prefix', '1.2.3.0/24')?.pattern).toBe("[ipv4-addr:value = '1.2.3.0/24']");
    expect(stixPattern('ip', '198.51.100.***')?.pattern).toBe("[ipv4-addr:value = '198.51.100.0/24']");
    expect(stixPattern('ip_prefix', '2001:db8:1::/48')?.pattern).toBe("[ipv6-addr:value = '2001:db8:1::/48']");
    expect(stixPattern('asn', 'AS64500')?.pattern).toBe('[autonomous-system:number = 64500]');
    for (const [kind, value] of [
      ['ip', "1.2.3.4'] OR [file:name = 'x"],
      ['ip', '1.2.3.4/33'],
      ['ip', '0.0.0.0/0'],
      ['ip_prefix', '10.0.0.0/8'],
      ['ip_prefix', '2001::/16'],
      ['ip_prefix', '2001:db8:::/48'],
      ['ip', 'ip_0123456789abcdef'],
      ['asn', '64500 OR 1=1'],
      ['asn', '99999999999'],
      ['payment', 'pm_1'],
      ['user_agent', 'curl/8'],
    ]) {
      expect(stixPattern(kind, value), `${kind} ${value}`).toBeNull();
    }
  });
});

describe('the JSON Schema of the report (schema/report.v1.json)', () => {
  const SMALL = fixture('ingest/small.jsonl');
  const CAMPAIGN = fixture('report/campaign.jsonl');
  const DEMO = fixture('demo/logs.jsonl.gz');
  let reports: Record<string, Report>;

  beforeAll(async () => {
    const dir = tempDir();
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    reports = {};
    for (const [name, path] of Object.entries({ small: SMALL, smallCsv: fixture('ingest/small.csv'), campaign: CAMPAIGN, demo: DEMO, empty })) {
      const { output } = await runScan({ inputs: [path], maxRejected: 1, format: 'json', version: VERSION });
      reports[name] = JSON.parse([...output].join('')) as Report;
    }
  }, 60_000);

  it('is a draft 2020-12 schema that lists every contract field as required', () => {
    const schema = JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')) as { $schema: string; required: string[]; $defs: { cluster: { required: string[] } } };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['schema_version', 'tool', 'generated_at', 'input', 'clusters']);
    expect(schema.$defs.cluster.required).toEqual(['id', 'rank', 'score', 'severity', 'label', 'accounts', 'account_count', 'exchanges', 'input_tokens', 'output_tokens', 'first_seen', 'last_seen', 'evidence', 'subscores']);
  });

  it('accepts every report scan writes: fixtures, the demo, an empty input', () => {
    for (const [name, r] of Object.entries(reports)) expect(validateReport(r), name).toEqual([]);
    expect(reports.empty.clusters).toEqual([]);
    expect(reports.empty.input.time_range).toEqual({ first: null, last: null });
    expect(reports.demo.clusters.length).toBeGreaterThan(10);
    // Round trip through the bytes scan writes, too.
    expect(validateReport(JSON.parse(JSON.stringify(reports.demo)))).toEqual([]);
  });

  it('accepts the optional parts: change, resolved, suppressed, detail, allowlist marks, redaction, unknown extras', () => {
    const base = reports.campaign;
    const extended = {
      ...base,
      x_future_field: { anything: true },
      clusters: base.clusters.map((c, i) => ({ ...c, change: (['new', 'grown', 'unchanged'] as const)[i % 3], previous_id: 'C0009', allowlisted: [{ account_id: c.accounts[0], reason: 'eval vendor', entry: 1 }], detail: { shared: [{ kind: 'ip', value: '192.0.2.1', accounts: 2, exclusive: true }], days: [] } })),
      resolved: [{ id: 'C0042', account_count: 7, exchanges: 99, severity: 'high', label: 'hydra: 7 accounts' }],
      suppressed: [{ id: 'C0003', rank: 3, score: 0.7, severity_before: 'high', label: 'x', accounts: ['a'], account_count: 1, exchanges: 5, reason: 'known customer', entries: [1] }],
      redaction: { method: 'hmac-sha256', key_id: 'abcd' },
    };
    expect(validateReport(extended)).toEqual([]);
  });

  it('says what is wrong and where, one "path: message" per problem', () => {
    const good = reports.campaign;
    const c0 = good.clusters[0];
    const broken = {
      ...good,
      schema_version: '2',
      generated_at: 'yesterday',
      input: { ...good.input, records: -1, time_range: { first: 'soon', last: null } },
      clusters: [
        { ...c0, score: 1.5, severity: 'severe', rank: 0, evidence: [{ ...c0.evidence[0], value: 'high' }], subscores: { lockstep: 'x' } },
        (({ rank: _rank, ...rest }) => rest)(good.clusters[1]),
      ],
      resolved: [{ id: 'C0042' }],
      suppressed: 'none',
    };
    expect(validateReport(broken)).toEqual([
      'schema_version: must be "1"',
      'generated_at: must match format "date-time"',
      'input.records: must be >= 0',
      'input.time_range.first: must match format "date-time"',
      'clusters[0].rank: must be >= 1',
      'clusters[0].score: must be <= 1',
      'clusters[0].severity: must be one of "critical", "high", "medium", "low", "info"',
      'clusters[0].evidence[0].value: must be number or null',
      'clusters[0].subscores.lockstep: must be number or null',
      "clusters[1]: missing required property 'rank'",
      "resolved[0]: missing required property 'account_count'",
      'suppressed: must be array',
    ]);
    expect(validateReport(null)).toEqual(['report: must be object']);
    expect(validateReport([])).toEqual(['report: must be object']);
    expect(validateReport({ ...good, clusters: [{ ...c0, evidence: [] }] })).toEqual(['clusters[0].evidence: must NOT have fewer than 1 items']);
  });

  it('every format renders the demo report; ndjson lines are the json clusters', () => {
    const demo = reports.demo;
    for (const format of REPORT_FORMATS) expect(renderReport(format, demo, { color: false }).length).toBeGreaterThan(0);
    const lines = renderReport('ndjson', demo).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(demo.clusters);
    const csv = parse(renderReport('csv', demo)) as string[][];
    expect(csv).toHaveLength(demo.clusters.length + 1);
    expectValidBundle(renderReport('stix', demo));
    for (const line of renderReport('table', demo, { color: true, limit: 1000 }).split('\n')) expect(width(line)).toBeLessThanOrEqual(120);
  });
});
