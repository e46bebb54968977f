/** `--redact`: HMAC-SHA256 pseudonyms for every id in the report (src/report/redact.ts). */
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScan } from '../../src/commands/scan.js';
import { UsageError } from '../../src/errors.js';
import { applyAllowlist } from '../../src/report/allowlist.js';
import { compareWithBaseline } from '../../src/report/baseline.js';
import { REPORT_FORMATS, renderReport } from '../../src/report/index.js';
import { loadOutputInputs } from '../../src/report/outputs.js';
import { keyId, loadRedactionKey, pseudonym, redactReport } from '../../src/report/redact.js';
import type { Report } from '../../src/report/report.js';
import { validateReport } from '../../src/report/validate-report.js';
import { fixture, tempDir } from '../helpers/ingest.js';
import { cluster, pipelineReport, report } from '../helpers/report.js';

const KEY = Buffer.from('0123456789abcdef0123456789abcdef');
const OTHER_KEY = Buffer.from('fedcba9876543210fedcba9876543210');
const IDENTITIES = fixture('report/identities.jsonl');

/** Every id the fixture's records carry: accounts, orgs, API keys, IPs, non-free email domains. */
function rawIds(path: string): string[] {
  const ids = new Set<string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Record<string, string>;
    for (const f of ['account_id', 'org_id', 'api_key_id', 'ip']) if (r[f]) ids.add(r[f]);
    if (r.email_domain && r.email_domain !== 'gmail.com') ids.add(r.email_domain);
  }
  return [...ids];
}

describe('pseudonym', () => {
  it('is prefix + 16 hex of HMAC-SHA256(key, "<kind>:<value>")', () => {
    const expected = createHmac('sha256', KEY).update('account:ring-a1').digest('hex').slice(0, 16);
    expect(pseudonym(KEY, 'account', 'ring-a1')).toBe(`acct_${expected}`);
    expect(pseudonym(KEY, 'org', 'o')).toMatch(/^org_[0-9a-f]{16}$/);
    expect(pseudonym(KEY, 'api_key', 'k')).toMatch(/^key_[0-9a-f]{16}$/);
    expect(pseudonym(KEY, 'ip', '10.0.0.1')).toMatch(/^ip_[0-9a-f]{16}$/);
    expect(pseudonym(KEY, 'ip_prefix', '10.0.0.0/24')).toMatch(/^ip_[0-9a-f]{16}$/);
    expect(pseudonym(KEY, 'template', 'solve #')).toMatch(/^tmpl_[0-9a-f]{16}$/);
    expect(pseudonym(KEY, 'email_domain', 'acme.example')).toMatch(/^domain_[0-9a-f]{16}$/);
  });

  it('is stable for one key, different under another, and kinds do not collide', () => {
    expect(pseudonym(KEY, 'account', 'a')).toBe(pseudonym(Buffer.from(KEY), 'account', 'a'));
    expect(pseudonym(OTHER_KEY, 'account', 'a')).not.toBe(pseudonym(KEY, 'account', 'a'));
    expect(pseudonym(KEY, 'org', 'a').slice(4)).not.toBe(pseudonym(KEY, 'account', 'a').slice(5));
    expect(keyId(KEY)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyId(KEY)).not.toBe(keyId(OTHER_KEY));
  });
});

