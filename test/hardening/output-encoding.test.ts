/**
 * Attacker-written strings (fixtures/hostile/injection.json: ANSI CSI and OSC sequences, OSC 8 hyperlinks,
 * HTML/JS, spreadsheet formulas, bidi overrides, C1 controls, NUL, CR…) in every string field of a small
 * dump whose hostile accounts cluster by shared payment fingerprint, org and IP, so that they reach every
 * report format. Each format must carry them inertly: the terminal table and `explain` strip or escape
 * controls, JSON escapes them, CSV neutralises formulas, HTML escapes markup under a no-network CSP.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/index.js';
import { fixture } from '../helpers/ingest.js';

const BIN = new URL('../../bin/distill-forensics', import.meta.url).pathname;
const HOSTILE = JSON.parse(readFileSync(fixture('hostile/injection.json'), 'utf8')) as string[];

/** Bytes a terminal acts on: C0 controls but newline, DEL, C1 controls, bidi overrides/isolates/marks. */
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/g;
// eslint-disable-next-line no-control-regex
const HAS_SGR = /\x1b\[[0-9;]*m/;

let DIR = '';
let DUMP = '';

function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const merged: Record<string, string | undefined> = { ...process.env, DEBUG: '', NO_COLOR: undefined, FORCE_COLOR: undefined, ...env };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: merged as NodeJS.ProcessEnv, timeout: 60_000, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function scan(format: string, env: Record<string, string | undefined> = {}, extra: string[] = []) {
  const r = cli(['scan', DUMP, '--format', format, '--limit', '100', '--quiet', ...extra], env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

/** Where a forbidden character sits, for a readable failure. */
function unsafeAt(text: string): string | undefined {
  const m = TERMINAL_UNSAFE.exec(text);
  return m ? `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m.index}: ${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 20))}` : undefined;
}

/** The account ids the dump gives hostile string `h` (validation trims ids). */
const accountsOf = (h: string): string[] => [0, 1, 2, 3].map((a) => `${h}${a}`.trim());

beforeAll(() => {
  DIR = mkdtempSync(join(tmpdir(), 'distill-forensics-encoding-'));
  DUMP = join(DIR, 'hostile.jsonl');
  const t0 = Date.UTC(2026, 4, 1);
  const lines: string[] = [];
  HOSTILE.forEach((h, k) => {
    for (let a = 0; a < 4; a++) {
      for (let j = 0; j < 10; j++) {
        lines.push(
          JSON.stringify({
            ts: new Date(t0 + k * 1000 + a * 7000 + j * 3_600_000).toISOString(),
            account_id: `${h}${a}`,
            org_id: h,
            api_key_id: `${h}key${a}`,
            model: h,
            input_tokens: 200 + j,
            output_tokens: 1800 + j,
            ip: h,
            asn: h,
            country: h,
            user_agent: h,
            payment_fingerprint: h,
            account_created_at: '2026-04-30T03:10:00Z',
            email_domain: h,
            prompt: `${h} Solve problem #${j}. Think step by step and show your reasoning.`,
            prompt_hash: h,
            system_prompt_hash: h,
            topic: h,
            request_id: `${h}${a}-${j}`,
            status: h,
          }),
        );
      }
    }
  });
  // Ordinary users, so the population has a baseline.
  for (let a = 0; a < 20; a++) {
    for (let j = 0; j < 6; j++) {
      lines.push(JSON.stringify({ ts: new Date(t0 + a * 3_600_000 + j * 611_000).toISOString(), account_id: `user_${a}`, org_id: `org_${a}`, model: 'm-small', input_tokens: 50, output_tokens: 80, ip: `203.0.113.${a}`, payment_fingerprint: `card_${a}`, prompt: `question ${a}-${j}`, topic: 'chat' }));
    }
  }
  writeFileSync(DUMP, `${lines.join('\n')}\n`);
});

afterAll(() => {
  if (DIR) rmSync(DIR, { recursive: true, force: true });
});

describe('output encoding of attacker-written strings', () => {
  let report: Report;
  let jsonText = '';

  beforeAll(() => {
    jsonText = scan('json');
    report = JSON.parse(jsonText) as Report;
  });

  it('the dump puts every hostile string into the report (so the checks below see them)', () => {
    expect(report.input.rejected).toBe(0);
    const accounts = new Set(report.clusters.flatMap((c) => c.accounts));
    for (const h of HOSTILE) for (const id of accountsOf(h)) expect(accounts.has(id), JSON.stringify(id)).toBe(true);
    // The hostile groups are clusters of their own, labelled with their (hostile) declared identity.
    expect(report.clusters.filter((c) => c.account_count === 4)).toHaveLength(HOSTILE.length);
  });

  it('json: parses back to the exact strings, with every C0 control escaped', () => {
    expect(unsafeAt(jsonText.replace(/[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ''))).toBeUndefined();
    expect(jsonText).not.toContain('\u001b');
    expect(jsonText).toContain('\\u001b[31mred\\u001b[0m0');
    expect(jsonText).toContain('\\u001b]8;;http://evil\\u0007x\\u001b]8;;\\u00070');
    expect(jsonText).toContain('e\\u0000f0');
  });

  it('ndjson: one cluster object per line, escaped the same way', () => {
    const text = scan('ndjson');
    expect(text).not.toContain('\u001b');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(report.clusters.length);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(report.clusters);
    expect(unsafeAt(text.replace(/[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ''))).toBeUndefined();
  });

  // Was a gap (src/report/to-json.ts, now escaped by safeJson): JSON.stringify leaves DEL, C1 controls (U+0080–U+009F, e.g. U+009B =
  // CSI, U+009D = OSC on terminals that honour 8-bit controls) and bidi overrides raw. The output is valid
  // JSON, but `scan --format json` on a terminal, or `cat report.json`, passes them to the terminal.
  // Escaping them as \uXXXX after stringify keeps the same parsed value. Turn into `it` when fixed.
  it('json: no raw DEL, C1 controls or bidi overrides either', () => {
    expect(unsafeAt(jsonText)).toBeUndefined();
  });

  it('table: no escape sequence, control character or bidi override reaches the terminal', () => {
    const table = scan('table');
    expect(unsafeAt(table)).toBeUndefined();
    // The hostile identities are shown, made visible instead of acted on.
    expect(table).toContain('a\\u202eb');
    expect(table).toContain('\\u009b31mc1csi');
    expect(table).toContain('e\\u0000f');
    // OSC sequences (title, hyperlink) are dropped whole, their payload with them.
    expect(table).not.toContain('pwned title');
    expect(table).not.toContain(']8;;');
  });

  it('table with FORCE_COLOR=1: the only escapes are the tool\'s own SGR colours', () => {
    const plain = scan('table');
    const coloured = scan('table', { FORCE_COLOR: '1' });
    expect(coloured).toMatch(HAS_SGR);
    const stripped = coloured.replace(SGR, '');
    expect(unsafeAt(stripped)).toBeUndefined();
    expect(stripped).toBe(plain);
  });

  it('csv: parses, and no cell starts with = + - @ tab or CR', (ctx) => {
    const r = cli(['scan', DUMP, '--format', 'csv', '--quiet']);
    // --format csv is being added alongside this suite; without it there is nothing to check yet.
    if (r.code === 2 && /argument 'csv' is invalid/.test(r.stderr)) ctx.skip();
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout, { relax_column_count: false }) as string[][];
    expect(rows.length).toBe(report.clusters.length + 1);
    const dangerous = rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
    expect(dangerous).toEqual([]);
    // The formulas are there, neutralised by a leading apostrophe.
    const accounts = rows.slice(1).map((row) => row[rows[0].indexOf('accounts')]);
    expect(accounts).toContain(`'${accountsOf('=HYPERLINK("http://evil","x")').join(';')}`);
    expect(accounts).toContain(`'${accountsOf("+cmd|' /C calc'!A0").join(';')}`);
    expect(accounts).toContain(`'${accountsOf('-2+3').join(';')}`);
    expect(accounts).toContain(`'${accountsOf('@SUM(A1)').join(';')}`);
  });

  it('features --out f.csv: account ids that look like formulas are neutralised there too', () => {
    const out = join(DIR, 'features.csv');
    const r = cli(['features', DUMP, '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8')) as string[][];
    expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    const ids = rows.slice(1).map((row) => row[rows[0].indexOf('account_id')]);
    expect(ids).toContain(`'${accountsOf('=HYPERLINK("http://evil","x")')[0]}`);
    expect(ids).toContain(`'${accountsOf('@SUM(A1)')[0]}`);
  });

  it('html: markup escaped, no raw injected script or handler, a CSP with no network access', (ctx) => {
    const r = cli(['scan', DUMP, '--format', 'html', '--quiet']);
    if (r.code === 2 && /argument 'html' is invalid/.test(r.stderr)) ctx.skip();
    expect(r.code).toBe(0);
    const html = r.stdout;
    expect(html).not.toContain('<script>alert(');
    expect(html).not.toContain('</script><script>alert(2)');
    expect(html).not.toContain('" onerror=alert(1) x="');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/\b(?:href|src|action)\s*=\s*["']?\s*(?:https?:|javascript:)/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/https?:|\*|'unsafe-inline'|'unsafe-eval'/);
    // The report data block cannot be closed early by a log-derived "</script>".
    const data = /<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(data).not.toMatch(/<\/script|<!--/i);
  });

  it('explain: a hostile cluster and a hostile account id are shown without any terminal control', (ctx) => {
    const reportPath = join(DIR, 'report.json');
    writeFileSync(reportPath, jsonText);
    const probe = cli(['explain', '--help']);
    if (probe.code !== 0) ctx.skip();
    const cluster = report.clusters.find((c) => c.accounts.includes(accountsOf('\u001b]0;pwned title\u0007')[0]))!;
    for (const id of [cluster.id, accountsOf('\u001b]8;;http://evil\u0007x\u001b]8;;\u0007')[0], accountsOf('a\u202eb')[1], 'no\u001b[2Jsuch\u0007id']) {
      const r = cli(['explain', reportPath, id]);
      expect([0, 2]).toContain(r.code);
      expect(unsafeAt(r.stdout), JSON.stringify(id)).toBeUndefined();
      expect(unsafeAt(r.stderr), JSON.stringify(id)).toBeUndefined();
      expect(r.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(1);
    }
  });

  it('explain: a tampered report (escapes in label, evidence, ids) is shown or refused safely', (ctx) => {
    const probe = cli(['explain', '--help']);
    if (probe.code !== 0) ctx.skip();
    const tampered = structuredClone(report);
    const c = tampered.clusters[0];
    c.label = '\u001b]0;owned\u0007\u001b[2J\u009b2J label';
    for (const e of c.evidence) e.detail = `\u001b[31m${e.detail}\u202e`;
    const path = join(DIR, 'tampered.json');
    writeFileSync(path, JSON.stringify(tampered));
    const r = cli(['explain', path, c.id]);
    expect([0, 2]).toContain(r.code);
    expect(unsafeAt(r.stdout)).toBeUndefined();
    expect(unsafeAt(r.stderr)).toBeUndefined();
  });
});

describe('error messages that quote an untrusted file', () => {
  const EVIL = '\u001b]0;PWNED\u0007\u001b[31mred {';

  it.each([
    ['explain', (p: string) => ['explain', p, 'C0001']],
    ['scan --baseline', (p: string) => ['scan', fixture('ingest/small.jsonl'), '--baseline', p, '--quiet']],
  ])('%s: a file that is not JSON is refused in one terminal-safe line', (name, args) => {
    const path = join(DIR, `evil-${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(path, EVIL);
    const r = cli(args(path));
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(unsafeAt(r.stderr)).toBeUndefined();
  });

  // Was a bug (src/io/read-json.ts + errors.ts oneLine(), now terminal-safe): V8's JSON.parse message quotes the
  // start of the text it choked on, and readJson passes it through raw; oneLine() only removes CR/LF, so a
  // --weights / --allowlist / evaluate file beginning with "\e]0;PWNED\a\e[31m" retitles and recolours the
  // analyst's terminal from stderr. Every stderr message now goes through terminalSafe() in oneLine().
  it.each([
    ['scan --weights', (p: string) => ['scan', fixture('ingest/small.jsonl'), '--weights', p, '--quiet']],
    ['scan --allowlist', (p: string) => ['scan', fixture('ingest/small.jsonl'), '--allowlist', p, '--quiet']],
    ['evaluate', (p: string) => ['evaluate', p, '--truth', DIR]],
  ])('%s: a file that is not JSON is refused in one terminal-safe line', (name, args) => {
    const path = join(DIR, `evil-${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(path, EVIL);
    const r = cli(args(path));
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(unsafeAt(r.stderr)).toBeUndefined();
  });
});
