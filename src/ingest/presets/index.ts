/** The preset registry: `--preset NAME` looks names up here. */
import { UsageError } from '../../errors.js';
import { anthropicUsage } from './anthropic-usage.js';
import { azure } from './azure.js';
import { bedrock } from './bedrock.js';
import { canonical } from './canonical.js';
import { cloudflareGateway } from './cloudflare-gateway.js';
import { httpAccess } from './http-access.js';
import { litellm } from './litellm.js';
import { openaiUsage } from './openai-usage.js';
import type { Preset } from './preset.js';

export const PRESETS: ReadonlyMap<string, Preset> = new Map(
  [canonical, bedrock, litellm, openaiUsage, azure, cloudflareGateway, httpAccess, anthropicUsage].map((p) => [p.name, p]),
);

export function getPreset(name: string): Preset {
  const preset = PRESETS.get(name);
  if (!preset) throw new UsageError(`unknown preset '${name}' (known: ${[...PRESETS.keys()].join(', ')})`);
  return preset;
}

export type { Preset, SourceRecord, Filtered } from './preset.js';
export { isFiltered } from './preset.js';
