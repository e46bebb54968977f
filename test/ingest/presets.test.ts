import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import type { Rejection } from '../../src/ingest/collector.js';
import { ingest, type IngestOptions } from '../../src/ingest/ingest.js';
import { bodyFields, bedrockNative, openAiChat } from '../../src/ingest/presets/bodies.js';
import { first, identity, maskedIpPrefix, stripPort, sum } from '../../src/ingest/presets/fields.js';
import { PRESETS } from '../../src/ingest/presets/index.js';
import { promptHash } from '../../src/ingest/prompt.js';
import type { CanonicalRecord } from '../../src/ingest/record.js';

const FIXTURES = new URL('../../fixtures/presets/', import.meta.url).pathname;

async function run(preset: string, file: string, extra: Partial<IngestOptions> = {}) {
  const records: CanonicalRecord[] = [];
  const rejections: Rejection[] = [];
  const warnings: string[] = [];
  const stats = await ingest(
    {
      inputs: [file.startsWith('/') ? file : join(FIXTURES, file)],
      preset,
      maxRejected: 1,
      onReject: (r) => rejections.push(r),
      onWarning: (w) => warnings.push(w),
      ...extra,
    },
    (batch) => {
      for (let i = 0; i < batch.length; i++) records.push(batch.row(i));
    },
  );
  return {
    records,
    rejections,
    warnings,
    counts: {
      records: stats.records,
      rejected: Object.fromEntries(stats.rejectedByReason),
      filtered: Object.fromEntries(stats.filteredByReason),
    },
  };
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'df-presets-')), name);
  writeFileSync(path, text);
  return path;
}

describe('preset registry', () => {
  it('has the canonical preset and the seven export presets', () => {
    expect([...PRESETS.keys()]).toEqual(['canonical', 'bedrock', 'litellm', 'openai-usage', 'azure', 'cloudflare-gateway', 'http-access', 'anthropic-usage']);
    expect(PRESETS.get('openai-usage')?.documents).toBe(true);
    expect(PRESETS.get('anthropic-usage')?.documents).toBe(true);
    expect(PRESETS.get('bedrock')?.documents).toBeUndefined();
    expect(PRESETS.get('openai-usage')?.missingIdentityHint).toMatch(/group_by=api_key_id/);
    expect(PRESETS.get('anthropic-usage')?.missingIdentityHint).toMatch(/api_key_id/);
  });
});

