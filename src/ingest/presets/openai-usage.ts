/** OpenAI organization Usage API, completions (formats.md §3): bucket pages, one record per result. */
import { toNumber } from '../validate.js';
import { definePreset, dropUnless, explodeUsagePage, identity, secondsToMs } from './fields.js';

const COMPLETIONS_RESULT = 'organization.usage.completions.result';

export const openaiUsage = definePreset({
  name: 'openai-usage',
  description: 'OpenAI Usage API completions pages (data[].results[], one record per result)',
  documents: true,
  explode: explodeUsagePage,
  buckets: { requestCounts: true },
  warnings: [
    'records are usage buckets (1m/1h/1d; the first may start off-boundary): timing features below the bucket width are meaningless',
  ],
  missingIdentityHint:
    'openai-usage: no result carries an identity (user_id, api_key_id and project_id are all null): re-export the usage report with group_by=api_key_id (or user_id, project_id)',
  filters: [
    // Sibling endpoints (embeddings, images, audio…) have other result objects.
    dropUnless('object', (v) => v === COMPLETIONS_RESULT, 'not_completions_result'),
    // request_count must be ≥ 1.
    dropUnless('num_model_requests', (v) => toNumber(v) !== 0, 'zero_model_requests'),
  ],
  fields: {
    ts: secondsToMs('start_time'),
    account_id: identity('user_id', ['key:', 'api_key_id'], ['project:', 'project_id']),
    org_id: 'project_id',
    api_key_id: 'api_key_id',
    model: 'model',
    // Already includes cached tokens (input_cached_tokens is a subset); audio counters are not added on top.
    input_tokens: 'input_tokens',
    output_tokens: 'output_tokens',
    request_count: 'num_model_requests',
  },
});
