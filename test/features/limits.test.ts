import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { FeatureExtractor } from '../../src/features/extract.js';
import { NUMBER_FIELDS, RecordBatch, STRING_FIELDS } from '../../src/ingest/record.js';
import { tempDir } from '../helpers/ingest.js';

const BIN = new URL('../../bin/distill-forensics', import.meta.url).pathname;

/** One row for each of `n` accounts: the shape that makes memory grow fastest. */
function lightAccounts(n: number): string {
  return Array.from({ length: n }, (_, i) => JSON.stringify({ ts: '2026-04-22T00:00:00Z', account_id: `a${i}`, ip: `10.0.${i % 250}.1`, model: 'm' })).join('\n');
}

describe('resource limits', () => {
  it('--max-accounts stops the features stage with an InputError past the limit', () => {
    const features = new FeatureExtractor(3);
    const batch = new RecordBatch(8);
    for (let i = 0; i < 4; i++) {
      for (const f of STRING_FIELDS) batch.strings[f][i] = null;
      for (const f of NUMBER_FIELDS) batch.numbers[f][i] = Number.NaN;
      batch.strings.account_id[i] = `a${i}`;
      batch.numbers.input_tokens[i] = 0;
      batch.numbers.output_tokens[i] = 0;
      batch.numbers.ts[i] = Date.UTC(2026, 3, 22);
      batch.numbers.request_count[i] = 1;
      batch.length++;
    }
    expect(() => features.add(batch)).toThrow(InputError);
    expect(() => features.add(batch)).toThrow(/more than 3 accounts \(--max-accounts\)/);
  });

  it.each([1, 2])('a heap too small for the accounts ends in one line and exit 2, not a crash (--workers %i)', (workers) => {
    const dir = tempDir();
    const file = join(dir, 'light.jsonl');
    writeFileSync(file, lightAccounts(60_000));
    const r = spawnSync(process.execPath, ['--max-old-space-size=160', BIN, 'scan', file, '--workers', String(workers), '--format', 'json', '--quiet'], {
      encoding: 'utf8',
      env: { ...process.env, DEBUG: '' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/memory (nearly )?exhausted/);
    // Only a worker's heap is a share of the machine's: one worker is no way out for a single-threaded run.
    if (workers === 1) expect(r.stderr).not.toMatch(/--workers 1/);
  }, 60_000);
});
