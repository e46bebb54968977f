/**
 * `--allowlist FILE`: known legitimate heavy users (an eval vendor, a university class, an enterprise behind
 * one NAT) that an analyst has reviewed. YAML or JSON — a list of entries, or `{ entries: [...] }`:
 *
 *   - account_id: acct-4711          # or org_id: org-acme (one of the two)
 *     reason: eval vendor, contract 2026-113
 *     expires: 2026-12-31            # optional, YYYY-MM-DD; valid through that day (UTC)
 *
 * Behaviour (what a trust-and-safety analyst expects: a known customer must never hide anyone else):
 * - A cluster whose accounts are *all* allowlisted — each named by an account_id entry, or every account
 *   holding one allowlisted org (the cluster's `detail.shared` says so) — is taken out of `clusters` and
 *   listed under the report's `suppressed`, with its former severity and the reasons. It is never flagged
 *   and never trips `--fail-on`.
 * - A cluster with only some accounts allowlisted keeps its accounts, score and severity: the allowlisted
 *   ones are listed in its `allowlisted` field, and the rest stay under suspicion.
 * - An expired entry is not applied, and a warning says so (so the list gets reviewed, not silently kept).
 * - A malformed file or entry is an error naming the file and the entry (numbered from 1).
 */
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../errors.js';
import type { AllowlistMark, Report, ReportCluster, SuppressedCluster } from './report.js';
import { isObject, readText } from '../io/read-json.js';

export interface AllowlistEntry {
  /** Position in the file, from 1. */
  entry: number;
  account_id?: string;
  org_id?: string;
  reason: string;
  /** YYYY-MM-DD: the last day the entry applies (UTC). */
  expires?: string;
}

export interface Allowlist {
  file: string;
  entries: AllowlistEntry[];
}

