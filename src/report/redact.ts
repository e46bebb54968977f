/**
 * `--redact --redact-key-file FILE`: a report that can leave the trust-and-safety team. Every account, org
 * and API-key id, IP and prompt template in it becomes an HMAC-SHA256 pseudonym under a secret key:
 *
 *   prefix + first 16 hex digits of HMAC-SHA256(key, "<kind>:<value>")
 *
 * with `acct_` (accounts), `org_` (orgs), `key_` (API keys), `ip_` (IPs and IP prefixes), `tmpl_` (prompt
 * templates) and `domain_` (email domains). The same key gives the same pseudonyms in every report, so
 * reports can still be compared and joined; whoever holds the key can compute the pseudonym of a known id,
 * nobody else can reverse one. The key is the key file's bytes with surrounding whitespace trimmed.
 *
 * It is the last step before a reporter runs, so it covers every `--format`. Labels and evidence sentences
 * may quote a cluster's declared identity (`org:…` or `email_domain:…`); that text is replaced by its
 * pseudonym too. Analyst-written allowlist reasons are copied as written.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import type { Report, ReportCluster } from './report.js';
import { isObject } from '../io/read-json.js';

export type IdKind = 'account' | 'org' | 'api_key' | 'ip' | 'ip_prefix' | 'template' | 'email_domain';

export const PSEUDONYM_PREFIX: Record<IdKind, string> = {
  account: 'acct_',
  org: 'org_',
  api_key: 'key_',
  ip: 'ip_',
  ip_prefix: 'ip_',
  template: 'tmpl_',
  email_domain: 'domain_',
};

/** Keys shorter than this are accepted with a warning: a short key makes pseudonyms of guessable ids guessable. */
export const MIN_KEY_BYTES = 16;

/** The pseudonym of one id: `acct_` + 16 hex for an account, and so on. */
export function pseudonym(key: Buffer, kind: IdKind, value: string): string {
  return PSEUDONYM_PREFIX[kind] + createHmac('sha256', key).update(`${kind}:${value}`).digest('hex').slice(0, 16);
}

/** Names the key without revealing it, so a later run can tell whether it uses the same one. */
export function keyId(key: Buffer): string {
  return createHmac('sha256', key).update('distill-forensics key id').digest('hex').slice(0, 16);
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c]);

