import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { writeFeatures } from '../../src/features/write-features.js';
import { FEATURE_COLUMNS } from '../../src/features/columns.js';
import { jsonlToArrow } from '../helpers/arrow.js';
import { featureRows, fixture, tempDir } from '../helpers/ingest.js';

const SMALL = fixture('ingest/small.jsonl');

describe('features: values', () => {
  it('computes the documented columns for a mixed account', async () => {
    const { rows } = await featureRows({ inputs: [SMALL] });
    expect(rows.map((r) => r.account_id)).toEqual(['acct_a', 'acct_b', 'acct_c']);
    const a = rows[0];
    expect(a).toMatchObject({
      exchanges: 3,
      input_tokens: 360,
      output_tokens: 2650,
      first_seen: '2026-04-22T00:00:01.000Z',
      last_seen: '2026-04-22T10:00:03.000Z',
      rows: 3,
      active_days: 1,
      active_hours: 3,
      exchanges_per_active_hour: 1,
      hour_entropy_bits: 1.584963,
      peak_hour_share: 0.333333,
      hour_00: 1,
      hour_06: 1,
      hour_10: 1,
      hour_11: 0,
      distinct_ips: 3,
      distinct_ip_prefixes: 2,
      distinct_asns: 2,
      distinct_countries: 2,
      distinct_user_agents: 1,
      distinct_api_keys: 2,
      top_country: 'NL',
      top_asn: '64500',
      output_input_ratio: 7.361111,
      top_max_tokens: 4096,
      top_max_tokens_share: 0.666667,
      temperature_mean: 0.466667,
      temperature_zero_share: 0.333333,
      distinct_models: 2,
      top_model: 'm-large',
      top_model_share: 0.666667,
      model_mix: 'm-large=0.6667;m-new=0.3333',
      model_first_use: 'm-large=2026-04-22T00:00:01.000Z;m-new=2026-04-22T10:00:03.000Z',
      top_topic: 'coding',
      top_topic_share: 1,
      prompt_exchanges: 3,
      distinct_prompts: 3,
      cot_share: 0.666667,
      rubric_share: 0.333333,
      error_share: 0.333333,
      latency_mean_ms: 1366.667,
      org_id: 'org_1',
      payment_fingerprint: null,
      account_created_at: null,
    });
  });

  it('weights every count by request_count (pre-aggregated rows)', async () => {
    const { rows } = await featureRows({ inputs: [SMALL] });
    const b = rows[1];
    expect(b).toMatchObject({ exchanges: 9, rows: 3, input_tokens: 3500, output_tokens: 175, hour_20: 5, hour_21: 3, hour_22: 1, top_ip: '192.0.2.1', top_ip_share: 0.888889, error_share: 0 });
    // Metadata-only: prompt columns are empty, not errors.
    expect(b).toMatchObject({ prompt_exchanges: 0, distinct_prompts: null, distinct_templates: null, top_template_share: null, cot_share: null, rubric_share: null });
  });

  it('uses prompt hashes as templates when there is no text', async () => {
    const { rows } = await featureRows({ inputs: [SMALL] });
    const c = rows[2];
    expect(c).toMatchObject({
      distinct_prompts: 2,
      distinct_templates: 2,
      top_template_share: 0.666667,
      distinct_system_prompts: 1,
      top_system_prompt_share: 1,
      cot_share: null,
      payment_fingerprint: 'card_9',
      email_domain: 'example.org',
      account_created_at: '2026-04-20T00:00:00.000Z',
      account_age_days: 2.958333,
      active_days: 3,
      weekend_share: 0.666667,
    });
  });

  it('joins --accounts where the logs lack billing data, logs winning', async () => {
    const { rows } = await featureRows({ inputs: [SMALL], accounts: fixture('ingest/accounts.csv') });
    expect(rows[0]).toMatchObject({ payment_fingerprint: 'card_1', email_domain: 'mail.example', org_id: 'org_1', account_created_at: '2026-04-21T00:00:00.000Z', account_age_days: 1.000012 });
    expect(rows[1]).toMatchObject({ payment_fingerprint: 'card_1', org_id: 'org_b', account_age_days: 52.833333 });
    expect(rows[2]).toMatchObject({ payment_fingerprint: 'card_9' });
  });

  it('gives identical rows from the JSONL, CSV and Arrow copies of one dump', async () => {
    const dir = tempDir();
    const arrow = join(dir, 'small.arrow');
    writeFileSync(arrow, jsonlToArrow(SMALL, 'file', 'ns'));
    const jsonl = await featureRows({ inputs: [SMALL] });
    const csv = await featureRows({ inputs: [fixture('ingest/small.csv')] });
    const arr = await featureRows({ inputs: [arrow] });
    expect(csv.rows).toEqual(jsonl.rows);
    expect(arr.rows).toEqual(jsonl.rows);
  });

  it('does not depend on the order of the input files', async () => {
    const dir = tempDir();
    const lines = readFileSync(SMALL, 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'one.jsonl'), `${lines.slice(0, 5).join('\n')}\n`);
    writeFileSync(join(dir, 'two.jsonl'), `${lines.slice(5).reverse().join('\n')}\n`);
    const forward = await featureRows({ inputs: [join(dir, 'one.jsonl'), join(dir, 'two.jsonl')] });
    const backward = await featureRows({ inputs: [join(dir, 'two.jsonl'), join(dir, 'one.jsonl')] });
    expect(backward.rows).toEqual(forward.rows);
  });
});

