// What an analyst would do without this tool: a handful of DuckDB queries over the dump,
// scored against simulate's ground truth exactly like the tool's flagged clusters.
//
//   node bench/analyst-baseline.mjs DIR [--report R.json]
//
// DIR is a directory written by `distill-forensics simulate` (logs.jsonl + truth.json). If it does
// not exist it is generated with `simulate --out DIR --scale 0.008 --seed 21`. The tool is run with
// `scan DIR/logs.jsonl --format json` unless --report points at an existing JSON report of that dump.
// Prints a markdown table per method: findings (groups), accounts returned, campaigns touched,
// per-campaign consolidation (largest share of the campaign in one finding group) and recall (share
// of the campaign anywhere in the findings), look-alike populations and background accounts
// returned, and precision (campaign accounts / accounts returned).
import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = resolve(here, '..', 'bin', 'distill-forensics');

const args = process.argv.slice(2);
const reportFlag = args.indexOf('--report');
const givenReport = reportFlag >= 0 ? args[reportFlag + 1] : undefined;
const dir = resolve(args.find((a, i) => !a.startsWith('--') && i !== reportFlag + 1) ?? '/tmp/analyst-dump');

if (!existsSync(join(dir, 'logs.jsonl'))) {
  process.stderr.write(`${dir}/logs.jsonl not found; generating it (scale 0.008, seed 21)\n`);
  execFileSync(cli, ['simulate', '--out', dir, '--scale', '0.008', '--seed', '21'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
const logs = join(dir, 'logs.jsonl');
const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));

// ---------------------------------------------------------------- thresholds (stated, not tuned per campaign)
const T = {
  cardMinAccounts: 3, // a card paying for >= 3 accounts ...
  cardMinOrgs: 2, // ... that sit in >= 2 different orgs (one company's card on its own org is normal)
  ipMinAccounts: 5, // an IP used by >= 5 distinct accounts
  burstMinAccounts: 5, // >= 5 accounts created in the same clock hour
  promptMinShare: 0.2, // >= 20% of an account's prompts ask for step-by-step reasoning / a rubric ...
  promptMinExchanges: 100, // ... and the account made >= 100 exchanges in the window
  topN: 50, // the 50 heaviest accounts by exchanges
};
const REASONING_RE = 'step by step|step-by-step|chain of thought|rubric|show your (work|reasoning)|think out loud';

/** Accounts whose prompts mostly ask for step-by-step reasoning or rubric grading, with at least `minExchanges`. */
function reasoningSql(minExchanges) {
  return `WITH acct AS (
  SELECT account_id,
         sum(coalesce(request_count, 1)) AS exchanges,
         avg(CASE WHEN regexp_matches(lower(prompt), '${REASONING_RE}') THEN 1 ELSE 0 END) AS reasoning_share
  FROM logs
  WHERE prompt IS NOT NULL
  GROUP BY account_id
)
SELECT 'reasoning-heavy accounts' AS grp, list(account_id) AS accounts
FROM acct
WHERE reasoning_share >= ${T.promptMinShare} AND exchanges >= ${minExchanges}`;
}

// ---------------------------------------------------------------- the analyst's queries
const QUERIES = [
  {
    id: 'A',
    name: `shared card: payment fingerprint on >= ${T.cardMinAccounts} accounts across >= ${T.cardMinOrgs} orgs`,
    short: 'A. card shared across orgs',
    sql: `SELECT payment_fingerprint AS grp, list(DISTINCT account_id) AS accounts
FROM logs
WHERE payment_fingerprint IS NOT NULL
GROUP BY payment_fingerprint
HAVING count(DISTINCT account_id) >= ${T.cardMinAccounts} AND count(DISTINCT org_id) >= ${T.cardMinOrgs}`,
  },
  {
    id: 'B',
    name: `shared IP: IP used by >= ${T.ipMinAccounts} distinct accounts`,
    short: 'B. IP shared by many accounts',
    sql: `SELECT ip AS grp, list(DISTINCT account_id) AS accounts
FROM logs
WHERE ip IS NOT NULL
GROUP BY ip
HAVING count(DISTINCT account_id) >= ${T.ipMinAccounts}`,
  },
  {
    id: 'C',
    name: `signup burst: >= ${T.burstMinAccounts} accounts created in the same hour`,
    short: 'C. signup burst (same hour)',
    sql: `WITH acct AS (
  SELECT account_id, min(account_created_at) AS created FROM logs GROUP BY account_id
)
SELECT strftime(date_trunc('hour', created), '%Y-%m-%dT%H') AS grp, list(account_id) AS accounts
FROM acct
WHERE created IS NOT NULL
GROUP BY date_trunc('hour', created)
HAVING count(*) >= ${T.burstMinAccounts}`,
    needs: 'account_created_at',
  },
  {
    id: 'D',
    name: `reasoning harvest: >= ${T.promptMinShare * 100}% of prompts match /${REASONING_RE}/ and >= ${T.promptMinExchanges} exchanges`,
    short: 'D. step-by-step prompts + volume',
    sql: reasoningSql(T.promptMinExchanges),
    needs: 'prompt',
  },
  {
    // Sensitivity check on D's volume floor; reported, but not part of the analyst's union below.
    id: "D'",
    variant: true,
    name: `D without the volume floor: >= ${T.promptMinShare * 100}% of prompts match, any volume (sensitivity row, not in the union)`,
    short: "D'. same, no volume floor",
    sql: reasoningSql(0),
    needs: 'prompt',
  },
  {
    id: 'E',
    name: `top ${T.topN} accounts by exchanges`,
    short: `E. top ${T.topN} accounts by volume`,
    sql: `WITH acct AS (
  SELECT account_id, sum(coalesce(request_count, 1)) AS exchanges FROM logs GROUP BY account_id
)
SELECT 'top accounts' AS grp, list(account_id ORDER BY exchanges DESC, account_id) AS accounts
FROM (SELECT * FROM acct ORDER BY exchanges DESC, account_id LIMIT ${T.topN})`,
  },
];

// ---------------------------------------------------------------- run them
const db = await DuckDBInstance.create(':memory:');
const conn = await db.connect();
let t0 = Date.now();
await conn.run(`CREATE TABLE raw AS SELECT * FROM read_json('${logs.replaceAll("'", "''")}', format = 'newline_delimited')`);
const cols = new Set((await conn.runAndReadAll(`DESCRIBE raw`)).getRowObjectsJS().map((r) => r.column_name));
// Keep only what the queries touch; absent optional columns become NULL so every query still parses.
const want = ['account_id', 'org_id', 'payment_fingerprint', 'ip', 'account_created_at', 'prompt', 'request_count'];
const select = want.map((c) => (cols.has(c) ? c : `NULL AS ${c}`)).join(', ');
await conn.run(`CREATE TABLE logs AS SELECT ${select} FROM raw`);
await conn.run(`DROP TABLE raw`);
const rowCount = Number((await conn.runAndReadAll(`SELECT count(*) AS n FROM logs`)).getRowObjectsJS()[0].n);
const allAccounts = (await conn.runAndReadAll(`SELECT DISTINCT account_id FROM logs ORDER BY 1`)).getRowObjectsJS().map((r) => r.account_id);
const loadMs = Date.now() - t0;

const methods = [];
for (const q of QUERIES) {
  if (q.needs && !cols.has(q.needs)) {
    methods.push({ ...q, skipped: `no ${q.needs} column`, groups: [] });
    continue;
  }
  t0 = Date.now();
  const rows = (await conn.runAndReadAll(q.sql)).getRowObjectsJS();
  const groups = rows
    .map((r) => ({ key: String(r.grp), accounts: [...r.accounts].map(String).sort() }))
    .filter((g) => g.accounts.length > 0)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  methods.push({ ...q, groups, ms: Date.now() - t0 });
}
const ran = methods.filter((m) => !m.skipped && !m.variant);
methods.push({
  id: 'U',
  short: `union of ${ran.map((m) => m.id).join('+')}`,
  name: 'every finding group of every query above',
  groups: ran.flatMap((m) => m.groups.map((g) => ({ key: `${m.id}:${g.key}`, accounts: g.accounts }))),
});

// ---------------------------------------------------------------- the tool
t0 = Date.now();
let reportPath = givenReport;
if (!reportPath) {
  reportPath = join(mkdtempSync(join(tmpdir(), 'analyst-baseline-')), 'report.json');
  execFileSync(cli, ['scan', logs, '--format', 'json', '--out', reportPath], { stdio: ['ignore', 'ignore', 'inherit'] });
}
const scanMs = givenReport ? undefined : Date.now() - t0;
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const flagged = report.clusters.filter((c) => c.severity === 'critical' || c.severity === 'high');
methods.push({
  id: 'T',
  short: 'distill-forensics scan (flagged)',
  name: 'clusters with severity high or critical',
  groups: flagged.map((c) => ({ key: c.id, accounts: [...c.accounts].sort() })),
  ms: scanMs,
});

// ---------------------------------------------------------------- scoring
const groupOf = new Map(); // account -> truth group
for (const g of truth.groups) for (const a of g.accounts) groupOf.set(a, g);
const campaigns = truth.groups.filter((g) => g.kind === 'campaign');
const lookalikes = truth.groups.filter((g) => g.kind !== 'campaign');

function score(m) {
  const returned = new Set(m.groups.flatMap((g) => g.accounts));
  const per = campaigns.map((c) => {
    const members = new Set(c.accounts);
    let best = 0;
    let bestMixed = false; // does the best group also hold accounts of another campaign?
    for (const g of m.groups) {
      const n = g.accounts.filter((a) => members.has(a)).length;
      const mixed = g.accounts.some((a) => !members.has(a) && groupOf.get(a)?.kind === 'campaign');
      if (n > best || (n === best && n > 0 && bestMixed && !mixed)) [best, bestMixed] = [n, mixed];
    }
    const hit = c.accounts.filter((a) => returned.has(a)).length;
    return { id: c.id, size: c.accounts.length, consolidation: best / c.accounts.length, bestMixed, recall: hit / c.accounts.length };
  });
  const look = lookalikes
    .map((l) => ({ id: l.id, hit: l.accounts.filter((a) => returned.has(a)).length, size: l.accounts.length }))
    .filter((l) => l.hit > 0);
  let campaignAccts = 0;
  let background = 0;
  for (const a of returned) {
    const g = groupOf.get(a);
    if (!g) background++;
    else if (g.kind === 'campaign') campaignAccts++;
  }
  // finding groups that put accounts of two or more different campaigns together
  const mixed = m.groups.filter((g) => new Set(g.accounts.map((a) => groupOf.get(a)).filter((x) => x?.kind === 'campaign').map((x) => x.id)).size >= 2).length;
  return {
    groups: m.groups.length,
    returned: returned.size,
    touched: per.filter((p) => p.recall > 0).length,
    per,
    look,
    lookAccts: look.reduce((s, l) => s + l.hit, 0),
    background,
    mixed,
    precision: returned.size ? campaignAccts / returned.size : NaN,
  };
}

// ---------------------------------------------------------------- output
const pct = (x) => (Number.isNaN(x) ? '–' : `${Math.round(x * 100)}%`);
const pct1 = (x) => (Number.isNaN(x) ? '–' : `${(Math.floor(x * 1000) / 10).toFixed(1)}%`); // floored: 271 of 272 is not 100%
const out = [];
out.push(`# Analyst DuckDB queries vs distill-forensics`);
out.push('');
out.push(`dump: ${logs} — seed ${truth.seed}, scale ${truth.scale}, ${rowCount.toLocaleString('en-US')} rows, ${allAccounts.length.toLocaleString('en-US')} accounts; ` +
  `${campaigns.length} campaigns (${campaigns.map((c) => `${c.id} ${c.accounts.length}`).join(', ')}); ` +
  `${lookalikes.length} look-alike populations (${lookalikes.map((c) => `${c.id} ${c.accounts.length}`).join(', ')})`);
out.push('');
for (const m of methods) {
  if (m.skipped) out.push(`- ${m.id}: ${m.name} — skipped (${m.skipped})`);
  else out.push(`- ${m.id}: ${m.name}`);
}
out.push('');
out.push('Consolidation / recall per campaign: largest share of the campaign inside one finding group / share returned anywhere. ' +
  '† = that best group also contains accounts of another campaign (the query lumps campaigns together rather than separating them).');
out.push('');
const head = ['method', 'finding groups', 'accounts returned', 'campaigns touched', ...campaigns.map((c) => `${c.id} (${c.accounts.length})`), 'groups mixing campaigns', 'look-alike populations hit (accounts)', 'background accounts', 'precision'];
out.push(`| ${head.join(' | ')} |`);
out.push(`|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
for (const m of methods) {
  if (m.skipped) continue;
  const s = score(m);
  const row = [
    m.short,
    String(s.groups),
    String(s.returned),
    `${s.touched}/${campaigns.length}`,
    ...s.per.map((p) => (p.recall === 0 ? '–' : `${pct(p.consolidation)}${p.bestMixed ? '†' : ''} / ${pct(p.recall)}`)),
    String(s.mixed),
    s.look.length ? `${s.look.length}: ${s.look.map((l) => `${l.id} ${l.hit}/${l.size}`).join(', ')} (${s.lookAccts})` : '0',
    String(s.background),
    pct1(s.precision),
  ];
  out.push(`| ${row.join(' | ')} |`);
}
out.push('');
const timings = methods.filter((m) => m.ms !== undefined).map((m) => `${m.id} ${m.ms} ms`).join(', ');
out.push(`timings (not part of the comparison): DuckDB load ${loadMs} ms; ${timings}`);
process.stdout.write(out.join('\n') + '\n');
