/** Access logs of an inference endpoint: nginx JSON log_format, Envoy / Istio JSON (formats.md §6, §9.6). */
import {
  constant, definePreset, dropUnless, endMinusSeconds, first, firstHop, type Getter, getter, identity, requestLineToken, scalarText, secondsToMs, stripPort,
} from './fields.js';

const requestPath = first('uri', 'request_uri', 'path', requestLineToken('request', 1));
const method = first('method', 'request_method', requestLineToken('request', 0));

/** The path of a URL without query, fragment and trailing slashes; "" for a value without text. */
function pathOnly(url: unknown): string {
  return (scalarText(url) ?? '').split(/[?#]/)[0].replace(/\/+$/, '');
}

// POST to completion / message / response / embedding endpoints (OpenAI, Anthropic, Azure, Bedrock, Gemini).
const INFERENCE_PATH =
  /(?:\/(?:chat\/completions|completions|complete|messages|responses|embeddings|converse|converse-stream|invoke|invoke-with-response-stream)|:(?:generateContent|streamGenerateContent|embedContent))$/i;

const MODEL_IN_URL: readonly RegExp[] = [
  /\/openai\/deployments\/([^/]+)\//i, // Azure: the deployment name
  /\/model\/([^/]+)\/(?:invoke|converse)/i, // Bedrock runtime
  /\/models\/([^/:]+):/i, // Gemini
];

/** Model from the URL only; OpenAI/Anthropic-style APIs carry it in the body → absent. */
function modelFromUrl(spec: Getter): Getter {
  return (source) => {
    const url = spec(source);
    if (url === undefined) return undefined;
    for (const re of MODEL_IN_URL) {
      const m = re.exec(pathOnly(url));
      if (m) {
        try {
          return decodeURIComponent(m[1]);
        } catch {
          return m[1];
        }
      }
    }
    return undefined;
  };
}

const clientIp = first(
  stripPort(firstHop(first('x_forwarded_for', 'xff', 'http_x_forwarded_for'))),
  stripPort('remote_addr'),
  stripPort('downstream_remote_address'),
);

export const httpAccess = definePreset({
  name: 'http-access',
  description: 'HTTP access logs of an inference endpoint (nginx JSON log_format, Envoy/Istio JSON)',
  warnings: [
    'HTTP access logs carry no token counts (unless the gateway logs them): tokens are 0 and token features are empty for this input',
    'the model is known only from Azure/Bedrock/Gemini-style URLs, and there are no prompts; account_id falls back to key:<key hash> then ip:<address> when no auth identity is logged',
  ],
  filters: [
    dropUnless(method, (v) => scalarText(v)?.toUpperCase() === 'POST', 'non_inference_request'),
    dropUnless(requestPath, (v) => INFERENCE_PATH.test(pathOnly(v)), 'non_inference_request'),
  ],
  fields: {
    // Envoy START_TIME is the start; nginx time variables are taken when the response ended.
    ts: first('start_time', endMinusSeconds(first('msec', 'time_iso8601', 'time_local', 'time', '@timestamp'), 'request_time')),
    account_id: identity(first('account', 'account_id', 'remote_user', 'user'), ['key:', first('key_id', 'api_key_id')], ['ip:', clientIp]),
    api_key_id: first('key_id', 'api_key_id'),
    model: first('model', modelFromUrl(getter(requestPath))),
    input_tokens: first('input_tokens', 'input_token'),
    output_tokens: first('output_tokens', 'output_token'),
    request_count: constant(1),
    ip: clientIp,
    user_agent: first('ua', 'http_user_agent', 'user_agent'),
    country: first('country', 'geoip_country_code', 'geoip2_country_code'),
    status: first('status', 'response_code'),
    latency_ms: first('duration', secondsToMs('request_time')),
    // The upstream's id joins with provider data.
    request_id: first('up_req_id', 'request_id'),
  },
});