describe('loadRedactionKey', () => {
  const dir = tempDir();
  const write = (name: string, content: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('is the file’s bytes, trimmed of surrounding whitespace', () => {
    expect(loadRedactionKey(write('k1', '  0123456789abcdef0123456789abcdef\n'))).toEqual(KEY);
    const binary = Buffer.from([0x00, 0xff, 0x10, 0x80, ...KEY]);
    expect(loadRedactionKey(write('k2', Buffer.concat([binary, Buffer.from('\r\n')])))).toEqual(binary);
  });

  it('a missing or empty key file is a one-line usage error', () => {
    const missing = join(dir, 'missing');
    expect(() => loadRedactionKey(missing)).toThrow(new UsageError(`--redact-key-file ${missing}: no such file`));
    const empty = write('empty', ' \n\t\n');
    expect(() => loadRedactionKey(empty)).toThrow(new UsageError(`--redact-key-file ${empty}: the key file is empty`));
  });

  it('a short key works but warns', () => {
    const warnings: string[] = [];
    expect(loadRedactionKey(write('short', 'secret\n'), (w) => warnings.push(w))).toEqual(Buffer.from('secret'));
    expect(warnings).toEqual([expect.stringMatching(/the key has only 6 bytes; use at least 32 random ones/)]);
  });

  it('--redact and --redact-key-file go together', () => {
    expect(() => loadOutputInputs({ redact: true })).toThrow(/^--redact needs --redact-key-file FILE/);
    expect(() => loadOutputInputs({ redactKeyFile: write('k3', 'x'.repeat(32)) })).toThrow(/^--redact-key-file is only used with --redact/);
  });
});

describe('scan --redact --errors', () => {
  it('writes each rejected line by file, line and reason, without its text', async () => {
    const dir = tempDir();
    const logs = join(dir, 'logs.jsonl');
    const keyFile = join(dir, 'key');
    writeFileSync(keyFile, KEY);
    const good = readFileSync(IDENTITIES, 'utf8').trimEnd();
    writeFileSync(logs, `${good}\n{"account_id":"victim_acct","ip":"203.0.113.99","prompt":"my secret prompt","ts":"never"}\n{not json victim_acct\n`);
    const errors = join(dir, 'errors.ndjson');
    await runScan({ inputs: [logs], format: 'json', version: 'test', redact: true, redactKeyFile: keyFile, errors, maxRejected: 0.5 });
    const written = readFileSync(errors, 'utf8');
    expect(written).not.toMatch(/victim_acct|203\.0\.113\.99|secret prompt/);
    const lines = written.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.reason, Object.hasOwn(l, 'text')])).toEqual([['bad_ts', false], ['malformed_json', false]]);
  });
});