/** Reads `--redact-key-file`: its bytes, trimmed of surrounding whitespace; missing or empty is a usage error. */
export function loadRedactionKey(path: string, onWarning?: (message: string) => void): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new UsageError(`--redact-key-file ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let start = 0;
  let end = bytes.length;
  while (start < end && WHITESPACE.has(bytes[start])) start++;
  while (end > start && WHITESPACE.has(bytes[end - 1])) end--;
  if (start === end) throw new UsageError(`--redact-key-file ${path}: the key file is empty`);
  const key = Buffer.from(bytes.subarray(start, end));
  if (key.length < MIN_KEY_BYTES) onWarning?.(`--redact-key-file ${path}: the key has only ${key.length} bytes; use at least 32 random ones (openssl rand -hex 32)`);
  return key;
}

/** Declared identities as labels and evidence quote them: "declared group (org:acme): …", "declare one identity, org:acme)". */
const IDENTITY_IN_LABEL = /^declared group \(((?:org|email_domain):.*)\): [\d,]+ accounts?\b/;
const IDENTITY_IN_EVIDENCE = /declare one identity, ((?:org|email_domain):.*?)\)(?: \(typical|$)/;

/** Values in `detail.shared` (and anything shaped {kind, value}) that are redacted, by kind. */
const SHARED_KINDS: Record<string, IdKind> = {
  ip: 'ip',
  ip_prefix: 'ip_prefix',
  org: 'org',
  api_key: 'api_key',
  template: 'template',
  email_domain: 'email_domain',
};

/** Fields holding ids, wherever they appear inside a cluster's `detail`. */
const ID_FIELDS: Record<string, IdKind> = {
  account_id: 'account',
  accounts: 'account',
  org_id: 'org',
  org_ids: 'org',
  api_key_id: 'api_key',
  api_key_ids: 'api_key',
  ip: 'ip',
  ips: 'ip',
  top_ip: 'ip',
  ip_prefix: 'ip_prefix',
  email_domain: 'email_domain',
};

class Redactor {
  constructor(private readonly key: Buffer) {}

  id(kind: IdKind, value: string): string {
    return pseudonym(this.key, kind, value);
  }

  /** "org:acme" → "org_…", "email_domain:acme.com" → "domain_…". */
  identity(value: string): string {
    const m = /^(org|email_domain):(.*)$/s.exec(value);
    return m ? this.id(m[1] as IdKind, m[2]) : this.id('org', value);
  }

  /** Replaces every quoted identity in a text, longest first (one may contain another). */
  text(s: string, identities: string[]): string {
    let out = s;
    for (const ident of identities) if (ident && out.includes(ident)) out = out.split(ident).join(this.identity(ident));
    return out;
  }

  identitiesIn(label: string, evidence: { detail: string }[] = [], declared?: unknown): string[] {
    const found = new Set<string>();
    if (typeof declared === 'string' && declared !== '') found.add(declared);
    const m = IDENTITY_IN_LABEL.exec(label);
    if (m) found.add(m[1]);
    for (const e of evidence) {
      const n = typeof e.detail === 'string' ? IDENTITY_IN_EVIDENCE.exec(e.detail) : null;
      if (n) found.add(n[1]);
    }
    return [...found].sort((a, b) => b.length - a.length);
  }

  /** Walks a cluster's `detail`: id fields and {kind, value} pairs become pseudonyms; quoted identities are replaced in every other string. */
  detail(value: unknown, identities: string[], field?: string): unknown {
    const kind = field !== undefined ? ID_FIELDS[field] : undefined;
    if (typeof value === 'string') {
      if (field === 'declared_identity') return this.identity(value);
      return kind ? this.id(kind, value) : this.text(value, identities);
    }
    if (Array.isArray(value)) return value.map((v) => this.detail(v, identities, kind ? field : undefined));
    if (!isObject(value)) return value;
    const valueKind = typeof value.kind === 'string' && typeof value.value === 'string' ? SHARED_KINDS[value.kind] : undefined;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'value' && valueKind) out[k] = this.id(valueKind, v as string);
      else out[k] = this.detail(v, identities, k);
    }
    return out;
  }

  cluster(c: ReportCluster): ReportCluster {
    const detail: unknown = c.detail;
    const declared = isObject(detail) ? detail.declared_identity : undefined;
    const identities = this.identitiesIn(c.label, c.evidence, declared);
    const out: ReportCluster = {
      ...c,
      label: this.text(c.label, identities),
      accounts: c.accounts.map((a) => this.id('account', a)),
      evidence: c.evidence.map((e) => ({ ...e, detail: this.text(e.detail, identities) })),
    };
    if (detail !== undefined) (out as { detail?: unknown }).detail = this.detail(detail, identities);
    if (c.allowlisted) {
      out.allowlisted = c.allowlisted.map((m) =>
        'account_id' in m ? { ...m, account_id: this.id('account', m.account_id) } : { ...m, org_id: this.id('org', m.org_id) },
      );
    }
    return out;
  }
}

/**
 * The report with every id replaced by its pseudonym under `key`: cluster accounts, allowlist marks, the
 * suppressed clusters' accounts, the `detail` drill-downs (top accounts, shared IPs / prefixes / orgs / keys /
 * templates / email domains, the declared identity) and identities quoted in labels and evidence.
 */
export function redactReport(report: Report, key: Buffer): Report {
  const r = new Redactor(key);
  const out: Report = { ...report, clusters: report.clusters.map((c) => r.cluster(c)) };
  if (report.resolved) out.resolved = report.resolved.map((p) => ({ ...p, label: r.text(p.label, r.identitiesIn(p.label)) }));
  if (report.suppressed) {
    out.suppressed = report.suppressed.map((s) => ({
      ...s,
      label: r.text(s.label, r.identitiesIn(s.label)),
      accounts: s.accounts.map((a) => r.id('account', a)),
    }));
  }
  out.redaction = { method: 'hmac-sha256', key_id: keyId(key) };
  return out;
}