describe('bedrock', () => {
  it('skips the offloaded bodies (…/data/…) that an S3 sync of the bucket holds beside the log objects', async () => {
    const root = mkdtempSync(join(tmpdir(), 'df-s3-'));
    const hour = join(root, 'AWSLogs/111122223333/BedrockModelInvocationLogs/us-east-1/2025/05/02/14');
    mkdirSync(join(hour, 'data'), { recursive: true });
    const log = join(hour, '20250502T140000000Z_abc.json');
    writeFileSync(log, readFileSync(join(FIXTURES, 'bedrock.jsonl')));
    const body = join(hour, 'data', 'body.json');
    writeFileSync(body, '{"messages":[{"role":"user","content":"hi"}]}\n');
    const { counts, warnings } = await run('bedrock', log, { inputs: [log, body] });
    expect(counts).toEqual({ records: 5, rejected: { not_an_object: 1, bad_tokens: 1 }, filtered: {} });
    expect(warnings.join('\n')).toMatch(/skipped 1 input holding offloaded request\/response bodies/);
  });

  it('reads S3 lines and CloudWatch envelopes, sums cache counters, derives hashes per body dialect', async () => {
    const { records, rejections, counts, warnings } = await run('bedrock', 'bedrock.jsonl');
    expect(counts).toEqual({ records: 5, rejected: { not_an_object: 1, bad_tokens: 1 }, filtered: {} });
    expect(warnings.join('\n')).toMatch(/assumed-role/);
    // Converse body: two user turns, system[].text.
    expect(records[0]).toMatchObject({
      ts: Date.UTC(2025, 4, 2, 14, 7, 31),
      account_id: 'arn:aws:sts::111122223333:assumed-role/batch-eval/worker-17',
      org_id: '111122223333',
      api_key_id: null,
      model: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      input_tokens: 742 + 100 + 20,
      output_tokens: 215,
      request_count: 1,
      prompt: 'Grade: the answer is 42\nExplain the score.',
      prompt_hash: promptHash('Grade: the answer is 42\nExplain the score.'),
      system_prompt_hash: promptHash('You grade answers.'),
      status: 'success',
      latency_ms: 1930,
      request_id: '0b6f3c1e-7a2d-4f0e-9c55-3e1a9d2b7f40',
      max_tokens: 800,
      temperature: 0,
      ip: null,
    });
    // From a CloudWatch logEvents[].message; Anthropic-native body stored as a JSON string; no cache counters.
    expect(records[1]).toMatchObject({
      ts: Date.UTC(2025, 4, 2, 14, 8, 2),
      account_id: 'arn:aws:iam::444455556666:user/etl-bot',
      org_id: '444455556666',
      input_tokens: 1200,
      prompt_hash: promptHash('Translate: bonjour'),
      system_prompt_hash: promptHash('You are a translator.'),
      max_tokens: 512,
      temperature: 0.7,
      status: 'success',
    });
    expect(records[1].latency_ms).toBeNaN();
    // Titan: inputText + textGenerationConfig, errorCode as status, no system field.
    expect(records[2]).toMatchObject({
      model: 'amazon.titan-text-express-v1',
      prompt_hash: promptHash('Write a haiku about logs'),
      system_prompt_hash: null,
      status: 'ThrottlingException',
      max_tokens: 300,
      temperature: 0.2,
    });
    // Llama stream: prompt + max_gen_len; chunk array in outputBodyJson is not counted.
    expect(records[3]).toMatchObject({ model: 'meta.llama3-8b-instruct-v1:0', prompt: 'List three colours', max_tokens: 256, temperature: 0.5, request_count: 1, output_tokens: 12 });
    // Offloaded body: usage still there, no prompt.
    expect(records[4]).toMatchObject({ input_tokens: 90000, output_tokens: 1500, prompt: null, prompt_hash: null, system_prompt_hash: null });
    expect(records[4].max_tokens).toBeNaN();
    // Per-record positions inside the envelope (formats.md §9.4); CONTROL_MESSAGE adds nothing.
    expect(rejections.map((r) => [r.line, r.index, r.reason])).toEqual([
      [2, 2, 'not_an_object'],
      [6, undefined, 'bad_tokens'], // a plain line is named by its line alone
    ]);
  });

  it('switches identity with --map account_id=accountId', async () => {
    const { records } = await run('bedrock', 'bedrock.jsonl', { maps: ['account_id=accountId'] });
    expect(records.map((r) => r.account_id)).toEqual(['111122223333', '444455556666', '444455556666', '111122223333', '111122223333']);
  });
});

describe('litellm', () => {
  it('reads a Postgres CSV dump with JSON cells and zone-less times', async () => {
    const { records, counts, rejections } = await run('litellm', 'litellm.csv');
    expect(counts).toEqual({ records: 3, rejected: { missing_account_id: 1 }, filtered: {} });
    expect(rejections[0].line).toBe(5);
    expect(records[0]).toMatchObject({
      ts: Date.UTC(2025, 3, 22, 9, 14, 3, 201),
      account_id: 'u_ops_17',
      org_id: 'team-7d2',
      api_key_id: '3f7a9c0e5b1d2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4bb41d',
      model: 'gpt-4o-mini',
      input_tokens: 1120,
      output_tokens: 187,
      request_count: 1,
      ip: '198.51.100.7', // first entry of the XFF-style list
      status: 'success',
      latency_ms: 2676, // endTime − startTime when request_duration_ms is empty
      request_id: 'chatcmpl-B7xQ2mT1',
      prompt: 'Where is my order #123?',
      prompt_hash: promptHash('Where is my order #123?'),
      system_prompt_hash: promptHash('You are a helpful support agent.'),
      max_tokens: 256,
      temperature: 0.3,
    });
    // No user → key: fallback; team_id "" → organization_id; ip from metadata; old-style messages column.
    expect(records[1]).toMatchObject({
      account_id: 'key:9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c',
      org_id: 'org-1',
      ip: '203.0.113.45',
      status: 'failure',
      latency_ms: 1500,
      prompt_hash: promptHash('Summarise this'),
      system_prompt_hash: null,
    });
    expect(records[1].max_tokens).toBeNaN();
    // Cache-hit rows are kept.
    expect(records[2]).toMatchObject({ request_id: 'chatcmpl-B7xQ2mT1_cache_hit1745313300', ts: Date.UTC(2025, 3, 22, 9, 15, 0, 120), latency_ms: 5, prompt: null });
  });

  it('--map account_id=end_user overrides the preset identity', async () => {
    const { records, counts } = await run('litellm', 'litellm.csv', { maps: ['account_id=end_user'] });
    expect(counts).toEqual({ records: 4, rejected: {}, filtered: {} });
    expect(records.map((r) => r.account_id)).toEqual(['cust_5512', 'cust_0042', 'cust_5512', 'cust_7']);
  });

  it('reads the JSON export, where proxy_server_request is a JSON string, to the same values', async () => {
    const row = {
      request_id: 'chatcmpl-B7xQ2mT1', api_key: 'abc', prompt_tokens: 1120, completion_tokens: 187,
      startTime: '2025-04-22T09:14:03.201000+00:00', endTime: '2025-04-22T09:14:05.877Z', model: 'gpt-4o-mini', user: 'u_ops_17',
      team_id: 'team-7d2', organization_id: '', requester_ip_address: '198.51.100.7', status: 'success', messages: {},
      proxy_server_request: JSON.stringify({ messages: [{ role: 'system', content: 'You are a helpful support agent.' }, { role: 'user', content: [{ type: 'text', text: 'Where is my order #123?' }] }], max_tokens: 256 }),
    };
    const { records } = await run('litellm', tempFile('spend.jsonl', `${JSON.stringify(row)}\n`));
    expect(records[0]).toMatchObject({
      ts: Date.UTC(2025, 3, 22, 9, 14, 3, 201),
      latency_ms: 2676,
      prompt_hash: promptHash('Where is my order #123?'),
      system_prompt_hash: promptHash('You are a helpful support agent.'),
      max_tokens: 256,
    });
  });
});

