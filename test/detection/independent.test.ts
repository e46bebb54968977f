/**
 * Detection on dumps from a generator the detector's authors did not design (test/helpers/
 * independent-generator.mjs): what holds there is less likely to be tuning to our own simulator.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScan } from '../../src/commands/scan.js';
import { evaluateReport } from '../../src/evaluate/evaluate.js';
import type { Report } from '../../src/report/report.js';
import { readTruth } from '../../src/simulate/index.js';
import { tempDir } from '../helpers/ingest.js';

const GENERATOR = new URL('../helpers/independent-generator.mjs', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function scanIndependent(seed: number, extra: string[] = []) {
  const out = tempDir();
  dirs.push(out);
  const gen = spawnSync(process.execPath, [GENERATOR, String(seed), '--out', out, ...extra], { encoding: 'utf8' });
  expect(gen.status, gen.stderr).toBe(0);
  const { output } = await runScan({ inputs: [join(out, 'logs.jsonl')], format: 'json', version: 'test' });
  return evaluateReport(JSON.parse(output) as Report, readTruth(out).groups);
}

describe('detection on an independent generator', { concurrent: true }, () => {
  // Its stealth campaign (own cards, home IPs, human hours, tied only by prompt templates) is a known
  // blind spot (docs/detection.md): templates corroborate links but never make one.
  const DETECTABLE = ['hydra_cot_farm', 'new_model_pivot', 'sync_rubric_graders'];

  it.each([[1, []], [2, []], [1, ['--metadata-only']]] as const)('seed %i %j: the detectable campaigns whole and critical, no look-alike flagged', async (seed, extra) => {
    const e = await scanIndependent(seed, [...extra]);
    const byPopulation = Object.fromEntries(e.campaigns.map((c) => [c.population, c]));
    for (const name of DETECTABLE) {
      expect(byPopulation[name].severity, name).toBe('critical');
      expect(byPopulation[name].consolidation, name).toBeGreaterThanOrEqual(0.95);
      expect(byPopulation[name].mergedWith, name).toEqual([]);
    }
    expect(e.precision).toBeGreaterThanOrEqual(0.98);
    for (const b of e.benign) expect(b.flaggedShare, b.population).toBe(0);
  }, 300_000);
});
