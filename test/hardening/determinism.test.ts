/**
 * CONTRACT §4: the same input gives byte-identical JSON apart from `generated_at` — across two runs, across
 * worker-thread counts, across the JSONL / CSV / Arrow copies of one simulated dump, and whatever the order
 * of the input files (a dump split in two by line parity, given both ways round). Only `input.files`, which
 * names the files, may differ between different files holding the same records.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/index.js';

const BIN = new URL('../../bin/distill-forensics', import.meta.url).pathname;
/** ~39,000 rows with every kind of injected campaign (simulate's own scale unit). */
const SCALE = '0.0005';

let DIR = '';

function scan(inputs: string[], extra: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'scan', ...inputs, '--format', 'json', '--quiet', ...extra], { env: { ...process.env, DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`scan ${inputs.join(' ')} exited ${code}: ${err}`))));
  });
}

/** The report text without its one legitimately varying line. */
const withoutGeneratedAt = (text: string): string => text.replace(/^ {2}"generated_at": "[^"]*",\n/m, '');

/** The same, with `input.files` (which names the files read) blanked too, in the tool's own layout. */
function withoutFiles(text: string): string {
  const report = JSON.parse(text) as Report;
  report.generated_at = '';
  report.input.files = [];
  return `${JSON.stringify(report, null, 2)}\n`;
}

const outputs: Record<string, Promise<string>> = {};

beforeAll(() => {
  DIR = mkdtempSync(join(tmpdir(), 'distill-forensics-determinism-'));
  const sim = spawnSync(process.execPath, [BIN, 'simulate', '--out', DIR, '--scale', SCALE, '--formats', 'jsonl,csv,arrow', '--quiet'], { encoding: 'utf8', timeout: 120_000 });
  if (sim.status !== 0) throw new Error(`simulate failed: ${sim.stderr}`);
  const lines = readFileSync(join(DIR, 'logs.jsonl'), 'utf8').split('\n').filter((l) => l.length > 0);
  writeFileSync(join(DIR, 'even.jsonl'), `${lines.filter((_, i) => i % 2 === 0).join('\n')}\n`);
  writeFileSync(join(DIR, 'odd.jsonl'), `${lines.filter((_, i) => i % 2 === 1).join('\n')}\n`);
  // Start every run at once; the tests await the ones they compare.
  const j = join(DIR, 'logs.jsonl');
  outputs.first = scan([j]);
  outputs.second = scan([j]);
  outputs.oneWorker = scan([j], ['--workers', '1']);
  outputs.csv = scan([join(DIR, 'logs.csv')]);
  outputs.arrow = scan([join(DIR, 'logs.arrow')]);
  outputs.evenOdd = scan([join(DIR, 'even.jsonl'), join(DIR, 'odd.jsonl')]);
  outputs.oddEven = scan([join(DIR, 'odd.jsonl'), join(DIR, 'even.jsonl')]);
  // Keep unhandled-rejection noise away until a test awaits them.
  for (const p of Object.values(outputs)) p.catch(() => undefined);
}, 180_000);

afterAll(() => {
  if (DIR) rmSync(DIR, { recursive: true, force: true });
});

describe('determinism', () => {
  it('the simulated dump yields a real report (flagged campaigns), so the comparisons mean something', async () => {
    const report = JSON.parse(await outputs.first) as Report;
    expect(report.input.rejected).toBe(0);
    expect(report.clusters.filter((c) => c.severity === 'critical' || c.severity === 'high').length).toBeGreaterThan(0);
  }, 120_000);

  it('two runs on the same file: byte-identical apart from generated_at', async () => {
    const [a, b] = await Promise.all([outputs.first, outputs.second]);
    expect(a).not.toBe(withoutGeneratedAt(a));
    expect(withoutGeneratedAt(b)).toBe(withoutGeneratedAt(a));
  }, 120_000);

  it('one worker thread or one per core: byte-identical apart from generated_at', async () => {
    const [a, b] = await Promise.all([outputs.first, outputs.oneWorker]);
    expect(withoutGeneratedAt(b)).toBe(withoutGeneratedAt(a));
  }, 120_000);

  it.each(['csv', 'arrow'])('the %s copy gives the JSONL copy\'s report', async (format) => {
    const [a, b] = await Promise.all([outputs.first, outputs[format]]);
    expect(withoutFiles(b)).toBe(withoutFiles(a));
  }, 120_000);

  it('the dump split by line parity, in either order, gives the whole dump\'s report', async () => {
    const [whole, evenOdd, oddEven] = await Promise.all([outputs.first, outputs.evenOdd, outputs.oddEven]);
    expect((JSON.parse(evenOdd) as Report).input.files).toEqual([join(DIR, 'even.jsonl'), join(DIR, 'odd.jsonl')]);
    expect(withoutFiles(oddEven)).toBe(withoutFiles(evenOdd));
    expect(withoutFiles(evenOdd)).toBe(withoutFiles(whole));
  }, 120_000);
});
