/**
 * `explain <report.json> <cluster-id|account-id>` as users run it (the built bin/distill-forensics), on a report
 * of fixtures/demo and on hostile / broken report files.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runExplain } from '../../src/commands/explain.js';
import { runScan } from '../../src/commands/scan.js';
import { InputError } from '../../src/errors.js';
import { bucket, findTarget, sparkline } from '../../src/report/explain.js';
import type { Report } from '../../src/report/report.js';
import { toJson } from '../../src/report/to-json.js';
import { cli, expectOneLineError } from '../helpers/cli.js';
import { tempDir } from '../helpers/ingest.js';

// eslint-disable-next-line no-control-regex
const ESC = /\x1b/;

const dir = tempDir();
let demo: Report;
let demoPath: string;

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

beforeAll(async () => {
  ({ report: demo } = await runScan({ inputs: ['fixtures/demo/logs.jsonl.gz'], format: 'json', version: '0' }));
  demoPath = write('demo.json', toJson(demo));
});

describe('sparkline', () => {
  it('scales to the maximum, keeps zero blank and any positive value visible', () => {
    expect(sparkline([0, 1, 4, 8, 100])).toBe(' ▁▁▁█');
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8])).toBe(' ▁▂▃▄▅▆▇█');
    expect(sparkline([0, 0])).toBe('  ');
    expect(sparkline([2, 4], 8)).toBe('▂▄');
  });

  it('sums long series into buckets, exactly', () => {
    const values = Array.from({ length: 400 }, (_, i) => i % 7);
    const b = bucket(values, 60);
    expect(b).toHaveLength(60);
    expect(b.reduce((s, x) => s + x, 0)).toBe(values.reduce((s, x) => s + x, 0));
    expect(bucket([1, 2, 3], 60)).toEqual([1, 2, 3]);
  });
});

describe('explain (CLI)', () => {
  it('explains a cluster: header, why, shared attributes, timeline, model mix with the pivot, top accounts', () => {
    const c = demo.clusters.find((x) => x.detail?.pivot)!;
    const r = cli(['explain', demoPath, c.id]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(ESC);
    const out = r.stdout;
    expect(out.split('\n')[0]).toBe(`${c.id}  ${c.severity.toUpperCase()}  score ${c.score.toFixed(2)}  rank ${c.rank} of ${demo.clusters.length}`);
    expect(out).toContain(c.label);
    expect(out).toContain(`${c.account_count} accounts · ${c.exchanges.toLocaleString('en-US')} exchanges`);
    for (const e of c.evidence) {
      expect(out).toContain(e.detail);
      expect(out).toMatch(new RegExp(`  ${e.signal} +${c.subscores[e.signal]!.toFixed(2)}  value `));
    }
    for (const k of Object.keys(c.subscores)) expect(out).toContain(k);
    const d = c.detail!;
    expect(out).toContain(d.shared[0].value.slice(0, 40));
    expect(out).toMatch(new RegExp(`  ${d.days[0]} [ ▁▂▃▄▅▆▇█]+ ${d.days[d.days.length - 1]}\n`));
    for (const m of d.models) expect(out).toContain(m.model);
    expect(out).toContain(`pivot: ${c.evidence.find((e) => e.signal === 'model_pivot')!.detail}`);
    expect(out).toContain(d.top_accounts[0].account_id);
    // Deterministic: the same report, the same text.
    expect(cli(['explain', demoPath, c.id]).stdout).toBe(out);
  });

  it('leads from an account to its cluster and says where the account ranks in it', () => {
    const c = demo.clusters.find((x) => x.detail && x.account_count > x.detail.top_accounts.length)!;
    const second = c.detail!.top_accounts[1].account_id;
    const r = cli(['explain', demoPath, second]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`account ${second} is in cluster ${c.id} (${c.account_count} accounts)`);
    expect(lines[1]).toMatch(/^it ranks #2 of the cluster's accounts by exchanges/);
    expect(r.stdout).toMatch(new RegExp(`${second} .*◀`));

    const light = c.accounts.find((a) => !c.detail!.top_accounts.some((t) => t.account_id === a))!;
    const r2 = cli(['explain', demoPath, light]);
    expect(r2.code, r2.stderr).toBe(0);
    expect(r2.stdout.split('\n')[1]).toBe(`it is not among the cluster's ${c.detail!.top_accounts.length} heaviest accounts`);
  });

  it('says when a cluster has no drill-down in the report', () => {
    const report = clone(demo);
    delete report.clusters[0].detail;
    const r = cli(['explain', write('nodetail.json', report), report.clusters[0].id]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('is not in this report');
    expect(r.stdout).toContain(report.clusters[0].evidence[0].detail);
    expect(r.stdout).not.toContain('Timeline');
  });

  it('explains a cluster the allowlist suppressed', () => {
    const report = clone(demo);
    const [c] = report.clusters.splice(1, 1);
    report.suppressed = [{ id: 'S0001', rank: 2, score: c.score, severity_before: c.severity, label: c.label, accounts: c.accounts, account_count: c.account_count, exchanges: c.exchanges, reason: 'our eval vendor', entries: [1] }];
    const path = write('suppressed.json', report);
    const r = cli(['explain', path, c.accounts[0]]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('which the allowlist suppressed');
    expect(r.stdout).toContain('reason: our eval vendor');
    expect(cli(['explain', path, 'S0001']).stdout).toContain('suppressed by the allowlist');
  });

  it('an unknown id is one line and exit 2, with the closest id when one is near', () => {
    const c = demo.clusters[0];
    expectOneLineError(cli(['explain', demoPath, 'C001']), /no cluster or account 'C001' in report .*demo\.json \(did you mean C0001\?\)\n$/);
    const explain = (id: string) => () => runExplain({ report: demoPath, id, color: false });
    expect(explain(c.id.toLowerCase())).toThrow(/did you mean C0001\?/);
    const account = c.accounts[0];
    const typo = `${account.slice(0, -1)}${account.endsWith('0') ? '1' : '0'}`;
    expect(explain(typo)).toThrow(new RegExp(`did you mean ${account}\\?`));
    expect(explain('nothing-like-it')).toThrow(/^no cluster or account 'nothing-like-it' in report [^(]*; lone accounts scoring below low are not listed: it holds \d+ clusters of the input's [\d,]+ accounts$/);
    expect(explain('nothing-like-it')).toThrow(InputError);
  });

  it('a file that is not a readable schema_version 1 report is one line and exit 2', () => {
    expectOneLineError(cli(['explain', write('broken.json', '{"schema_version": '), 'C0001']), /report .*broken\.json: not valid JSON/);
    const explain = (path: string) => () => runExplain({ report: path, id: 'C0001', color: false });
    expect(explain(join(dir, 'missing.json'))).toThrow(/report .*missing\.json: no such file/);
    expect(explain(write('list.json', [1, 2]))).toThrow(/not a distill-forensics JSON report/);
    expect(explain(write('v2.json', { ...demo, schema_version: '2' }))).toThrow(/schema_version "2" is not supported \(expected "1"\)/);
    const bad = clone(demo) as unknown as { clusters: { score: unknown }[] };
    bad.clusters[0].score = 'high';
    expect(explain(write('bad.json', bad))).toThrow(/not a valid report: clusters\[0\]\.score: must be number/);
    expect(explain(write('esc.json', '\x1b]0;pwned\x07\x1b[31m{'))).toThrow(/^report .*esc\.json: not valid JSON [^\x1b\x07]*$/);
    for (const name of ['missing.json', 'list.json', 'v2.json', 'bad.json', 'esc.json']) expect(explain(join(dir, name))).toThrow(InputError);
  });

  it('colours like scan: FORCE_COLOR on, --no-color and NO_COLOR off', () => {
    expect(cli(['explain', demoPath, 'C0001'], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(ESC);
    expect(cli(['explain', demoPath, 'C0001', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(ESC);
    expect(cli(['explain', demoPath, 'C0001'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(ESC);
  });
});

describe('explain on a hostile report', () => {
  const HOSTILE_ACCOUNT = 'acct_\x1b]0;owned\x07evil\u202e';
  const hostile = (): Report => {
    const r = clone(demo);
    const c = r.clusters.find((x) => x.detail?.pivot)!;
    c.label = 'label\x1b[2J\x1b[31m red\nsecond line\rcarriage';
    c.accounts[0] = HOSTILE_ACCOUNT;
    c.evidence[0].detail = 'evidence \x1b]8;;https://evil.example\x07click\x1b]8;;\x07 \u2066hidden\u2069';
    const d = c.detail!;
    d.top_accounts[0].account_id = HOSTILE_ACCOUNT;
    d.models[0].model = 'model\x1b[5m\x9b31m';
    if (d.pivot) d.pivot.model = d.models[0].model;
    d.shared[0].value = 'value\x07\x08\x7f\ttab';
    d.shared[0].kind = 'kind\x1bP';
    d.declared_identity = 'org:\x1b[8mhidden';
    return r;
  };

  it('prints every string from the report without control characters, on the lines it belongs to', () => {
    const report = hostile();
    const c = report.clusters.find((x) => x.accounts[0] === HOSTILE_ACCOUNT)!;
    const path = write('hostile.json', report);
    for (const id of [c.id, HOSTILE_ACCOUNT]) {
      const r = cli(['explain', path, id]);
      expect(r.code, r.stderr).toBe(0);
      // eslint-disable-next-line no-control-regex
      expect(r.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
      expect(r.stdout).toContain('label red\\u000asecond line\\u000dcarriage');
      expect(r.stdout).toContain('acct_evil\\u202e');
      expect(r.stdout).toContain('evidence click \\u2066hidden\\u2069');
      expect(r.stdout).toContain('value\\u0007\\u0008\\u007f\\u0009tab');
      expect(r.stdout).toContain('declared identity: org:hidden');
    }
    const r = cli(['explain', path, HOSTILE_ACCOUNT]);
    expect(r.stdout.split('\n')[0]).toBe(`account acct_evil\\u202e is in cluster ${c.id} (${c.account_count} accounts)`);
    expect(r.stdout.split('\n')[1]).toMatch(/^it ranks #1 /);
  });

  it('an unknown hostile id is echoed safely', () => {
    const r = cli(['explain', demoPath, 'x\x1b[31my\u202ez']);
    expectOneLineError(r, /no cluster or account 'xy\\u202ez'/);
    expect(r.stderr).not.toMatch(ESC);
  });

  it('findTarget: cluster ids before account ids, suppressed last', () => {
    const r = clone(demo);
    r.clusters[1].accounts.push(r.clusters[0].id);
    expect(findTarget(r, r.clusters[0].id)).toMatchObject({ kind: 'cluster', cluster: { id: r.clusters[0].id } });
    expect(findTarget(r, r.clusters[1].accounts[0])).toMatchObject({ kind: 'account', cluster: { id: r.clusters[1].id } });
    expect(findTarget(r, 'zzz')).toEqual({ kind: 'none' });
  });
});
