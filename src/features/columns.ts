/**
 * The feature table's columns (CONTRACT §3b): one definition drives the CSV/NDJSON/Arrow writers and the
 * README's column reference, so the documentation cannot drift from what is written.
 */

export type ColumnType = 'string' | 'int' | 'float' | 'time';

export interface Column {
  name: string;
  type: ColumnType;
  unit: string;
  description: string;
}

const HOURS = Array.from({ length: 24 }, (_, h): Column => ({
  name: `hour_${String(h).padStart(2, '0')}`,
  type: 'int',
  unit: 'exchanges',
  description: `exchanges that started in UTC hour ${h} of the day`,
}));

/**
 * Value lists of the feature table: for each AccountState counter the linkage graph reads, its token kind,
 * the column that lists its heaviest values and how many (cluster/tokens.ts takes exactly these many per
 * account, so a feature table read back by `scan --features` gives the graph the tokens the logs would).
 */
export const VALUE_LISTS = {
  payments: { kind: 'payment', column: 'top_payment_fingerprints', limit: 4, what: 'payment fingerprints' },
  apiKeys: { kind: 'api_key', column: 'top_api_keys', limit: 4, what: 'API keys' },
  ips: { kind: 'ip', column: 'top_ips', limit: 16, what: 'IPs' },
  ipPrefixes: { kind: 'ip_prefix', column: 'top_ip_prefixes', limit: 8, what: '/24 (IPv4) or /48 (IPv6) networks' },
  userAgents: { kind: 'user_agent', column: 'top_user_agents', limit: 4, what: 'user agents' },
  templates: { kind: 'template', column: 'top_templates', limit: 8, what: 'prompt templates (slots masked; the prompt_hash without text)' },
  systemPrompts: { kind: 'system_prompt', column: 'top_system_prompts', limit: 4, what: 'system_prompt_hash values' },
  orgs: { kind: 'org', column: 'top_orgs', limit: 2, what: 'org ids' },
} as const;

export type ListedCounter = keyof typeof VALUE_LISTS;