const KNOWN_KEYS = new Set(['account_id', 'org_id', 'reason', 'expires', 'note', 'ticket', 'added_by']);

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** Parses allowlist text; `file` names it in errors and decides JSON (`.json`) or YAML (anything else: YAML reads JSON too). */
export function parseAllowlist(text: string, file: string): Allowlist {
  const fail = (message: string): never => {
    throw new InputError(`--allowlist ${file}: ${message}`);
  };
  let doc: unknown;
  if (extname(file).toLowerCase() === '.json') {
    try {
      doc = JSON.parse(text);
    } catch (err) {
      fail(`not valid JSON (${(err as Error).message})`);
    }
  } else {
    try {
      doc = parseYaml(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      fail(`not valid YAML or JSON (${(err as Error).message.split('\n')[0]})`);
    }
  }
  if (doc === null || doc === undefined) return { file, entries: [] };
  let list: unknown = doc;
  if (isObject(doc)) {
    const extra = Object.keys(doc).filter((k) => k !== 'entries');
    if (!('entries' in doc) || extra.length) fail(`expected a list of entries or { entries: [...] }${extra.length ? ` (unknown key '${extra[0]}')` : ''}`);
    list = doc.entries ?? [];
  }
  if (!Array.isArray(list)) return fail('expected a list of entries or { entries: [...] }');
  const entries = list.map((raw: unknown, i: number): AllowlistEntry => {
    const n = i + 1;
    const bad = (message: string): never => fail(`entry ${n}: ${message}`);
    if (!isObject(raw)) return bad('expected an object { account_id or org_id, reason, expires? }');
    for (const k of Object.keys(raw)) if (!KNOWN_KEYS.has(k)) bad(`unknown key '${k}' (known: ${[...KNOWN_KEYS].join(', ')})`);
    const id = (name: 'account_id' | 'org_id'): string | undefined => {
      const v = raw[name];
      if (v === undefined || v === null) return undefined;
      // A YAML number (org_id: 0123) would silently lose its digits: ids must be strings, quoted if need be.
      if (typeof v !== 'string') return bad(`${name} must be a string${typeof v === 'number' ? ' (quote it)' : ''}`);
      if (v.trim() === '') return bad(`${name} is empty`);
      return v;
    };
    const account = id('account_id');
    const org = id('org_id');
    if (account === undefined && org === undefined) bad('needs account_id or org_id');
    if (account !== undefined && org !== undefined) bad('give account_id or org_id, not both (one entry each)');
    if (typeof raw.reason !== 'string' || raw.reason.trim() === '') bad('needs a reason (why this user is legitimate)');
    let expires: string | undefined;
    if (raw.expires !== undefined && raw.expires !== null) {
      const e = raw.expires instanceof Date && !Number.isNaN(raw.expires.getTime()) ? raw.expires.toISOString().slice(0, 10) : raw.expires;
      if (typeof e !== 'string' || !validDate(e)) bad(`expires must be a date YYYY-MM-DD, not ${JSON.stringify(raw.expires)}`);
      expires = e as string;
    }
    return {
      entry: n,
      ...(account !== undefined ? { account_id: account } : { org_id: org }),
      reason: (raw.reason as string).trim(),
      ...(expires ? { expires } : {}),
    };
  });
  return { file, entries };
}

export function loadAllowlist(path: string): Allowlist {
  return parseAllowlist(readText(path, '--allowlist'), path);
}

export interface ApplyAllowlistOptions {
  /** "Today" for expiry; default the report's generated_at. */
  now?: Date;
  onWarning?: (message: string) => void;
}

/** Orgs the cluster's `detail` knows of (shared by two or more of its accounts), with how many hold each. */
function sharedOrgs(c: ReportCluster): { value: string; accounts: unknown }[] {
  const shared: unknown = c.detail?.shared;
  if (!Array.isArray(shared)) return [];
  return shared.filter((s): s is { kind: string; value: string; accounts: unknown } => isObject(s) && s.kind === 'org' && typeof s.value === 'string');
}

/** Org values the cluster's `detail` says every one of its accounts holds. */
function orgsOfEveryAccount(c: ReportCluster): string[] {
  return sharedOrgs(c)
    .filter((s) => typeof s.accounts === 'number' && s.accounts >= c.account_count)
    .map((s) => s.value);
}

/**
 * Applies the allowlist to a report: fully allowlisted clusters move to `suppressed`, partly allowlisted ones
 * get `allowlisted` marks. Ids and ranks are not renumbered, so a suppressed cluster keeps the id it had.
 */
export function applyAllowlist(report: Report, allowlist: Allowlist, options: ApplyAllowlistOptions = {}): Report {
  const now = options.now ?? new Date(report.generated_at);
  const today = (Number.isNaN(now.getTime()) ? new Date() : now).toISOString().slice(0, 10);
  const accounts = new Map<string, AllowlistEntry>();
  const orgs = new Map<string, AllowlistEntry>();
  for (const e of allowlist.entries) {
    if (e.expires !== undefined && e.expires < today) {
      options.onWarning?.(`--allowlist ${allowlist.file}: entry ${e.entry} expired on ${e.expires} and is not applied`);
      continue;
    }
    const map = e.account_id !== undefined ? accounts : orgs;
    const id = (e.account_id ?? e.org_id) as string;
    if (!map.has(id)) map.set(id, e);
  }

  const clusters: ReportCluster[] = [];
  const suppressed: SuppressedCluster[] = [...(report.suppressed ?? [])];
  for (const c of report.clusters) {
    const byAccount = c.accounts.map((a) => accounts.get(a));
    const wholeOrg = orgsOfEveryAccount(c).map((o) => orgs.get(o)).find((e) => e !== undefined);
    const everyAccount = c.accounts.length > 0 && byAccount.every((e) => e !== undefined);
    if (everyAccount || wholeOrg) {
      const used = wholeOrg ? [wholeOrg] : (byAccount as AllowlistEntry[]);
      const byNumber = [...new Map(used.map((e) => [e.entry, e])).values()].sort((a, b) => a.entry - b.entry);
      const entries = byNumber.map((e) => e.entry);
      const reasons = [...new Set(byNumber.map((e) => e.reason))];
      suppressed.push({
        id: c.id,
        rank: c.rank,
        score: c.score,
        severity_before: c.severity,
        label: c.label,
        accounts: c.accounts,
        account_count: c.account_count,
        exchanges: c.exchanges,
        reason: reasons.join('; '),
        entries,
      });
      continue;
    }
    const marks: AllowlistMark[] = [];
    c.accounts.forEach((a, i) => {
      const e = byAccount[i];
      if (e) marks.push({ account_id: a, reason: e.reason, entry: e.entry });
    });
    for (const { value: o } of sharedOrgs(c)) {
      const e = orgs.get(o);
      if (e) marks.push({ org_id: o, reason: e.reason, entry: e.entry });
    }
    clusters.push(marks.length ? { ...c, allowlisted: marks } : c);
  }
  return { ...report, clusters, suppressed };
}
