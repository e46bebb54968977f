/** Azure OpenAI / AI Foundry diagnostic logs, RequestResponse category (formats.md §4). */
import { constant, definePreset, dropUnless, explodeKey, first, identity, joined, maskedIpPrefix, nonNegative, scalarText, subscriptionFromResourceId } from './fields.js';

/** `properties` is an object, a JSON string, or (Log Analytics) the string column `properties_s`. */
const prop = (key: string) => first(`properties.${key}`, `properties_s.${key}`);
/** Event Hubs / storage use camelCase keys, Log Analytics exports PascalCase columns. */
const col = (camel: string, logAnalytics: string) => first(camel, logAnalytics);

// Inference REST operations; ChatCompletions_Create is confirmed, the rest follow the same naming.
const INFERENCE_OPERATION = /^(ChatCompletions|Completions|Embeddings|Responses|ImageGenerations|Audio\w*)_Create\w*$/i;

export const azure = definePreset({
  name: 'azure',
  description: 'Azure OpenAI diagnostic logs, RequestResponse category (lines or Event Hubs records[])',
  explode: explodeKey('records'),
  warnings: [
    'no token counts in Azure diagnostic logs: input/output tokens are 0 and token features are empty for this input',
    'caller IPs are masked by Azure and kept as /24 prefixes; key-authenticated traffic has no caller identity beyond the resource',
  ],
  filters: [
    dropUnless(col('category', 'Category'), (v) => v === 'RequestResponse', 'not_request_response'),
    dropUnless(col('operationName', 'OperationName'), (v) => INFERENCE_OPERATION.test(scalarText(v) ?? ''), 'non_inference_operation'),
  ],
  fields: {
    // Never properties.requestTime: .NET ticks.
    ts: col('time', 'TimeGenerated'),
    account_id: identity(prop('objectId'), ['resource:', col('resourceId', 'ResourceId')]),
    org_id: subscriptionFromResourceId(col('resourceId', 'ResourceId')),
    model: joined('-', prop('modelName'), prop('modelVersion')),
    request_count: constant(1),
    ip: maskedIpPrefix(col('callerIpAddress', 'CallerIPAddress')),
    status: col('resultSignature', 'ResultSignature'),
    latency_ms: nonNegative(col('durationMs', 'DurationMs')),
    request_id: col('correlationId', 'CorrelationId'),
  },
});