describe('redactReport', () => {
  let plain: Report;
  let redacted: Report;
  beforeAll(async () => {
    plain = await pipelineReport([IDENTITIES]);
    redacted = redactReport(plain, KEY);
  });

  it('leaves no raw account, org, API-key id, IP or company email domain in any format', () => {
    const ids = rawIds(IDENTITIES);
    expect(ids).toEqual(expect.arrayContaining(['ring-a1', 'acme-4', 'user-10', 'org-acme-7788', 'sk-ring-shared-9f3a', '203.0.113.7', '192.0.2.50', 'acme-corp.example']));
    // The unredacted report does carry them (else this test would prove nothing).
    const before = renderReport('json', plain);
    for (const id of ['ring-a1', 'org-acme-7788', 'sk-ring-shared-9f3a', '192.0.2.50', 'acme-corp.example']) expect(before).toContain(id);
    for (const format of REPORT_FORMATS) {
      const out = renderReport(format, redacted, { limit: 1000 });
      for (const id of ids) expect(out, `${format}: ${id}`).not.toContain(id);
      expect(out, format).not.toMatch(/solve problem|summarise ticket/i);
    }
  });

  it('replaces ids by their pseudonyms, and nothing else', () => {
    const ring = plain.clusters.findIndex((c) => c.accounts.includes('ring-a1'));
    const r = redacted.clusters[ring];
    expect(r.accounts).toEqual(plain.clusters[ring].accounts.map((a) => pseudonym(KEY, 'account', a)));
    expect(r.detail?.top_accounts.map((a) => a.account_id)).toEqual(plain.clusters[ring].detail?.top_accounts.map((a) => pseudonym(KEY, 'account', a.account_id)));
    const shared = Object.fromEntries(r.detail!.shared.map((s) => [`${s.kind}:${s.value}`, s]));
    expect(shared[`ip:${pseudonym(KEY, 'ip', '203.0.113.7')}`]).toBeDefined();
    expect(shared[`ip_prefix:${pseudonym(KEY, 'ip_prefix', '203.0.113.0/24')}`]).toBeDefined();
    expect(shared[`api_key:${pseudonym(KEY, 'api_key', 'sk-ring-shared-9f3a')}`]).toBeDefined();
    expect(shared['payment:card-ring-77']).toBeDefined(); // not an id the contract redacts
    // The ring's org is one account's of five, so the ring has no declared identity; the acme group does.
    expect(r.detail?.declared_identity).toBeNull();
    const acme = plain.clusters.findIndex((c) => c.accounts.includes('acme-1'));
    expect(plain.clusters[acme].detail?.declared_identity).toBe('email_domain:acme-corp.example');
    expect(redacted.clusters[acme].detail?.declared_identity).toBe(pseudonym(KEY, 'email_domain', 'acme-corp.example'));
    // Scores, totals, evidence numbers and time series are untouched.
    const strip = (c: Report['clusters'][number]) => ({ ...c, accounts: [], label: '', evidence: c.evidence.map((e) => ({ ...e, detail: '' })), detail: { ...c.detail, top_accounts: [], shared: [], declared_identity: null } });
    expect(strip(r)).toEqual(strip(plain.clusters[ring]));
    expect(redacted.input).toEqual(plain.input);
    expect(redacted.redaction).toEqual({ method: 'hmac-sha256', key_id: keyId(KEY) });
    expect(validateReport(JSON.parse(renderReport('json', redacted)))).toEqual([]);
  });

  it('replaces a declared identity quoted in labels and evidence', () => {
    const acme = plain.clusters.findIndex((c) => c.accounts.includes('acme-1'));
    expect(plain.clusters[acme].label).toMatch(/^declared group \(email_domain:acme-corp\.example\): 4 accounts/);
    expect(redacted.clusters[acme].label).toBe(plain.clusters[acme].label.replace('email_domain:acme-corp.example', pseudonym(KEY, 'email_domain', 'acme-corp.example')));
    // Without a detail, the identity is found in the label and evidence sentences themselves.
    const c = cluster('C0001', ['a', 'b'], {
      label: 'declared group (org:Acme (EU) Ltd): 2 accounts, shared IP pool',
      evidence: [{ signal: 'shared_network', value: 1, baseline: 0, detail: '100% of accounts share 1 IPs (but 100% declare one identity, org:Acme (EU) Ltd) (typical: 0%)' }],
    });
    const out = redactReport(report([c]), KEY).clusters[0];
    const org = pseudonym(KEY, 'org', 'Acme (EU) Ltd');
    expect(out.label).toBe(`declared group (${org}): 2 accounts, shared IP pool`);
    expect(out.evidence[0].detail).toBe(`100% of accounts share 1 IPs (but 100% declare one identity, ${org}) (typical: 0%)`);
  });

  it('same key, same pseudonyms; another key, other pseudonyms', () => {
    expect(redactReport(plain, Buffer.from(KEY))).toEqual(redacted);
    const other = redactReport(plain, OTHER_KEY);
    expect(other.clusters[0].accounts).not.toEqual(redacted.clusters[0].accounts);
    expect(other.clusters[0].accounts.filter((a) => redacted.clusters[0].accounts.includes(a))).toEqual([]);
  });

  it('covers allowlist marks and suppressed clusters; resolved labels already redacted stay as they are', () => {
    const r = report([cluster('C0001', ['a', 'b', 'c'], { severity: 'high' }), cluster('C0002', ['d', 'e'], { label: 'declared group (org:acme): 2 accounts' })]);
    const allowed = applyAllowlist(r, {
      file: 'a.yaml',
      entries: [
        { entry: 1, account_id: 'a', reason: 'customer' },
        { entry: 2, account_id: 'd', reason: 'vendor' },
        { entry: 3, account_id: 'e', reason: 'vendor' },
      ],
    });
    const prev = redactReport(report([cluster('C0009', ['x', 'y'], { severity: 'high', label: 'declared group (org:acme): 2 accounts' })]), KEY);
    const compared = compareWithBaseline(allowed, prev);
    const out = redactReport(compared, KEY);
    expect(out.clusters[0].allowlisted).toEqual([{ account_id: pseudonym(KEY, 'account', 'a'), reason: 'customer', entry: 1 }]);
    expect(out.suppressed?.[0].accounts).toEqual(['d', 'e'].map((a) => pseudonym(KEY, 'account', a)));
    expect(out.suppressed?.[0].label).toBe(`declared group (${pseudonym(KEY, 'org', 'acme')}): 2 accounts`);
    expect(out.resolved?.[0].label).toBe(`declared group (${pseudonym(KEY, 'org', 'acme')}): 2 accounts`);
    expect(JSON.stringify(out)).not.toMatch(/"[abcde]"|org:acme/);
  });
});
