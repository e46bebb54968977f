/** `--allowlist`: known legitimate users suppressed but listed (src/report/allowlist.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { type Allowlist, applyAllowlist, loadAllowlist, parseAllowlist } from '../../src/report/allowlist.js';
import { finishReport } from '../../src/report/outputs.js';
import { toJson } from '../../src/report/to-json.js';
import { toTable } from '../../src/report/to-table.js';
import { validateReport } from '../../src/report/validate-report.js';
import { fixture, tempDir } from '../helpers/ingest.js';
import { cluster, pipelineReport, report } from '../helpers/report.js';

const list = (entries: Allowlist['entries']): Allowlist => ({ file: 'allow.yaml', entries });

describe('parseAllowlist', () => {
  it('reads a YAML list', () => {
    const yaml = `# reviewed 2026-05
- account_id: acct-1
  reason: eval vendor, contract 113
  expires: 2026-12-31
- org_id: "0042"
  reason: university class
  note: spring term
`;
    expect(parseAllowlist(yaml, 'a.yaml').entries).toEqual([
      { entry: 1, account_id: 'acct-1', reason: 'eval vendor, contract 113', expires: '2026-12-31' },
      { entry: 2, org_id: '0042', reason: 'university class' },
    ]);
  });

  it('reads JSON, a top-level { entries }, and JSON in a file without a .json name', () => {
    const json = JSON.stringify({ entries: [{ account_id: 'a', reason: 'r' }] });
    const expected = [{ entry: 1, account_id: 'a', reason: 'r' }];
    expect(parseAllowlist(json, 'a.json').entries).toEqual(expected);
    expect(parseAllowlist(json, 'allowlist').entries).toEqual(expected);
    expect(parseAllowlist('entries:\n  - account_id: a\n    reason: r\n', 'a.yml').entries).toEqual(expected);
  });

  it('an empty file or an empty list is an empty allowlist', () => {
    expect(parseAllowlist('', 'a.yaml').entries).toEqual([]);
    expect(parseAllowlist('# nothing yet\n', 'a.yaml').entries).toEqual([]);
    expect(parseAllowlist('[]', 'a.json').entries).toEqual([]);
    expect(parseAllowlist('entries: []', 'a.yaml').entries).toEqual([]);
  });

  it.each([
    ['a.json', '{ "entries": [ }', /^--allowlist a\.json: not valid JSON \(/],
    ['a.yaml', 'a: [', /^--allowlist a\.yaml: not valid YAML or JSON \(/],
    ['a.yaml', 'account_id: a\nreason: r\n', /^--allowlist a\.yaml: expected a list of entries or \{ entries: \[\.\.\.\] \} \(unknown key 'account_id'\)$/],
    ['a.yaml', '"just text"', /^--allowlist a\.yaml: expected a list of entries/],
    ['a.yaml', '- account_id: a\n  reason: r\n- just-a-string\n', /^--allowlist a\.yaml: entry 2: expected an object/],
    ['a.yaml', '- reason: r\n', /^--allowlist a\.yaml: entry 1: needs account_id or org_id$/],
    ['a.yaml', '- account_id: a\n  org_id: o\n  reason: r\n', /entry 1: give account_id or org_id, not both/],
    ['a.yaml', '- account_id: a\n', /entry 1: needs a reason/],
    ['a.yaml', '- account_id: a\n  reason: "  "\n', /entry 1: needs a reason/],
    ['a.yaml', '- account_id: a\n  reason: r\n- account_id: 12345\n  reason: r\n', /^--allowlist a\.yaml: entry 2: account_id must be a string \(quote it\)$/],
    ['a.yaml', '- account_id: ""\n  reason: r\n', /entry 1: account_id is empty/],
    ['a.yaml', '- account_id: a\n  reason: r\n  expires: 31/12/2026\n', /entry 1: expires must be a date YYYY-MM-DD, not "31\/12\/2026"$/],
    ['a.yaml', '- account_id: a\n  reason: r\n  expires: 2026-02-30\n', /entry 1: expires must be a date YYYY-MM-DD/],
    ['a.yaml', '- account_id: a\n  reason: r\n  expire: 2026-01-01\n', /entry 1: unknown key 'expire' \(known: account_id, org_id, reason, expires, /],
  ])('%s %j → one line naming the file and the entry', (file, text, message) => {
    let error: unknown;
    try {
      parseAllowlist(text, file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/\n/);
  });

  it('loadAllowlist names a missing file', () => {
    const missing = join(tempDir(), 'nope.yaml');
    expect(() => loadAllowlist(missing)).toThrow(new InputError(`--allowlist ${missing}: no such file`));
  });

  it('loadAllowlist reads a file', () => {
    const path = join(tempDir(), 'allow.yaml');
    writeFileSync(path, '\uFEFF- account_id: a\n  reason: r\n');
    expect(loadAllowlist(path)).toEqual({ file: path, entries: [{ entry: 1, account_id: 'a', reason: 'r' }] });
  });
});

describe('applyAllowlist', () => {
  const suspects = report([
    cluster('C0001', ['r1', 'r2', 'r3', 'known'], { severity: 'critical', score: 0.95 }),
    cluster('C0002', ['e1', 'e2'], { severity: 'high', score: 0.8, label: 'linked accounts: 2 accounts, 24/7' }),
    cluster('C0003', ['u1'], { severity: 'info', score: 0.1 }),
  ]);

  it('a cluster whose accounts are all allowlisted moves to suppressed, with its former severity and the reasons', () => {
    const out = applyAllowlist(
      suspects,
      list([
        { entry: 1, account_id: 'e1', reason: 'eval vendor' },
        { entry: 2, account_id: 'e2', reason: 'eval vendor' },
        { entry: 3, account_id: 'e2', reason: 'duplicate, ignored' },
      ]),
    );
    expect(out.clusters.map((c) => c.id)).toEqual(['C0001', 'C0003']);
    expect(out.suppressed).toEqual([
      {
        id: 'C0002',
        rank: 2,
        score: 0.8,
        severity_before: 'high',
        label: 'linked accounts: 2 accounts, 24/7',
        accounts: ['e1', 'e2'],
        account_count: 2,
        exchanges: 1000,
        reason: 'eval vendor',
        entries: [1, 2],
      },
    ]);
    expect(validateReport(JSON.parse(toJson(out)))).toEqual([]);
  });

  it('a known customer inside a suspicious cluster does not hide the rest: the cluster stays, the account is marked', () => {
    const out = applyAllowlist(suspects, list([{ entry: 1, account_id: 'known', reason: 'enterprise customer' }]));
    expect(out.suppressed).toEqual([]);
    expect(out.clusters[0]).toEqual({ ...suspects.clusters[0], allowlisted: [{ account_id: 'known', reason: 'enterprise customer', entry: 1 }] });
    expect(out.clusters[1]).toBe(suspects.clusters[1]);
    expect(validateReport(JSON.parse(toJson(out)))).toEqual([]);
  });

  it('an org entry suppresses a cluster only when every account holds that org (detail.shared), else it marks it', async () => {
    const r = await pipelineReport([fixture('report/identities.jsonl')]);
    const acme = r.clusters.find((c) => c.accounts.includes('acme-1'))!;
    expect(acme.detail?.shared).toContainEqual(expect.objectContaining({ kind: 'org', value: 'org-acme-7788', accounts: 4 }));
    const out = applyAllowlist(r, list([{ entry: 1, org_id: 'org-acme-7788', reason: 'Acme support bot' }]));
    expect(out.clusters.map((c) => c.id)).not.toContain(acme.id);
    expect(out.suppressed).toEqual([expect.objectContaining({ id: acme.id, accounts: acme.accounts, reason: 'Acme support bot', entries: [1] })]);

    // Only 2 of 4 accounts hold the org: a mark, not a suppression.
    const half = report([
      cluster('C0001', ['a', 'b', 'c', 'd'], { detail: { shared: [{ kind: 'org', value: 'org-x', accounts: 2, exclusive: true }] } as never }),
    ]);
    const marked = applyAllowlist(half, list([{ entry: 1, org_id: 'org-x', reason: 'customer' }]));
    expect(marked.suppressed).toEqual([]);
    expect(marked.clusters[0].allowlisted).toEqual([{ org_id: 'org-x', reason: 'customer', entry: 1 }]);
  });

  it('an expired entry is not applied and warns once; an entry expiring today still applies', () => {
    const warnings: string[] = [];
    const entries = list([
      { entry: 1, account_id: 'e1', reason: 'old contract', expires: '2026-06-05' },
      { entry: 2, account_id: 'e2', reason: 'current', expires: '2026-06-06' },
    ]);
    // The report's generated_at (2026-06-06) is "today".
    const out = applyAllowlist(suspects, entries, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual(['--allowlist allow.yaml: entry 1 expired on 2026-06-05 and is not applied']);
    expect(out.suppressed).toEqual([]);
    expect(out.clusters[1].allowlisted).toEqual([{ account_id: 'e2', reason: 'current', entry: 2 }]);
    // A day later both have expired.
    const later = applyAllowlist(suspects, entries, { now: new Date('2026-06-07T08:00:00Z'), onWarning: (w) => warnings.push(w) });
    expect(later.clusters[1].allowlisted).toBeUndefined();
    expect(warnings).toHaveLength(3);
  });

  it('suppressed clusters never trip --fail-on; partly allowlisted ones do; --min-severity filters suppressed by their former severity', () => {
    const all = list([
      { entry: 1, account_id: 'r1', reason: 'x' },
      { entry: 2, account_id: 'r2', reason: 'x' },
      { entry: 3, account_id: 'r3', reason: 'x' },
      { entry: 4, account_id: 'known', reason: 'x' },
      { entry: 5, account_id: 'u1', reason: 'y' },
    ]);
    const suppressedAll = finishReport(suspects, { allowlist: all }, { failOn: 'critical' });
    expect(suppressedAll.failed).toBe(false);
    expect(suppressedAll.report.suppressed?.map((s) => s.id)).toEqual(['C0001', 'C0003']);
    expect(finishReport(suspects, { allowlist: all }, { failOn: 'high' }).failed).toBe(true); // C0002 is still there
    const partly = list([{ entry: 1, account_id: 'known', reason: 'x' }]);
    expect(finishReport(suspects, { allowlist: partly }, { failOn: 'critical' }).failed).toBe(true);
    const filtered = finishReport(suspects, { allowlist: all }, { minSeverity: 'high' }).report;
    expect(filtered.suppressed?.map((s) => s.id)).toEqual(['C0001']);
    expect(filtered.clusters.map((c) => c.id)).toEqual(['C0002']);
  });

  it('the table marks allowlisted accounts and counts the suppressed clusters', () => {
    const out = applyAllowlist(
      suspects,
      list([
        { entry: 1, account_id: 'known', reason: 'customer' },
        { entry: 2, account_id: 'u1', reason: 'heavy user' },
      ]),
    );
    const table = toTable(out, { color: false });
    expect(table).toContain('[1 allowlisted] linked accounts');
    expect(table).toContain('allowlist: 1 cluster of known legitimate users suppressed (C0003; see --format json)');
    expect(table).not.toContain('│ C0003 │');
  });
});