export const FEATURE_COLUMNS: readonly Column[] = [
  { name: 'account_id', type: 'string', unit: '', description: 'the account (CONTRACT §3)' },
  { name: 'exchanges', type: 'int', unit: 'exchanges', description: 'sum of request_count (exact)' },
  { name: 'input_tokens', type: 'int', unit: 'tokens', description: 'sum of input_tokens (exact)' },
  { name: 'output_tokens', type: 'int', unit: 'tokens', description: 'sum of output_tokens (exact)' },
  { name: 'first_seen', type: 'time', unit: 'RFC3339 UTC', description: 'earliest exchange' },
  { name: 'last_seen', type: 'time', unit: 'RFC3339 UTC', description: 'latest exchange' },
  { name: 'rows', type: 'int', unit: 'records', description: 'input records (differs from exchanges for pre-aggregated usage buckets)' },
  { name: 'span_days', type: 'float', unit: 'days', description: 'last_seen − first_seen' },
  { name: 'active_days', type: 'int', unit: 'days', description: 'distinct UTC days with traffic (exact)' },
  { name: 'active_hours', type: 'int', unit: 'hours', description: 'distinct UTC clock hours with traffic (exact)' },
  { name: 'exchanges_per_active_hour', type: 'float', unit: 'exchanges/hour', description: 'exchanges ÷ active_hours' },
  { name: 'exchanges_per_active_day', type: 'float', unit: 'exchanges/day', description: 'exchanges ÷ active_days' },
  { name: 'hour_entropy_bits', type: 'float', unit: 'bits (0–4.585)', description: 'Shannon entropy of the hour-of-day histogram; 4.585 = perfectly flat 24/7 load, a human working day ≈ 3' },
  { name: 'peak_hour_share', type: 'float', unit: 'share', description: 'share of exchanges in the busiest hour of day' },
  { name: 'minute_entropy_bits', type: 'float', unit: 'bits (0–5.907)', description: 'entropy of the minute-of-hour histogram; low = clock-aligned (cron) traffic' },
  { name: 'weekend_share', type: 'float', unit: 'share', description: 'share of exchanges on Saturday/Sunday UTC (2/7 ≈ 0.286 for flat load)' },
  { name: 'interarrival_median_s', type: 'float', unit: 'seconds', description: 'median gap between distinct active seconds; exact up to 128 active seconds, then over a hash sample of them (gaps then scale with the sampling rate)' },
  { name: 'interarrival_cv', type: 'float', unit: 'ratio', description: 'coefficient of variation of those gaps: ≈0 metronome, ≈1 random (Poisson), >1 bursty; same sampling caveat' },
  ...HOURS,
  { name: 'distinct_ips', type: 'int', unit: 'count', description: 'distinct IPs; exact up to 64, then a KMV estimate (±12.7% rel. std. error)' },
  { name: 'distinct_ip_prefixes', type: 'int', unit: 'count', description: 'distinct /24 (IPv4) or /48 (IPv6) networks; same sketch' },
  { name: 'distinct_asns', type: 'int', unit: 'count', description: 'distinct ASNs; same sketch' },
  { name: 'distinct_countries', type: 'int', unit: 'count', description: 'distinct countries; exact up to 32' },
  { name: 'distinct_user_agents', type: 'int', unit: 'count', description: 'distinct user agents; exact up to 32, then KMV' },
  { name: 'distinct_api_keys', type: 'int', unit: 'count', description: 'distinct API keys; exact up to 32, then KMV' },
  { name: 'top_ip', type: 'string', unit: '', description: 'most used IP' },
  { name: 'top_ip_share', type: 'float', unit: 'share', description: 'share of exchanges from top_ip' },
  { name: 'top_asn', type: 'string', unit: '', description: 'most used ASN' },
  { name: 'top_country', type: 'string', unit: '', description: 'most used country' },
  { name: 'top_user_agent', type: 'string', unit: '', description: 'most used user agent' },
  { name: 'output_input_ratio', type: 'float', unit: 'ratio', description: 'output_tokens ÷ input_tokens (empty when no input tokens)' },
  { name: 'mean_input_tokens', type: 'float', unit: 'tokens/exchange', description: 'input_tokens ÷ exchanges' },
  { name: 'mean_output_tokens', type: 'float', unit: 'tokens/exchange', description: 'output_tokens ÷ exchanges' },
  { name: 'top_max_tokens', type: 'float', unit: 'tokens', description: 'most used max_tokens setting (empty when never logged)' },
  { name: 'top_max_tokens_share', type: 'float', unit: 'share', description: 'share of exchanges with max_tokens logged that use top_max_tokens' },
  { name: 'temperature_mean', type: 'float', unit: '', description: 'mean temperature over exchanges that logged one' },
  { name: 'temperature_zero_share', type: 'float', unit: 'share', description: 'share of those exchanges at temperature 0' },
  { name: 'distinct_models', type: 'int', unit: 'count', description: 'distinct models' },
  { name: 'top_model', type: 'string', unit: '', description: 'most used model' },
  { name: 'top_model_share', type: 'float', unit: 'share', description: 'share of exchanges on top_model' },
  { name: 'model_mix', type: 'string', unit: 'model=share;…', description: 'up to 8 models by share of exchanges, heaviest first' },
  { name: 'model_first_use', type: 'string', unit: 'model=RFC3339;…', description: 'first use of each model (up to 64 models), earliest first' },
  { name: 'top_topic', type: 'string', unit: '', description: 'most common topic (when the dump has one)' },
  { name: 'top_topic_share', type: 'float', unit: 'share', description: 'share of exchanges on top_topic' },
  { name: 'prompt_exchanges', type: 'int', unit: 'exchanges', description: 'exchanges with prompt text or a prompt hash (0 on metadata-only dumps)' },
  { name: 'distinct_prompts', type: 'int', unit: 'count', description: 'distinct prompts (by prompt_hash, else normalised text); exact up to 64, then KMV (±12.7%)' },
  { name: 'distinct_templates', type: 'int', unit: 'count', description: 'distinct prompt templates (text with slots masked, first 8 + last 4 words, at most 200 characters; else prompt_hash); exact up to 64, then KMV' },
  { name: 'top_template_share', type: 'float', unit: 'share', description: 'share of prompt_exchanges on the most common template' },
  { name: 'distinct_system_prompts', type: 'int', unit: 'count', description: 'distinct system_prompt_hash values' },
  { name: 'top_system_prompt_share', type: 'float', unit: 'share', description: 'share of exchanges on the most common system prompt (of those with one)' },
  { name: 'cot_share', type: 'float', unit: 'share', description: 'share of exchanges with prompt text that elicit chain-of-thought (empty without text)' },
  { name: 'rubric_share', type: 'float', unit: 'share', description: 'share of exchanges with prompt text that ask for rubric grading (empty without text)' },
  { name: 'error_share', type: 'float', unit: 'share', description: 'share of exchanges with a non-success status (empty when no status)' },
  { name: 'latency_mean_ms', type: 'float', unit: 'ms', description: 'mean latency over records that logged one' },
  { name: 'account_created_at', type: 'time', unit: 'RFC3339 UTC', description: 'account creation (logs or --accounts)' },
  { name: 'account_age_days', type: 'float', unit: 'days', description: 'age of the account at its first exchange' },
  { name: 'email_domain', type: 'string', unit: '', description: 'most common email domain (logs or --accounts), lower case' },
  { name: 'payment_fingerprint', type: 'string', unit: '', description: 'most common payment fingerprint (logs or --accounts)' },
  { name: 'distinct_payment_fingerprints', type: 'int', unit: 'count', description: 'distinct payment fingerprints seen for the account' },
  { name: 'org_id', type: 'string', unit: '', description: 'most common org id (logs or --accounts)' },
  ...Object.values(VALUE_LISTS).map((l): Column => ({
    name: l.column,
    type: 'string',
    unit: 'JSON array',
    description: `up to ${l.limit} ${l.what}, heaviest first (ties by value); what \`scan --features\` links accounts through`,
  })),
  { name: 'daily_exchanges', type: 'string', unit: 'YYYY-MM-DD=exchanges;…', description: 'exchanges per UTC day with traffic, in day order (pivots and timelines)' },
];

export type FeatureValue = string | number | null;
export type FeatureRow = Record<string, FeatureValue>;