describe('openai-usage', () => {
  it('explodes concatenated pretty-printed pages into one record per completions result', async () => {
    const { records, counts, warnings } = await run('openai-usage', 'openai-usage.json');
    expect(counts).toEqual({ records: 4, rejected: {}, filtered: { zero_model_requests: 1, not_completions_result: 1 } });
    expect(warnings.join('\n')).toMatch(/bucket/);
    expect(records.map((r) => r.account_id)).toEqual(['user-8HdX2v', 'key:key_Ab12', 'project:proj_9Xy', 'user-8HdX2v']);
    expect(records.map((r) => r.ts)).toEqual([1736616660000, 1736616660000, 1736616660000, 1736623860000]);
    expect(records.map((r) => r.request_count)).toEqual([1874, 12, 2, 3]);
    expect(records[0]).toMatchObject({
      org_id: 'proj_4Qk2Zr',
      api_key_id: 'key_Tn5Wb9',
      model: 'gpt-4o-mini-2024-07-18',
      input_tokens: 2381022, // cached tokens already included
      output_tokens: 410377,
      prompt_hash: null,
      ip: null,
    });
    expect(records[2]).toMatchObject({ api_key_id: null, org_id: 'proj_9Xy' });
  });

  it('accepts a bare JSON array of buckets', async () => {
    const buckets = [{ start_time: 1745280000, end_time: 1745283600, results: [{ object: 'organization.usage.completions.result', input_tokens: 5, output_tokens: 1, num_model_requests: 1, api_key_id: 'key_1' }] }];
    const { records } = await run('openai-usage', tempFile('buckets.json', JSON.stringify(buckets)));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ ts: 1745280000000, account_id: 'key:key_1', request_count: 1 });
  });

  it('is a usage error, naming the fix, when exported without group_by', async () => {
    const page = {
      object: 'page', has_more: false, next_page: null,
      data: [{ object: 'bucket', start_time: 1745280000, end_time: 1745366400, results: [{ object: 'organization.usage.completions.result', input_tokens: 10, output_tokens: 2, num_model_requests: 3, project_id: null, user_id: null, api_key_id: null, model: null }] }],
    };
    const file = tempFile('nogroup.json', JSON.stringify(page, null, 2));
    await expect(run('openai-usage', file)).rejects.toThrow(UsageError);
    await expect(run('openai-usage', file)).rejects.toThrow(/re-export .*group_by=api_key_id/);
  });
});

