/** LiteLLM proxy spend logs (formats.md §2): API/UI JSON or `"LiteLLM_SpendLogs"` rows dumped to CSV. */
import { openAiChat } from './bodies.js';
import { constant, definePreset, elapsedMs, first, firstHop, identity } from './fields.js';

export const litellm = definePreset({
  name: 'litellm',
  description: 'LiteLLM proxy spend logs (LiteLLM_SpendLogs rows, JSON or CSV)',
  warnings: [
    'api_key_id is sha256 of the virtual key, never the key: hash a key list the same way to match it',
    'prompt hashes only where prompts were stored (store_prompts_in_spend_logs); long prompts are stored cut in the middle',
  ],
  fields: {
    ts: 'startTime',
    account_id: identity('user', ['key:', 'api_key']),
    org_id: first('team_id', 'organization_id'),
    api_key_id: 'api_key',
    model: 'model',
    input_tokens: 'prompt_tokens',
    output_tokens: 'completion_tokens',
    request_count: constant(1),
    // With use_x_forwarded_for this is the raw, client-controlled XFF list: first entry.
    ip: firstHop(first('requester_ip_address', 'metadata.requester_ip_address')),
    status: 'status',
    latency_ms: first('request_duration_ms', elapsedMs('endTime', 'startTime')),
    request_id: 'request_id',
    max_tokens: 'proxy_server_request.max_tokens',
    temperature: 'proxy_server_request.temperature',
  },
  // proxy_server_request is a JSON string even in JSON exports; the path resolver parses it on the way.
  body: { from: first('proxy_server_request.messages', 'messages'), dialect: openAiChat },
});
