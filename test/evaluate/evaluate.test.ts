/** evaluateReport on hand-built reports and truth, and the `evaluate` command's error handling. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateReport, formatEvaluation } from '../../src/evaluate/evaluate.js';
import { readTruth, type TruthGroup } from '../../src/simulate/truth.js';
import { InputError } from '../../src/errors.js';
import type { Report, ReportCluster } from '../../src/report/report.js';
import type { Severity } from '../../src/score/score.js';
import { cli, expectOneLineError } from '../helpers/cli.js';
import { tempDir } from '../helpers/ingest.js';

function cluster(rank: number, severity: Severity, accounts: string[]): ReportCluster {
  return {
    id: `C${String(rank).padStart(4, '0')}`,
    rank,
    score: { critical: 0.9, high: 0.7, medium: 0.5, low: 0.3, info: 0.1 }[severity],
    severity,
    label: 'test',
    accounts: [...accounts].sort(),
    account_count: accounts.length,
    exchanges: accounts.length,
    input_tokens: 0,
    output_tokens: 0,
    first_seen: '2026-05-01T00:00:00.000Z',
    last_seen: '2026-05-02T00:00:00.000Z',
    evidence: [{ signal: 'accounts', value: accounts.length, baseline: 1, detail: 'test' }],
    subscores: {},
  };
}

function report(clusters: ReportCluster[]): Report {
  return {
    schema_version: '1',
    tool: { name: 'distill-forensics', version: '0.1.0' },
    generated_at: '2026-06-06T00:00:00.000Z',
    input: { files: [], records: 0, rejected: 0, rejected_by_reason: {}, filtered: 0, filtered_by_reason: {}, accounts: 0, time_range: { first: null, last: null } },
    clusters,
  };
}

const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

function group(id: string, kind: 'campaign' | 'benign', accounts: string[]): TruthGroup {
  return { id, kind, population: id, accounts, exchanges: accounts.length, rows: accounts.length };
}

// hydra: 10 accounts, 8 in the critical C0001, 1 in the medium C0003, 1 not listed.
// swarm: 4 accounts, 2 in the high C0002 (which also holds one look-alike, nat1), 2 not listed.
// nat (benign): 4 accounts, nat1 flagged through C0002. uni (benign): uni1 listed alone as info at rank 4.
const HYDRA = ids('h', 10);
const SWARM = ids('s', 4);
const NAT = ids('nat', 4);
const UNI = ids('uni', 2);
const GROUPS = [group('hydra', 'campaign', HYDRA), group('swarm', 'campaign', SWARM), group('nat', 'benign', NAT), group('uni', 'benign', UNI)];
const MIXED = report([
  cluster(1, 'critical', HYDRA.slice(0, 8)),
  cluster(2, 'high', ['s1', 's2', 'nat1']),
  cluster(3, 'medium', ['h9', 'x1']),
  cluster(4, 'info', ['uni1']),
]);

describe('evaluateReport', () => {
  it('measures recall, consolidation, rank, severity and detection per campaign', () => {
    const e = evaluateReport(MIXED, GROUPS);
    expect(e.campaigns).toEqual([
      { id: 'hydra', population: 'hydra', accounts: 10, recall: 0.8, consolidation: 0.8, cluster: 'C0001', rank: 1, severity: 'critical', detected: true, mergedWith: [] },
      { id: 'swarm', population: 'swarm', accounts: 4, recall: 0.5, consolidation: 0.5, cluster: 'C0002', rank: 2, severity: 'high', detected: true, mergedWith: [] },
    ]);
    expect(e.campaignsDetected).toBe(2);
  });

  it('measures the flagged share and best rank of each look-alike population', () => {
    const e = evaluateReport(MIXED, GROUPS);
    expect(e.benign).toEqual([
      { id: 'nat', population: 'nat', accounts: 4, flaggedShare: 0.25, bestRank: 2 },
      { id: 'uni', population: 'uni', accounts: 2, flaggedShare: 0, bestRank: 4 },
    ]);
  });

  it('computes account precision and recall over flagged (high/critical) clusters only', () => {
    const e = evaluateReport(MIXED, GROUPS);
    // flagged: h1..h8, s1, s2 (campaign) + nat1 (benign) = 11; campaign accounts: 14.
    expect(e.precision).toBeCloseTo(10 / 11, 12);
    expect(e.recall).toBeCloseTo(10 / 14, 12);
  });

  it('campaignsAboveLookalikes is false when a look-alike shares a campaign cluster (equal rank)', () => {
    expect(evaluateReport(MIXED, GROUPS).campaignsAboveLookalikes).toBe(false);
  });

  it('campaignsAboveLookalikes is true when every campaign cluster outranks every look-alike cluster', () => {
    const clean = report([cluster(1, 'critical', HYDRA.slice(0, 8)), cluster(2, 'high', ['s1', 's2']), cluster(3, 'info', ['nat1']), cluster(4, 'info', ['uni1'])]);
    const e = evaluateReport(clean, GROUPS);
    expect(e.campaignsAboveLookalikes).toBe(true);
    expect(e.precision).toBe(1);
    expect(e.benign.map((b) => [b.flaggedShare, b.bestRank])).toEqual([[0, 3], [0, 4]]);
  });

  it('campaignsAboveLookalikes is false when a look-alike outranks one campaign, even an unflagged one', () => {
    const r = report([cluster(1, 'critical', HYDRA), cluster(2, 'low', ['uni1']), cluster(3, 'medium', SWARM)]);
    const e = evaluateReport(r, GROUPS);
    expect(e.campaignsAboveLookalikes).toBe(false);
    expect(e.campaigns[1]).toMatchObject({ id: 'swarm', recall: 0, consolidation: 1, cluster: 'C0003', rank: 3, severity: 'medium', detected: false });
    expect(e.campaignsDetected).toBe(1);
  });

  it('a campaign missing from the report has no cluster, rank or severity, and is not above look-alikes', () => {
    const r = report([cluster(1, 'critical', HYDRA)]);
    const e = evaluateReport(r, GROUPS);
    expect(e.campaigns[1]).toEqual({ id: 'swarm', population: 'swarm', accounts: 4, recall: 0, consolidation: 0, cluster: null, rank: null, severity: null, detected: false, mergedWith: [] });
    expect(e.benign.map((b) => b.bestRank)).toEqual([null, null]);
    // No look-alike listed either, but a campaign that was never found cannot rank above anything.
    expect(e.campaignsAboveLookalikes).toBe(false);
    expect(e.precision).toBe(1);
    expect(e.recall).toBeCloseTo(10 / 14, 12);
  });

  it('breaks a consolidation tie by the lower cluster id', () => {
    const r = report([cluster(1, 'critical', ['x1']), cluster(2, 'high', ['s3', 's4']), cluster(3, 'critical', ['s1', 's2'])]);
    const e = evaluateReport(r, [group('swarm', 'campaign', SWARM)]);
    expect(e.campaigns[0]).toMatchObject({ consolidation: 0.5, cluster: 'C0002', rank: 2, severity: 'high', recall: 1 });
  });

  it('counts an unlabelled (background) account in a flagged cluster against precision', () => {
    const r = report([cluster(1, 'high', ['h1', 'h2', 'bg1', 'bg2'])]);
    const e = evaluateReport(r, [group('hydra', 'campaign', HYDRA)]);
    expect(e.precision).toBe(0.5);
    expect(e.recall).toBe(0.2);
    expect(e.campaignsAboveLookalikes).toBe(true); // no look-alikes at all
  });

  it('has defined values for empty truth and empty reports', () => {
    const none = evaluateReport(report([]), []);
    expect(none).toEqual({ campaigns: [], benign: [], precision: 1, recall: 1, campaignsDetected: 0, campaignsAboveLookalikes: true });
    const empty = evaluateReport(report([]), [group('hydra', 'campaign', [])]);
    expect(empty.campaigns[0]).toMatchObject({ accounts: 0, recall: 0, consolidation: 0, cluster: null, detected: false });
    expect(empty.recall).toBe(1);
  });

  it('rejects an object that is not a report', () => {
    expect(() => evaluateReport({} as Report, GROUPS)).toThrow(InputError);
    expect(() => evaluateReport(null as unknown as Report, GROUPS)).toThrow(/no clusters array/);
  });

  // BUG: bestRank uses Math.min(...ranks) with one argument per account of the population, which throws
  // "RangeError: Maximum call stack size exceeded" once a look-alike group has more than ~120k accounts
  // (a big enterprise NAT or background population in a user's own truth file). A loop/reduce would not.
  it('copes with a look-alike population of 200,000 accounts', () => {
    const many = ids('big', 200_000);
    const e = evaluateReport(report([cluster(1, 'info', many)]), [group('big', 'benign', many)]);
    expect(e.benign[0]).toMatchObject({ accounts: 200_000, flaggedShare: 0, bestRank: 1 });
  });

  it('formats a summary line and one row per group', () => {
    const text = formatEvaluation(evaluateReport(MIXED, GROUPS));
    const lines = text.split('\n');
    expect(lines[0]).toBe('campaigns detected: 2 of 2; account precision 90.9%, recall 71.4%; every campaign ranked above every look-alike: no');
    expect(text).toMatch(/^hydra\s+10\s+80\.0%\s+80\.0%\s+C0001\s+1\s+critical\s+-$/m);
    expect(text).toMatch(/^swarm\s+4\s+50\.0%\s+50\.0%\s+C0002\s+2\s+high\s+-$/m);
    expect(text).toMatch(/^nat\s+4\s+25\.0%\s+2$/m);
    expect(text).toMatch(/^uni\s+2\s+0\.0%\s+4$/m);
  });
});

describe('readTruth', () => {
  it('reads truth.json groups from a directory', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'truth.json'), JSON.stringify({ groups: GROUPS }));
    expect(readTruth(dir).groups).toEqual(GROUPS);
  });
});

describe('evaluate (CLI)', () => {
  const dir = tempDir();
  const reportPath = join(dir, 'report.json');
  const truthDir = join(dir, 'truth');
  writeFileSync(reportPath, JSON.stringify(MIXED));
  mkdirSync(truthDir);
  writeFileSync(join(truthDir, 'truth.json'), JSON.stringify({ seed: 1, groups: GROUPS }));

  it('prints the evaluation, or JSON with --json', () => {
    const text = cli(['evaluate', reportPath, '--truth', truthDir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(formatEvaluation(evaluateReport(MIXED, GROUPS)));
    const json = cli(['evaluate', reportPath, '--truth', truthDir, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(evaluateReport(MIXED, GROUPS));
  });

  it('a missing report file → exit 2, one line naming it', () => {
    expectOneLineError(cli(['evaluate', join(dir, 'nope.json'), '--truth', truthDir]), /^distill-forensics: report \S*nope\.json: no such file\n$/);
  });

  it('a report that is not JSON → exit 2, one line naming it', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, 'scan output\nwith two lines\n');
    expectOneLineError(cli(['evaluate', bad, '--truth', truthDir]), /^distill-forensics: report \S*bad\.json: not valid JSON \(/);
  });

  it('a truth directory without truth.json → exit 2, one line naming it', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expectOneLineError(cli(['evaluate', reportPath, '--truth', empty]), /^distill-forensics: --truth \S*empty\/truth\.json: no such file\n$/);
  });

  it('a truth.json without groups → exit 2, one line', () => {
    const nogroups = join(dir, 'nogroups');
    mkdirSync(nogroups);
    writeFileSync(join(nogroups, 'truth.json'), '{"seed": 1}');
    expectOneLineError(cli(['evaluate', reportPath, '--truth', nogroups]), /no groups array; was it written by simulate\?/);
  });

  it('a JSON file that is not a report → exit 2, one line', () => {
    expectOneLineError(cli(['evaluate', join(truthDir, 'truth.json'), '--truth', truthDir]), /truth\.json: not a distill-forensics JSON report/);
  });

  it('without --truth → exit 2', () => {
    expectOneLineError(cli(['evaluate', reportPath]), /required option '--truth <dir>'/);
  });

  // BUG: a truth.json whose content is valid JSON but `null` (or a number/string) crashed the truth reader with
  // "Cannot read properties of null (reading 'groups')", reported as "internal error: … (set DEBUG=1 for
  // details)" instead of the input error the missing-groups case gives.
  it('a truth.json that is JSON null → the same input error as one without groups', () => {
    const nulled = join(dir, 'nulled');
    mkdirSync(nulled);
    writeFileSync(join(nulled, 'truth.json'), 'null');
    const r = cli(['evaluate', reportPath, '--truth', nulled]);
    expectOneLineError(r, /truth\.json: no groups array/);
    expect(r.stderr).not.toContain('internal error');
  });

  // BUG (CONTRACT §2: the one-line message says what *and where*): for a JSON file that is not a report the
  // message is "report: no clusters array; …" without the file's path, unlike every other evaluate error.
  it('names the file when the JSON is not a report', () => {
    const notReport = join(dir, 'not-a-report.json');
    writeFileSync(notReport, '{"hello": "world"}');
    expectOneLineError(cli(['evaluate', notReport, '--truth', truthDir]), /not-a-report\.json/);
  });
});

describe('simulate → scan → evaluate, end to end', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('evaluate --json on a real report equals evaluateReport over the same files', () => {
    const sim = cli(['simulate', '--out', dir, '--scale', '0.002', '--metadata-only', '--quiet']);
    expect(sim.code).toBe(0);
    const reportFile = join(dir, 'report.json');
    const scan = cli(['scan', join(dir, 'logs.jsonl'), '--quiet', '--out', reportFile]);
    expect(scan.code).toBe(0);
    const r = cli(['evaluate', reportFile, '--truth', dir, '--json']);
    expect(r.code).toBe(0);
    const groups = readTruth(dir).groups;
    const expected = evaluateReport(JSON.parse(readFileSync(reportFile, 'utf8')) as Report, groups);
    expect(JSON.parse(r.stdout)).toEqual(expected);
    expect(expected.campaigns).toHaveLength(groups.filter((g) => g.kind === 'campaign').length);
    expect(expected.benign).toHaveLength(groups.filter((g) => g.kind === 'benign').length);
    for (const c of expected.campaigns) {
      expect(c.recall).toBeGreaterThanOrEqual(0);
      expect(c.recall).toBeLessThanOrEqual(1);
      expect(c.consolidation).toBeGreaterThanOrEqual(0);
      expect(c.consolidation).toBeLessThanOrEqual(1);
    }
  });
});
