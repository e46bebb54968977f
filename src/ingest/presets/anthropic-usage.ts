/** Anthropic Admin API messages usage report (formats.md §7): bucket pages, one record per result. */
import { constant, definePreset, explodeUsagePage, identity, sum } from './fields.js';

export const anthropicUsage = definePreset({
  name: 'anthropic-usage',
  description: 'Anthropic Admin API messages usage report pages (data[].results[], one record per result)',
  documents: true,
  explode: explodeUsagePage,
  buckets: { requestCounts: false },
  warnings: [
    'the report has no request counts: every bucket row counts as ONE exchange, so read volume in tokens, not exchanges; pair with a per-request source when one exists',
    'records are usage buckets (1m/1h/1d): timing features below the bucket width are meaningless',
  ],
  missingIdentityHint:
    'anthropic-usage: no result carries an identity (api_key_id, account_id and workspace_id are all null): re-export the usage report with group_by[]=api_key_id (or workspace_id)',
  fields: {
    ts: 'starting_at',
    account_id: identity('api_key_id', ['account:', 'account_id'], ['workspace:', 'workspace_id']),
    org_id: 'workspace_id',
    api_key_id: 'api_key_id',
    model: 'model',
    // The four counters are disjoint.
    input_tokens: sum('uncached_input_tokens', 'cache_read_input_tokens', 'cache_creation.ephemeral_5m_input_tokens', 'cache_creation.ephemeral_1h_input_tokens'),
    output_tokens: 'output_tokens',
    // No counter in the report; the contract minimum.
    request_count: constant(1),
  },
});
