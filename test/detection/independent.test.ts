/**
 * Detection on dumps from generators the detector's authors did not design (test/helpers/independent-
 * generator-a.mjs, -b.mjs and -c.mjs, each written from the issue text alone): what holds there is less
 * likely to be tuning to our own simulator.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runScan } from '../../src/commands/scan.js';
import { evaluateReport } from '../../src/evaluate/evaluate.js';
import type { Report } from '../../src/report/report.js';
import { readTruth } from '../../src/simulate/index.js';
import { tempDir } from '../helpers/ingest.js';

const generator = (name: string): string => new URL(`../helpers/independent-generator-${name}.mjs`, import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function scanIndependent(name: 'a' | 'b' | 'c', seed: number, extra: readonly string[] = []) {
  const out = tempDir();
  dirs.push(out);
  // Asynchronously, so that the concurrent cases' generators run in other processes while scans run here.
  await promisify(execFile)(process.execPath, [generator(name), String(seed), '--out', out, ...extra], { maxBuffer: 64 << 20 });
  const { output } = await runScan({ inputs: [join(out, 'logs.jsonl')], format: 'json', version: 'test' });
  return evaluateReport(JSON.parse([...output].join('')) as Report, readTruth(out).groups);
}

describe('detection on independent generators', { concurrent: true, timeout: 300_000 }, () => {
  // Generator a's stealth campaign (own cards, home IPs, human hours) and generator c's dormant one are tied
  // only by their prompt templates (content links). Generator b's model-pivot campaign is flagged, but in
  // pieces (one per card; its own-card accounts stay alone).
  const CASES = [
    { name: 'a', seed: 1, extra: [], whole: ['hydra_cot_farm', 'new_model_pivot', 'sync_rubric_graders', 'stealth_templated'], flagged: [] },
    { name: 'a', seed: 1, extra: ['--metadata-only'], whole: ['hydra_cot_farm', 'new_model_pivot', 'sync_rubric_graders'], flagged: [] },
    { name: 'b', seed: 1, extra: [], whole: ['cot-rubric-lockstep', 'vpn-hydra', 'agentic-multipath'], flagged: ['new-model-pivot'] },
    { name: 'c', seed: 1, extra: [], whole: ['cerberus-swarm', 'metronome-graders', 'day-one-pivot', 'toolchain-relay', 'dormant-orchard'], flagged: [] },
    { name: 'c', seed: 2, extra: [], whole: ['cerberus-swarm', 'metronome-graders', 'day-one-pivot', 'toolchain-relay', 'dormant-orchard'], flagged: [] },
    // Gateway-style: no billing, no prompts. Small groups on exclusive IPs (a CI fleet, nightly evals, a
    // support bot) are what one customer's several accounts look like there, and must stay unflagged.
    { name: 'c', seed: 1, extra: ['--no-billing', '--metadata-only'], whole: ['cerberus-swarm', 'metronome-graders'], flagged: [] },
  ] as const;

  it.each(CASES)('generator $name, seed $seed $extra: campaigns whole and flagged, no look-alike flagged', async ({ name, seed, extra, whole, flagged }) => {
    const e = await scanIndependent(name, seed, extra);
    const byPopulation = Object.fromEntries(e.campaigns.map((c) => [c.population, c]));
    for (const population of whole) {
      expect(['high', 'critical'], population).toContain(byPopulation[population].severity);
      expect(byPopulation[population].consolidation, population).toBeGreaterThanOrEqual(0.9);
      expect(byPopulation[population].mergedWith, population).toEqual([]);
    }
    for (const population of flagged) expect(['high', 'critical'], population).toContain(byPopulation[population].severity);
    expect(e.precision).toBeGreaterThanOrEqual(0.98);
    for (const b of e.benign) expect(b.flaggedShare, b.population).toBe(0);
  });
});
