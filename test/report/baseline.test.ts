/** `--baseline`: clusters matched to an earlier report by account overlap (src/report/baseline.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { compareWithBaseline, GROWTH_MIN_EXCHANGES, readBaseline } from '../../src/report/baseline.js';
import { toJson } from '../../src/report/to-json.js';
import { validateReport } from '../../src/report/validate-report.js';
import { fixture, tempDir } from '../helpers/ingest.js';
import { cluster, pipelineReport, report } from '../helpers/report.js';

const ids = (prefix: string, n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `${prefix}${from + i}`);

describe('compareWithBaseline', () => {
  it.each(['report/campaign.jsonl', 'report/identities.jsonl', 'ingest/small.jsonl'])('a report compared with itself is all unchanged, nothing resolved (%s)', async (file) => {
    const r = await pipelineReport([fixture(file)]);
    const compared = compareWithBaseline(r, r);
    expect(compared.clusters.length).toBe(r.clusters.length);
    expect(compared.clusters.every((c) => c.change === 'unchanged')).toBe(true);
    expect(compared.clusters.map((c) => c.previous_id)).toEqual(r.clusters.map((c) => c.id));
    expect(compared.resolved).toEqual([]);
    expect(validateReport(JSON.parse(toJson(compared)))).toEqual([]);
  });

  it('does not change its inputs, and keeps everything else of the report', () => {
    const prev = report([cluster('C0001', ['a', 'b'])]);
    const now = report([cluster('C0001', ['a', 'b', 'c'])]);
    const before = JSON.stringify([prev, now]);
    const out = compareWithBaseline(now, prev);
    expect(JSON.stringify([prev, now])).toBe(before);
    const { change, previous_id, ...rest } = out.clusters[0];
    expect(rest).toEqual(now.clusters[0]);
    expect([change, previous_id]).toEqual(['grown', 'C0001']);
    expect(out.input).toEqual(now.input);
  });

  it('matches by accounts, never by id', () => {
    const prev = report([cluster('C0001', ['a', 'b', 'c']), cluster('C0002', ['x', 'y', 'z'])]);
    const now = report([cluster('C0001', ['x', 'y', 'z']), cluster('C0002', ['p', 'q'])]);
    const out = compareWithBaseline(now, prev);
    expect(out.clusters.map((c) => [c.id, c.change, c.previous_id])).toEqual([
      ['C0001', 'unchanged', 'C0002'],
      ['C0002', 'new', undefined],
    ]);
    expect(out.resolved).toEqual([{ id: 'C0001', account_count: 3, exchanges: 1000, severity: 'medium', label: 'linked accounts: 3 accounts' }]);
  });

  it('matches when at least half of the smaller cluster is shared, not below', () => {
    const prev = report([cluster('C0001', ['a', 'b', 'c', 'd'])]);
    // 2 of the smaller (4) shared: a match; it holds accounts the earlier one did not, so it grew.
    expect(compareWithBaseline(report([cluster('C0001', ['a', 'b', 'x', 'y', 'z'])]), prev).clusters[0].change).toBe('grown');
    // 1 of the smaller (3) shared: no match.
    const out = compareWithBaseline(report([cluster('C0001', ['a', 'x', 'y'])]), prev);
    expect(out.clusters[0].change).toBe('new');
    expect(out.resolved?.map((p) => p.id)).toEqual(['C0001']);
  });

  it('a campaign that split into two clusters: both pieces match it, it is not resolved', () => {
    const prev = report([cluster('C0001', ids('a', 30))]);
    const now = report([cluster('C0001', ids('a', 15)), cluster('C0002', ids('a', 15, 15))]);
    const out = compareWithBaseline(now, prev);
    expect(out.clusters.map((c) => [c.change, c.previous_id])).toEqual([
      ['unchanged', 'C0001'],
      ['unchanged', 'C0001'],
    ]);
    expect(out.resolved).toEqual([]);
  });

  it('two earlier clusters merged: the merged one matches the larger part and grew; the smaller part is not resolved', () => {
    const prev = report([cluster('C0001', ids('a', 10)), cluster('C0002', ids('b', 4))]);
    const now = report([cluster('C0001', [...ids('a', 10), ...ids('b', 4)])]);
    const out = compareWithBaseline(now, prev);
    expect(out.clusters[0]).toMatchObject({ change: 'grown', previous_id: 'C0001' });
    expect(out.resolved).toEqual([]);
  });

  it('takes the match sharing the most accounts', () => {
    const prev = report([cluster('C0001', ['a', 'b', 'c']), cluster('C0002', ['d', 'e', 'f', 'g', 'h'])]);
    const now = report([cluster('C0001', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])]);
    expect(compareWithBaseline(now, prev).clusters[0].previous_id).toBe('C0002');
  });

  it('a cluster that lost accounts and gained none is unchanged', () => {
    const prev = report([cluster('C0001', ids('a', 10))]);
    expect(compareWithBaseline(report([cluster('C0001', ids('a', 7), { exchanges: 800 })]), prev).clusters[0].change).toBe('unchanged');
  });

  it('grown on exchanges: more than 10% more, and at least GROWTH_MIN_EXCHANGES more', () => {
    const prev = report([cluster('C0001', ['a', 'b'], { exchanges: 1000 }), cluster('C0002', ['c', 'd'], { exchanges: 50 })]);
    const change = (first: number, second: number) =>
      compareWithBaseline(report([cluster('C0001', ['a', 'b'], { exchanges: first }), cluster('C0002', ['c', 'd'], { exchanges: second })]), prev).clusters.map((c) => c.change);
    expect(change(1100, 50)).toEqual(['unchanged', 'unchanged']); // exactly 10%: not more
    expect(change(1101, 50)).toEqual(['grown', 'unchanged']);
    expect(change(1000, 50 + GROWTH_MIN_EXCHANGES - 1)).toEqual(['unchanged', 'unchanged']); // +198%, but a handful of exchanges
    expect(change(1000, 50 + GROWTH_MIN_EXCHANGES)).toEqual(['unchanged', 'grown']);
    expect(change(500, 10)).toEqual(['unchanged', 'unchanged']); // fewer exchanges is not growth
  });

  it('resolved lists only earlier clusters at low or above, in their earlier order', () => {
    const prev = report([
      cluster('C0001', ['a', 'b'], { severity: 'critical' }),
      cluster('C0002', ['c', 'd'], { severity: 'low' }),
      cluster('C0003', ['e'], { severity: 'info' }),
      cluster('C0004', ['f', 'g'], { severity: 'high', label: 'hydra: 2 accounts' }),
    ]);
    const out = compareWithBaseline(report([cluster('C0001', ['c', 'd'])]), prev);
    expect(out.clusters[0]).toMatchObject({ change: 'unchanged', previous_id: 'C0002' });
    expect(out.resolved).toEqual([
      { id: 'C0001', account_count: 2, exchanges: 1000, severity: 'critical', label: 'linked accounts: 2 accounts' },
      { id: 'C0004', account_count: 2, exchanges: 1000, severity: 'high', label: 'hydra: 2 accounts' },
    ]);
  });

  it('against an empty report everything is new; an empty report resolves everything', () => {
    const some = report([cluster('C0001', ['a', 'b'])]);
    expect(compareWithBaseline(some, report([])).clusters[0].change).toBe('new');
    expect(compareWithBaseline(report([]), some).resolved?.map((p) => p.id)).toEqual(['C0001']);
  });

  it('accountKey maps this report’s ids into the earlier report’s (a redacted baseline)', () => {
    const prev = report([cluster('C0001', ['acct_a', 'acct_b'])]);
    const out = compareWithBaseline(report([cluster('C0001', ['a', 'b'])]), prev, { accountKey: (id) => `acct_${id}` });
    expect(out.clusters[0].change).toBe('unchanged');
    expect(out.clusters[0].accounts).toEqual(['a', 'b']);
  });
});

describe('readBaseline', () => {
  const dir = tempDir();
  const write = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const error = (path: string): string => {
    try {
      readBaseline(path);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return (err as Error).message;
    }
    throw new Error('expected an error');
  };

  it('reads a report written by scan', async () => {
    const r = await pipelineReport([fixture('report/campaign.jsonl')]);
    const path = write('ok.json', toJson(r));
    expect(readBaseline(path).clusters.map((c) => c.id)).toEqual(r.clusters.map((c) => c.id));
  });

  it.each([
    ['missing', null, /^--baseline \S+missing\.json: no such file$/],
    ['garbage', '{ not json', /^--baseline \S+garbage\.json: not valid JSON \(/],
    ['array', '[]', /: not a distill-forensics JSON report \(expected an object/],
    ['csv', '"id","rank"\n', /: not valid JSON \(/],
    ['string', '"C0001"', /: not a distill-forensics JSON report \(expected an object/],
    ['nover', '{"clusters": []}', /: not a distill-forensics JSON report \(no schema_version/],
    ['v2', JSON.stringify({ ...report([]), schema_version: '2' }), /: schema_version "2" is not supported \(expected "1"\)$/],
    ['noaccounts', JSON.stringify(report([{ ...cluster('C0001', ['a']), accounts: undefined as unknown as string[] }])), /: not a valid report: clusters\[0\]: missing required property 'accounts'/],
    ['badsev', JSON.stringify(report([cluster('C0001', ['a'], { severity: 'severe' as 'high' })])), /: not a valid report: clusters\[0\]\.severity: must be one of /],
    ['numacct', JSON.stringify(report([cluster('C0001', [1 as unknown as string])])), /clusters\[0\]\.accounts\[0\]: must be string/],
  ])('%s → one line naming the file and the place', (name, content, message) => {
    const path = content === null ? join(dir, `${name}.json`) : write(`${name}.json`, content);
    const m = error(path);
    expect(m).toMatch(message);
    expect(m).toContain(path);
    expect(m).not.toMatch(/\n/);
  });
});
