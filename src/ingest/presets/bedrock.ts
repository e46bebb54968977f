/** AWS Bedrock model invocation logs (formats.md §1): S3 lines or CloudWatch subscription envelopes. */
import { bedrockBody } from './bodies.js';
import { constant, definePreset, first, sum } from './fields.js';

const BODY = 'input.inputBodyJson';

/** CloudWatch subscription batches carry records as JSON strings in `logEvents[].message`; CONTROL_MESSAGE has none. */
function explodeBedrock(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(explodeBedrock);
  if (value === null || typeof value !== 'object') return [value];
  const v = value as Record<string, unknown>;
  if (v.messageType === 'CONTROL_MESSAGE') return [];
  if (!Array.isArray(v.logEvents)) return [value];
  return v.logEvents.map((e) => {
    const message = (e as Record<string, unknown> | null)?.message;
    if (typeof message !== 'string') return message;
    try {
      return JSON.parse(message) as unknown;
    } catch {
      return message; // rejected as not_an_object, with its envelope index
    }
  });
}

export const bedrock = definePreset({
  name: 'bedrock',
  description: 'AWS Bedrock model invocation logs (S3 lines or CloudWatch logEvents envelopes)',
  explode: explodeBedrock,
  // An `aws s3 sync` of the bucket holds the bodies offloaded from large records beside the log objects.
  notRecords: { path: /(?:^|[\\/])BedrockModelInvocationLogs[\\/](?:.*[\\/])?data[\\/]/, what: 'offloaded request/response bodies (…/data/…), not log records' },
  warnings: [
    'account_id is identity.arn: assumed-role ARNs end in a session name, which may change per session and inflate the account count (try --map account_id=accountId or requestMetadata.<key>)',
    'bodies over ~100 KB are offloaded to S3 (input.inputBodyS3Path) and are not fetched: such records have no prompt hashes',
  ],
  fields: {
    ts: 'timestamp',
    account_id: 'identity.arn',
    org_id: 'accountId',
    model: 'modelId',
    // inputTokenCount is the uncached share; cache counters are absent on older records.
    input_tokens: sum('input.inputTokenCount', 'input.cacheReadInputTokenCount', 'input.cacheWriteInputTokenCount'),
    output_tokens: 'output.outputTokenCount',
    request_count: constant(1),
    status: first('errorCode', 'status', constant('success')),
    latency_ms: 'output.outputBodyJson.metrics.latencyMs',
    request_id: 'requestId',
    // Converse / Anthropic & Cohere native / Meta Llama / Amazon Titan.
    max_tokens: first(`${BODY}.inferenceConfig.maxTokens`, `${BODY}.max_tokens`, `${BODY}.max_gen_len`, `${BODY}.textGenerationConfig.maxTokenCount`),
    temperature: first(`${BODY}.inferenceConfig.temperature`, `${BODY}.temperature`, `${BODY}.textGenerationConfig.temperature`),
  },
  body: { from: BODY, dialect: bedrockBody },
});
