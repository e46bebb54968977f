/** detect() (src/detect.ts) on usage-bucket exports: bucket start times are no request times. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScan } from '../src/commands/scan.js';
import { tempDir } from './helpers/ingest.js';

/** Usage pages: `keys` API keys, each with one result in every bucket, buckets starting `starts` (epoch s). */
function usagePages(keys: number, starts: number[], result: (key: number) => Record<string, unknown>, time: (t: number) => Record<string, unknown>): string {
  const data = starts.map((t) => ({ ...time(t), results: Array.from({ length: keys }, (_, k) => result(k)) }));
  return JSON.stringify({ data, has_more: false }, null, 2);
}

const START = Date.UTC(2026, 4, 1) / 1000;
const hourly = (hours: number): number[] => Array.from({ length: hours }, (_, h) => START + h * 3600);

describe('detect on usage buckets', () => {
  it('links no accounts by lockstep: keys share bucket start times, which are not request times', async () => {
    const path = join(tempDir(), 'openai.json');
    // One-minute buckets on 300 minutes spread over ten days, every key in each.
    const minutes = Array.from({ length: 300 }, (_, i) => START + ((i * 2_654_435_761) % 14_400) * 60).sort((a, b) => a - b);
    writeFileSync(
      path,
      usagePages(
        30,
        minutes,
        (k) => ({ object: 'organization.usage.completions.result', api_key_id: `key_${k}`, project_id: `proj_${k}`, model: 'gpt-4o', input_tokens: 1000 + k, output_tokens: 200, num_model_requests: 5 }),
        (t) => ({ object: 'bucket', start_time: t, end_time: t + 3600 }),
      ),
    );
    const { report } = await runScan({ inputs: [path], preset: 'openai-usage', format: 'json', version: 'test' });
    expect(report.input.accounts).toBe(30);
    expect(report.clusters.every((c) => c.account_count === 1 && c.subscores.lockstep === null)).toBe(true);
    expect(report.clusters.some((c) => /swarm|lockstep/.test(c.label))).toBe(false);
  });

  it('reads volume in tokens when bucket rows count no requests (anthropic-usage)', async () => {
    const path = join(tempDir(), 'anthropic.json');
    writeFileSync(
      path,
      usagePages(
        3,
        hourly(48),
        (k) => ({ api_key_id: `apikey_${k}`, workspace_id: 'wrk', model: 'claude', uncached_input_tokens: 100, cache_read_input_tokens: 0, output_tokens: 50 }),
        (t) => ({ starting_at: new Date(t * 1000).toISOString(), ending_at: new Date((t + 3600) * 1000).toISOString() }),
      ),
    );
    const { report } = await runScan({ inputs: [path], preset: 'anthropic-usage', format: 'json', version: 'test' });
    const volume = report.clusters[0].evidence.find((e) => e.signal === 'volume');
    expect(volume?.detail).toMatch(/^7,200 tokens over 2\.0 days in 48 usage-bucket rows, which count no requests/);
  });
});