describe('azure', () => {
  it('unwraps records[], filters non-inference rows, keeps masked IPs as /24', async () => {
    const { records, counts, warnings } = await run('azure', 'azure.jsonl');
    expect(counts).toEqual({ records: 3, rejected: {}, filtered: { non_inference_operation: 1, not_request_response: 1 } });
    expect(warnings.join('\n')).toMatch(/no token counts/);
    const resource = '/SUBSCRIPTIONS/0F3A9C12-4B5D-4E6F-8A9B-0C1D2E3F4A5B/RESOURCEGROUPS/RG-AI/PROVIDERS/MICROSOFT.COGNITIVESERVICES/ACCOUNTS/CONTOSO-AOAI';
    expect(records[0]).toMatchObject({
      ts: Date.UTC(2025, 2, 2, 8, 41, 17, 512), // 7 fractional digits
      account_id: `resource:${resource}`, // objectId "" → resource fallback
      org_id: '0F3A9C12-4B5D-4E6F-8A9B-0C1D2E3F4A5B',
      model: 'gpt-4o-2024-08-06',
      ip: '198.51.100.0/24',
      status: '200',
      latency_ms: 1834,
      request_id: '5d0c7e2a-41f9-4a7b-9e0d-2c6b8f1a3e55',
      input_tokens: 0,
      output_tokens: 0,
      request_count: 1,
      api_key_id: null,
    });
    // properties as a JSON string; Entra objectId used raw; negative durationMs → absent.
    expect(records[1]).toMatchObject({ ts: Date.UTC(2025, 2, 2, 8, 41, 19), account_id: '9f1c2d3e-aaaa-4bbb-8ccc-ddddeeeeffff', ip: '203.0.113.0/24', status: '429' });
    expect(records[1].latency_ms).toBeNaN();
    expect(records[2]).toMatchObject({ ts: Date.UTC(2025, 2, 2, 9, 0, 0, 999), org_id: '1A2B3C4D-0000-4000-8000-00000000AAAA', ip: '192.0.2.0/24', latency_ms: 95 });
  });
});

describe('cloudflare-gateway', () => {
  it('unwraps the v4 envelope and reads identity from the metadata string', async () => {
    const { records, counts } = await run('cloudflare-gateway', 'cloudflare-gateway.jsonl');
    expect(counts).toEqual({ records: 3, rejected: { missing_account_id: 1 }, filtered: {} });
    expect(records[0]).toMatchObject({
      ts: Date.UTC(2025, 5, 3, 17, 22, 9, 481),
      account_id: 'user:acct_7781', // metadata.user is the fallback to cf.user_id
      org_id: 'growth',
      model: 'gpt-4o-mini',
      input_tokens: 655,
      output_tokens: 212,
      request_count: 1,
      status: '200',
      latency_ms: 1420,
      request_id: '01JX3Q7K9ZT0M2C4V6B8N1P3R5',
    });
    expect(records[1]).toMatchObject({ account_id: '4c1d9e2f-7a3b-4c5d-8e6f-0a1b2c3d4e5f', org_id: null, input_tokens: 1200 });
    // A bare row with metadata as an object.
    expect(records[2]).toMatchObject({ account_id: 'user:acct_12', ts: Date.UTC(2025, 5, 3, 17, 23), latency_ms: 12 });
  });

  it('--map with a bracket path addresses a metadata key containing a dot', async () => {
    const { records, counts } = await run('cloudflare-gateway', 'cloudflare-gateway.jsonl', { maps: ['account_id=metadata["cf.user_id"]'] });
    expect(counts).toEqual({ records: 1, rejected: { missing_account_id: 3 }, filtered: {} });
    expect(records[0].account_id).toBe('4c1d9e2f-7a3b-4c5d-8e6f-0a1b2c3d4e5f');
  });
});

describe('http-access', () => {
  it('reads nginx and Envoy lines, start = end − request_time, filters non-inference requests', async () => {
    const { records, counts, warnings } = await run('http-access', 'http-access.jsonl');
    expect(counts).toEqual({ records: 5, rejected: {}, filtered: { non_inference_request: 4 } });
    expect(warnings.join('\n')).toMatch(/no token counts/);
    expect(records[0]).toMatchObject({
      ts: 1717430529417 - 3412, // $msec − $request_time
      account_id: 'acct_7781',
      api_key_id: 'k_1f9c',
      model: null,
      ip: '198.51.100.23', // xff "-" → remote_addr
      user_agent: 'python-httpx/0.27.0',
      status: '200',
      latency_ms: 3412,
      request_id: 'req_7Hq2', // upstream id preferred
      input_tokens: 0,
      request_count: 1,
    });
    // $time_local, request line, account "-" → key: fallback, first XFF hop, Azure deployment from the URL.
    expect(records[1]).toMatchObject({
      ts: Date.UTC(2025, 0, 14, 11, 6, 14) - 750,
      account_id: 'key:k_77aa',
      ip: '203.0.113.7',
      model: 'gpt4o-prod',
      latency_ms: 750,
      request_id: '6f1d2a8b0c3e5d7f9012b3c4d5e6f708',
    });
    // $time_iso8601 with offset, no identity → ip: fallback, Bedrock model from the URL, singular token keys.
    expect(records[2]).toMatchObject({
      ts: Date.UTC(2024, 5, 3, 17, 22, 9) - 1500,
      account_id: 'ip:198.51.100.99',
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      input_tokens: 120,
      output_tokens: 45,
    });
    // Envoy: START_TIME is already the start, duration in ms.
    expect(records[3]).toMatchObject({
      ts: Date.UTC(2025, 5, 3, 17, 22, 9, 481),
      account_id: 'ip:203.0.113.9',
      ip: '203.0.113.9',
      user_agent: 'anthropic-typescript/0.27.0',
      latency_ms: 5120,
      status: '200',
      request_id: '9b2e4f60-1c2d-4e3f-8a9b-0c1d2e3f4a5b',
    });
    // Envoy with xff "-": downstream address with the port stripped; Gemini model from the URL.
    expect(records[4]).toMatchObject({ account_id: 'ip:10.0.3.8', ip: '10.0.3.8', model: 'gemini-1.5-pro', status: '429', latency_ms: 35 });
  });
});

