/** Cloudflare AI Gateway log rows (formats.md §5a): v4 API envelope `result[]` or one row per line. */
import { constant, definePreset, explodeKey, first, identity } from './fields.js';

export const cloudflareGateway = definePreset({
  name: 'cloudflare-gateway',
  description: 'Cloudflare AI Gateway logs (API v4 envelope result[] or one row per line)',
  explode: explodeKey('result'),
  warnings: [
    'identity comes only from cf-aig-metadata (metadata.cf.user_id behind Cloudflare Access, else metadata.user): rows without it are rejected as missing_account_id; pick another key with --map account_id=\'metadata["<key>"]\'',
  ],
  fields: {
    ts: 'created_at',
    // metadata is a JSON string; the path resolver parses it. The key itself contains a dot, hence brackets.
    account_id: identity('metadata["cf.user_id"]', ['user:', 'metadata.user']),
    org_id: first('metadata.org_id', 'metadata.org', 'metadata.team'),
    model: 'model',
    input_tokens: 'tokens_in',
    output_tokens: 'tokens_out',
    request_count: constant(1),
    status: first('status_code', 'success'),
    latency_ms: 'duration',
    request_id: 'id',
  },
});
