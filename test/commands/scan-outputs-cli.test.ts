/** `scan --baseline / --allowlist / --redact` as users run them: the built bin (run `npm run build` first; `npm test` does). */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, expectOneLineError } from '../helpers/cli.js';
import { fixture, tempDir } from '../helpers/ingest.js';

const CAMPAIGN = fixture('report/campaign.jsonl');
const IDENTITIES = fixture('report/identities.jsonl');
const RING = ['ring_03', 'ring_1', 'ring_10', 'ring_2', 'ring_5', 'ring_7'];

interface JsonCluster {
  id: string;
  severity: string;
  accounts: string[];
  change?: string;
  previous_id?: string;
  allowlisted?: { account_id?: string; reason: string }[];
}
interface JsonReport {
  clusters: JsonCluster[];
  resolved?: { id: string; severity: string }[];
  suppressed?: { id: string; accounts: string[]; severity_before: string; reason: string }[];
  redaction?: { key_id: string };
}
const json = (stdout: string) => JSON.parse(stdout) as JsonReport;
const withoutTime = (s: string) => s.replace(/"generated_at": "[^"]+"/, '');

let dir: string;
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = tempDir();
});

describe('scan --baseline', () => {
  let previous: string;
  beforeAll(() => {
    previous = join(dir, 'last-night.json');
    expect(cli(['scan', CAMPAIGN, '--out', previous]).code).toBe(0);
  });

  it('the same logs against last night: every cluster unchanged, nothing resolved', () => {
    const r = cli(['scan', CAMPAIGN, '--baseline', previous]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = json(r.stdout);
    expect(report.clusters).toHaveLength(17);
    expect(report.clusters.every((c) => c.change === 'unchanged' && c.previous_id === c.id)).toBe(true);
    expect(report.resolved).toEqual([]);
  });

  it('the table says what changed', () => {
    const r = cli(['scan', CAMPAIGN, '--baseline', previous, '--format', 'table']);
    expect(r.stdout).toContain('baseline: 0 new, 0 grown, 17 unchanged, 0 resolved');
  });

  it('new and resolved clusters against another night', () => {
    const other = join(dir, 'identities.json');
    expect(cli(['scan', IDENTITIES, '--out', other]).code).toBe(0);
    const report = json(cli(['scan', CAMPAIGN, '--baseline', other]).stdout);
    expect(report.clusters.every((c) => c.change === 'new')).toBe(true);
    // The identities fixture's ring was high; its info-level accounts are not listed as resolved.
    expect(report.resolved?.map((p) => p.severity)).toEqual(['high']);
    const table = cli(['scan', CAMPAIGN, '--baseline', other, '--format', 'table']).stdout;
    expect(table).toMatch(/│ C0001 │ critical │.*\[new\] coordinated accounts/);
    expect(table).toContain('baseline: 17 new, 0 grown, 0 unchanged, 1 resolved (C0001)');
  });

  it('a nightly job: --fail-on high with --baseline exits 1 and still writes the report', () => {
    const tonight = join(dir, 'tonight.json');
    const r = cli(['scan', CAMPAIGN, '--format', 'json', '--out', tonight, '--baseline', previous, '--fail-on', 'high', '--quiet']);
    expect(r.code).toBe(1);
    expect(json(readFileSync(tonight, 'utf8')).clusters[0].change).toBe('unchanged');
  });

  it('--min-severity hides clusters but does not make them resolved', () => {
    const report = json(cli(['scan', CAMPAIGN, '--baseline', previous, '--min-severity', 'high']).stdout);
    expect(report.clusters.map((c) => c.change)).toEqual(['unchanged']);
    expect(report.resolved).toEqual([]);
  });

  it.each([
    ['missing', () => join(dir, 'nope.json'), /^distill-forensics: --baseline \S+nope\.json: no such file$/m],
    ['invalid JSON', () => file('bad.json', '{"schema_version": "1", '), /--baseline \S+bad\.json: not valid JSON/],
    ['another schema', () => file('v2.json', '{"schema_version": "2", "clusters": []}'), /--baseline \S+v2\.json: schema_version "2" is not supported \(expected "1"\)/],
    ['a table', () => file('table.txt', '192 records · 22 accounts\n'), /--baseline \S+table\.txt: not valid JSON/],
  ])('%s → exit 2 with one line, before the logs are read', (_name, path, message) => {
    const out = join(dir, 'never.json');
    expectOneLineError(cli(['scan', '/no/such/input.jsonl', '--baseline', path(), '--out', out]), message);
    expect(readdirSync(dir)).not.toContain('never.json');
  });
});

describe('scan --allowlist', () => {
  it('a cluster of allowlisted accounts is suppressed but listed, and --fail-on does not fire on it', () => {
    const allow = file('ring.yaml', RING.map((a) => `- account_id: "${a}"\n  reason: red-team exercise RT-7\n`).join(''));
    const r = cli(['scan', CAMPAIGN, '--allowlist', allow, '--fail-on', 'high']);
    expect(r.code).toBe(0);
    const report = json(r.stdout);
    expect(report.clusters.some((c) => c.accounts.includes('ring_1'))).toBe(false);
    expect(report.suppressed).toEqual([expect.objectContaining({ id: 'C0001', accounts: RING, severity_before: 'critical', reason: 'red-team exercise RT-7' })]);
    const table = cli(['scan', CAMPAIGN, '--allowlist', allow, '--format', 'table']).stdout;
    expect(table).toContain('0 flagged (high or critical)');
    expect(table).toContain('allowlist: 1 cluster of known legitimate users suppressed (C0001; see --format json)');
  });

  it('one allowlisted account inside the campaign does not hide it', () => {
    const allow = file('one.json', JSON.stringify([{ account_id: 'ring_7', reason: 'enterprise customer' }]));
    const r = cli(['scan', CAMPAIGN, '--allowlist', allow, '--fail-on', 'high']);
    expect(r.code).toBe(1);
    const c = json(r.stdout).clusters[0];
    expect(c.accounts).toEqual(RING);
    expect(c.allowlisted).toEqual([{ account_id: 'ring_7', reason: 'enterprise customer', entry: 1 }]);
  });

  it('an expired entry warns on stderr and is not applied; --quiet silences the warning', () => {
    const allow = file('expired.yaml', `entries:\n${RING.map((a) => `  - account_id: "${a}"\n    reason: old\n    expires: 2020-01-31\n`).join('')}`);
    const r = cli(['scan', CAMPAIGN, '--allowlist', allow, '--fail-on', 'high']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe(`distill-forensics: warning: --allowlist ${allow}: entry 1 expired on 2020-01-31 and is not applied`);
    expect(json(r.stdout).suppressed).toEqual([]);
    expect(cli(['scan', CAMPAIGN, '--allowlist', allow, '--quiet']).stderr).toBe('');
  });

  it('a bad file → exit 2, one line naming the file and the entry', () => {
    const allow = file('bad.yaml', '- account_id: ring_1\n  reason: ok\n- account_id: ring_2\n');
    expectOneLineError(cli(['scan', CAMPAIGN, '--allowlist', allow]), new RegExp(`--allowlist ${allow}: entry 2: needs a reason`));
    expectOneLineError(cli(['scan', CAMPAIGN, '--allowlist', join(dir, 'none.yaml')]), /--allowlist \S+none\.yaml: no such file$/m);
  });
});

describe('scan --redact', () => {
  let key: string;
  let otherKey: string;
  const raw = (() => {
    const ids = new Set<string>();
    for (const line of readFileSync(IDENTITIES, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as Record<string, string>;
      for (const f of ['account_id', 'org_id', 'api_key_id', 'ip']) if (r[f]) ids.add(r[f]);
    }
    return [...ids];
  })();
  beforeAll(() => {
    key = file('key', '3f9c2a7d1e5b4c8a9f0e6d2b7a1c5e8f3f9c2a7d1e5b4c8a9f0e6d2b7a1c5e8f\n');
    otherKey = file('other-key', 'a-completely-different-secret-key-of-40-bytes\n');
  });

  it('no raw account id, org, API key or IP in json, ndjson or table output', () => {
    expect(raw.length).toBeGreaterThan(30);
    for (const format of ['json', 'ndjson', 'table']) {
      const r = cli(['scan', IDENTITIES, '--redact', '--redact-key-file', key, '--format', format, '--limit', '100']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      for (const id of raw) expect(r.stdout, `${format}: ${id}`).not.toContain(id);
      expect(r.stdout).toMatch(/acct_[0-9a-f]{16}|declared group \(domain_[0-9a-f]{16}\)/);
    }
  });

  it('the same key gives the same pseudonyms, another key other ones', () => {
    const a = cli(['scan', IDENTITIES, '--redact', '--redact-key-file', key]).stdout;
    const b = cli(['scan', IDENTITIES, '--redact', '--redact-key-file', key]).stdout;
    const c = cli(['scan', IDENTITIES, '--redact', '--redact-key-file', otherKey]).stdout;
    expect(withoutTime(a)).toBe(withoutTime(b));
    expect(json(a).clusters[0].accounts.every((x) => /^acct_[0-9a-f]{16}$/.test(x))).toBe(true);
    expect(json(c).clusters[0].accounts.filter((x) => json(a).clusters[0].accounts.includes(x))).toEqual([]);
    expect(json(a).redaction?.key_id).not.toBe(json(c).redaction?.key_id);
  });

  it.each([
    [['--redact'], /--redact needs --redact-key-file FILE/],
    [['--redact-key-file', 'KEY'], /--redact-key-file is only used with --redact/],
    [['--redact', '--redact-key-file', 'MISSING'], /--redact-key-file \S+missing-key: no such file$/m],
    [['--redact', '--redact-key-file', 'EMPTY'], /--redact-key-file \S+empty-key: the key file is empty$/m],
  ])('%j → exit 2 with one line', (args, message) => {
    const paths: Record<string, string> = { KEY: key, MISSING: join(dir, 'missing-key'), EMPTY: file('empty-key', '\n') };
    expectOneLineError(cli(['scan', IDENTITIES, ...args.map((a) => paths[a] ?? a)]), message);
  });

  it('a redacted baseline is compared through the same key, and refused without it', () => {
    const previous = join(dir, 'redacted-last-night.json');
    expect(cli(['scan', IDENTITIES, '--redact', '--redact-key-file', key, '--out', previous]).code).toBe(0);
    const r = cli(['scan', IDENTITIES, '--redact', '--redact-key-file', key, '--baseline', previous]);
    expect(r.code).toBe(0);
    const report = json(r.stdout);
    expect(report.clusters.every((c) => c.change === 'unchanged')).toBe(true);
    expect(report.resolved).toEqual([]);
    expectOneLineError(cli(['scan', IDENTITIES, '--baseline', previous]), /--baseline \S+: the report is redacted; compare it with --redact --redact-key-file/);
    expectOneLineError(cli(['scan', IDENTITIES, '--redact', '--redact-key-file', otherKey, '--baseline', previous]), /the report was redacted with another key \(key_id [0-9a-f]{16}, this key is [0-9a-f]{16}\)/);
  });

  it('allowlisted accounts are redacted too, after the allowlist matched their raw ids', () => {
    const allow = file('acme.yaml', '- org_id: org-acme-7788\n  reason: Acme support bot\n- account_id: ring-a1\n  reason: customer\n');
    const r = cli(['scan', IDENTITIES, '--allowlist', allow, '--redact', '--redact-key-file', key]);
    expect(r.code).toBe(0);
    const report = json(r.stdout);
    expect(report.suppressed).toHaveLength(1);
    expect(report.suppressed?.[0].accounts.every((a) => /^acct_[0-9a-f]{16}$/.test(a))).toBe(true);
    expect(report.clusters[0].allowlisted?.[0].account_id).toMatch(/^acct_[0-9a-f]{16}$/);
    for (const id of raw) expect(r.stdout).not.toContain(id);
  });
});