describe('anthropic-usage', () => {
  it('explodes a report page, sums the four disjoint input counters, warns about request counts', async () => {
    const { records, counts, warnings } = await run('anthropic-usage', 'anthropic-usage.json');
    expect(counts).toEqual({ records: 4, rejected: {}, filtered: {} });
    expect(warnings.join('\n')).toMatch(/no request counts/);
    expect(records.map((r) => r.account_id)).toEqual(['apikey_01Hq7VtR2mXk9', 'workspace:wrkspc_01Default', 'apikey_01Hq7VtR2mXk9', 'account:user_01AbCdEf']);
    expect(records.map((r) => r.input_tokens)).toEqual([48210 + 310500 + 12000 + 0, 1500, 100 + 400, 15]);
    expect(records.map((r) => r.request_count)).toEqual([1, 1, 1, 1]);
    expect(records.map((r) => r.ts)).toEqual([Date.UTC(2025, 8, 14), Date.UTC(2025, 8, 14), Date.UTC(2025, 8, 16), Date.UTC(2025, 8, 16)]);
    expect(records[0]).toMatchObject({ org_id: 'wrkspc_01Jz4NcE8bLp3', api_key_id: 'apikey_01Hq7VtR2mXk9', model: 'claude-sonnet-4-20250514', output_tokens: 9120 });
    expect(records[3]).toMatchObject({ org_id: null, api_key_id: null });
  });

  it('is a usage error, naming the fix, when exported without group_by', async () => {
    const page = { data: [{ starting_at: '2025-09-14T00:00:00Z', ending_at: '2025-09-15T00:00:00Z', results: [{ api_key_id: null, workspace_id: null, model: null, uncached_input_tokens: 10, cache_read_input_tokens: 0, output_tokens: 1 }] }], has_more: false, next_page: null };
    await expect(run('anthropic-usage', tempFile('nogroup.json', JSON.stringify(page, null, 2)))).rejects.toThrow(/group_by.*api_key_id/);
  });
});

describe('field-spec helpers', () => {
  const src = { a: '', b: '-', c: 'x', n: '5', m: 7, neg: -2, ip6: '[2001:db8::1]:443', bare6: '2001:db8::1', masked: '198.51.100.***' };
  it('treats "", "-" and null as absent in fallbacks and prefixes only fallbacks', () => {
    expect(first('a', 'b', 'c')(src)).toBe('x');
    expect(identity('a', ['key:', 'b'], ['ip:', 'c'])(src)).toBe('ip:x');
    expect(identity('c', ['key:', 'n'])(src)).toBe('x');
    expect(identity('a', ['key:', 'b'])(src)).toBeUndefined();
  });
  it('sums counters, passes an invalid part through for validation, absent when all are absent', () => {
    expect(sum('n', 'm', 'missing')(src)).toBe(12);
    expect(sum('n', 'neg')(src)).toBe(-2);
    expect(sum('a', 'missing')(src)).toBeUndefined();
  });
  it('strips ports without breaking IPv6 and keeps masked IPs as /24', () => {
    expect(stripPort('ip6')(src)).toBe('2001:db8::1');
    expect(stripPort('bare6')(src)).toBe('2001:db8::1');
    expect(maskedIpPrefix('masked')(src)).toBe('198.51.100.0/24');
  });
  it('body dialects join user turns with a newline and hash the system prompt', () => {
    const body = { messages: [{ role: 'developer', content: 'Be terse.' }, { role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: [{ type: 'text', text: 'c' }, { type: 'image_url', image_url: {} }] }] };
    expect(bodyFields(openAiChat(body, {}))).toEqual({ prompt: 'a\nc', prompt_hash: promptHash('a\nc'), system_prompt_hash: promptHash('Be terse.') });
    expect(bodyFields(bedrockNative({ prompt: '   ' }, {}))).toEqual({});
  });
});
