/** Cluster profiles and concealment, on small hand-built dumps scanned end to end. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/commands/scan.js';
import type { ReportCluster } from '../../src/report/report.js';
import { tempDir } from '../helpers/ingest.js';

type Row = Record<string, string | number>;

/** `n` rows an hour apart for one account, all with `fields`. */
function rows(account: string, n: number, fields: Row): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    ts: new Date(Date.UTC(2026, 4, 1) + i * 3_600_000 + account.length * 1000).toISOString(),
    account_id: account,
    model: 'm-large',
    input_tokens: 100,
    output_tokens: 900,
    ...fields,
  }));
}

/** Unrelated accounts (own org, card and IP each), so that rarity means something. */
function background(n: number, billing: boolean): Row[] {
  return Array.from({ length: n }, (_, i) =>
    rows(`bg_${i}`, 3, { ip: `10.9.${i >> 8}.${i & 255}`, ...(billing ? { org_id: `org_bg_${i}`, payment_fingerprint: `pm_bg_${i}` } : {}) }),
  ).flat();
}

async function scan(records: Row[]): Promise<ReportCluster[]> {
  const path = join(tempDir(), 'logs.jsonl');
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n'));
  const { report } = await runScan({ inputs: [path], format: 'json', version: 'test' });
  return report.clusters;
}

const holding = (clusters: ReportCluster[], account: string): ReportCluster => clusters.find((c) => c.accounts.includes(account))!;

describe('cluster profile', () => {
  it('does not count a card shared only inside one declared org as concealed sharing, even beside strangers', async () => {
    // acme_1 and acme_2 (one org) share a card; two strangers reach them through a pool of rare IPs.
    const pool = { ip: '203.0.113.7' };
    const clusters = await scan([
      ...background(400, true),
      ...rows('acme_1', 6, { org_id: 'org_acme', payment_fingerprint: 'pm_acme', ip: '203.0.113.7' }),
      ...rows('acme_1', 6, { org_id: 'org_acme', payment_fingerprint: 'pm_acme', ip: '203.0.113.8' }),
      ...rows('acme_2', 6, { org_id: 'org_acme', payment_fingerprint: 'pm_acme', ...pool }),
      ...rows('acme_2', 6, { org_id: 'org_acme', payment_fingerprint: 'pm_acme', ip: '203.0.113.8' }),
      ...rows('stranger_1', 6, { org_id: 'org_s1', payment_fingerprint: 'pm_s1', ...pool }),
      ...rows('stranger_1', 6, { org_id: 'org_s1', payment_fingerprint: 'pm_s1', ip: '203.0.113.8' }),
      ...rows('stranger_2', 6, { org_id: 'org_s2', payment_fingerprint: 'pm_s2', ...pool }),
      ...rows('stranger_2', 6, { org_id: 'org_s2', payment_fingerprint: 'pm_s2', ip: '203.0.113.8' }),
    ]);
    const c = holding(clusters, 'acme_1');
    expect(c.accounts).toEqual(['acme_1', 'acme_2', 'stranger_1', 'stranger_2']);
    expect(c.evidence.find((e) => e.signal === 'shared_payment')).toBeUndefined();
    expect(c.evidence.find((e) => e.signal === 'shared_network')?.value).toBe(1);
  });

  it('counts a card shared across declared orgs', async () => {
    const clusters = await scan([
      ...background(60, true),
      ...rows('ring_1', 6, { org_id: 'org_r1', payment_fingerprint: 'pm_ring', ip: '198.51.100.1' }),
      ...rows('ring_2', 6, { org_id: 'org_r2', payment_fingerprint: 'pm_ring', ip: '198.51.100.2' }),
      ...rows('ring_3', 6, { org_id: 'org_r3', payment_fingerprint: 'pm_ring', ip: '198.51.100.3' }),
    ]);
    const c = holding(clusters, 'ring_1');
    expect(c.accounts).toEqual(['ring_1', 'ring_2', 'ring_3']);
    expect(c.evidence.find((e) => e.signal === 'shared_payment')?.value).toBe(1);
  });
});

describe('concealment without identity or billing data', () => {
  it('grows with the number of accounts sharing exclusive IPs: a few are one customer, many are not', async () => {
    // Each group shares one API key (which links it) and two IPs of its own.
    const group = (prefix: string, net: string, n: number): Row[] =>
      Array.from({ length: n }, (_, i) => [
        ...rows(`${prefix}_${i}`, 8, { api_key_id: `key_${prefix}`, ip: `${net}.1` }),
        ...rows(`${prefix}_${i}`, 8, { api_key_id: `key_${prefix}`, ip: `${net}.2` }),
      ]).flat();
    const clusters = await scan([...background(200, false), ...group('team', '192.0.2', 3), ...group('swarm', '198.18.0', 40)]);
    const team = holding(clusters, 'team_0');
    const swarm = holding(clusters, 'swarm_0');
    expect(team.account_count).toBe(3);
    expect(swarm.account_count).toBe(40);
    // Same behaviour per account; only the group size differs: concealment 0.75 · log(n)/log(50).
    expect(team.subscores.shared_network).toBeCloseTo(0.75 * (Math.log(3) / Math.log(50)), 3);
    expect(swarm.subscores.shared_network).toBeCloseTo(0.75 * (Math.log(40) / Math.log(50)), 3);
  });

  it('reads no age from a creation date after the first request (an export error), and age 0 from clock skew', async () => {
    const first = Date.UTC(2026, 4, 1);
    const clusters = await scan([
      ...background(50, true),
      ...rows('future_1', 6, { org_id: 'o_f1', payment_fingerprint: 'pm_future', account_created_at: '2030-01-01T00:00:00Z' }),
      ...rows('future_2', 6, { org_id: 'o_f2', payment_fingerprint: 'pm_future', account_created_at: '2030-01-01T00:00:00Z' }),
      ...rows('skew_1', 6, { org_id: 'o_s1', payment_fingerprint: 'pm_skew', account_created_at: new Date(first + 20 * 60_000).toISOString() }),
      ...rows('skew_2', 6, { org_id: 'o_s2', payment_fingerprint: 'pm_skew', account_created_at: new Date(first + 20 * 60_000).toISOString() }),
    ]);
    const future = holding(clusters, 'future_1');
    expect(future.subscores.fresh_accounts).toBeNull();
    expect(future.evidence.map((e) => e.detail).join(' ')).not.toMatch(/-\d/);
    expect(holding(clusters, 'skew_1').evidence.find((e) => e.signal === 'fresh_accounts')?.value).toBe(0);
  });
});