describe('features: output files', () => {
  it('writes CSV, NDJSON and Arrow with the documented columns', async () => {
    const { rows } = await featureRows({ inputs: [SMALL] });
    const dir = tempDir();
    await writeFeatures(join(dir, 'f.csv'), rows);
    await writeFeatures(join(dir, 'f.ndjson'), rows);
    await writeFeatures(join(dir, 'f.arrow'), rows);

    const csv = readFileSync(join(dir, 'f.csv'), 'utf8').trim().split('\n');
    expect(csv[0].split(',')).toEqual(FEATURE_COLUMNS.map((c) => c.name));
    expect(csv).toHaveLength(4);
    expect(csv[1].startsWith('acct_a,3,360,2650,2026-04-22T00:00:01.000Z,2026-04-22T10:00:03.000Z,')).toBe(true);

    const nd = readFileSync(join(dir, 'f.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(nd).toEqual(rows.map((r) => Object.fromEntries(FEATURE_COLUMNS.map((c) => [c.name, r[c.name] ?? null]))));

    const table = tableFromIPC(readFileSync(join(dir, 'f.arrow')));
    expect(table.numRows).toBe(3);
    expect(table.schema.fields.map((f) => f.name)).toEqual(FEATURE_COLUMNS.map((c) => c.name));
    const first = table.get(0)?.toJSON() as Record<string, unknown>;
    expect(first.account_id).toBe('acct_a');
    expect(first.exchanges).toBe(3n);
    expect(first.first_seen).toBe(Date.UTC(2026, 3, 22, 0, 0, 1));
    expect(first.hour_entropy_bits).toBe(1.584963);
  });

  it('gives every row exactly the documented columns', async () => {
    const { rows } = await featureRows({ inputs: [SMALL] });
    const names = FEATURE_COLUMNS.map((c) => c.name).sort();
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(names);
    expect([rows[0].hour_00, rows[0].hour_06, rows[0].hour_10, rows[0].hour_23]).toEqual([1, 1, 1, 0]);
    expect(JSON.parse(rows[0].top_ips as string).sort()).toEqual(['198.51.100.9', '203.0.113.7', '203.0.113.8']);
  });

  it('documents every column with a unit or description', () => {
    const names = FEATURE_COLUMNS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const required of ['account_id', 'exchanges', 'input_tokens', 'output_tokens', 'first_seen', 'last_seen']) expect(names).toContain(required);
    for (const c of FEATURE_COLUMNS) expect(c.description.length, c.name).toBeGreaterThan(5);
  });
});
