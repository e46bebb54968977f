/**
 * Request-body dialects → `prompt`, `prompt_hash`, `system_prompt_hash` (formats.md §0.1, §8.1). One
 * extractor per dialect; all hash with the project's one `promptHash`, so a template seen through Bedrock
 * and through LiteLLM hashes the same. `prompt` = the user turns' text joined with "\n".
 */
import { maybeJson, resolveRowPath } from '../path.js';
import { normalizePrompt, promptHash } from '../prompt.js';
import type { RawRecord } from '../record.js';
import type { SourceRecord } from './preset.js';
import { isObject } from '../../io/read-json.js';

export interface BodyText {
  prompt?: string;
  system?: string;
}

/** Reads a parsed body; `source` is there for dialects whose shape depends on the record (Bedrock `operation`). */
export type BodyDialect = (body: unknown, source: SourceRecord) => BodyText | undefined;

/** A body stored as a JSON string (Bedrock pipelines, LiteLLM columns) is parsed; other strings are not bodies. */
export function parseJsonText(v: unknown): unknown {
  if (v === null) return undefined;
  const parsed = maybeJson(v);
  return typeof parsed === 'string' ? undefined : parsed;
}

const TEXT_PART_TYPES = new Set(['text', 'input_text']);

/** Text of a content value: a string, `[{type:"text",text}]` (OpenAI/Anthropic) or `[{text}]` (Converse). Images, tool calls… are skipped. */
function textOf(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    const parts = content.map(textOf).filter((p): p is string => p !== undefined && p.length > 0);
    return parts.length > 0 ? parts.join('\n') : undefined;
  }
  if (isObject(content) && typeof content.text === 'string' && (content.type === undefined || (typeof content.type === 'string' && TEXT_PART_TYPES.has(content.type)))) {
    return content.text;
  }
  return undefined;
}

/** Text of the turns whose role is in `roles`, joined with "\n". */
function turns(messages: unknown, roles: readonly string[]): string | undefined {
  if (!Array.isArray(messages)) return undefined;
  const parts: string[] = [];
  for (const m of messages) {
    if (!isObject(m) || typeof m.role !== 'string' || !roles.includes(m.role)) continue;
    const t = textOf(m.content);
    if (t !== undefined && t.length > 0) parts.push(t);
  }
  return parts.length > 0 ? parts.join('\n') : undefined;
}

/** OpenAI-style chat body (`{messages:[{role,content}]}` or the bare list): system = role system (or its successor, developer). */
export const openAiChat: BodyDialect = (body) => {
  const messages = Array.isArray(body) ? body : isObject(body) ? body.messages : undefined;
  return { prompt: turns(messages, ['user']), system: turns(messages, ['system', 'developer']) };
};

/** Anthropic Messages body: `messages[]` + top-level `system` (string or text blocks). */
export const anthropicMessages: BodyDialect = (body) => {
  if (!isObject(body)) return undefined;
  return { prompt: turns(body.messages, ['user']), system: textOf(body.system) };
};

/** Bedrock Converse body: `messages[].content[].text`, `system[].text`. */
export const bedrockConverse: BodyDialect = (body) => {
  if (!isObject(body)) return undefined;
  return { prompt: turns(body.messages, ['user']), system: textOf(body.system) };
};

/**
 * Bedrock InvokeModel bodies, model-native: Anthropic messages/system, chat-style `messages` of other
 * families (Mistral, AI21), else `prompt` (Llama, Mistral, Cohere, Claude 2), `inputText` (Titan), `message`
 * (Cohere Command R). Only the Anthropic shape has a separate system field.
 */
export const bedrockNative: BodyDialect = (body, source) => {
  if (!isObject(body)) return undefined;
  if (Array.isArray(body.messages)) {
    return body.system !== undefined || body.anthropic_version !== undefined ? anthropicMessages(body, source) : openAiChat(body, source);
  }
  for (const key of ['prompt', 'inputText', 'message']) {
    const t = textOf(body[key]);
    if (t !== undefined && t.length > 0) return { prompt: t };
  }
  return undefined;
};

/** Bedrock invocation logs: the body shape follows `operation` (Converse* vs InvokeModel*). */
export const bedrockBody: BodyDialect = (body, source) => {
  const operation = resolveRowPath(source, 'operation');
  return (typeof operation === 'string' && /^converse/i.test(operation) ? bedrockConverse : bedrockNative)(body, source);
};

/** The derived canonical fields; text that normalises to nothing yields no hash. */
export function bodyFields(text: BodyText | undefined): RawRecord {
  const out: RawRecord = {};
  if (!text) return out;
  if (text.prompt !== undefined && normalizePrompt(text.prompt).length > 0) {
    out.prompt = text.prompt;
    out.prompt_hash = promptHash(text.prompt);
  }
  if (text.system !== undefined && normalizePrompt(text.system).length > 0) out.system_prompt_hash = promptHash(text.system);
  return out;
}
