import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { wantedHeapMb, workerHeapMb } from '../src/heap.js';

const BIN = new URL('../bin/distill-forensics', import.meta.url).pathname;
const FIXTURE = new URL('../fixtures/ingest/small.jsonl', import.meta.url).pathname;
const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
});

describe('heap sizing', () => {
  it('leaves a heap size the user chose alone, and never re-runs a re-run', () => {
    process.env.NODE_OPTIONS = '--max-old-space-size=2048';
    expect(wantedHeapMb(['scan'])).toBeUndefined();
    delete process.env.NODE_OPTIONS;
    process.env.DISTILL_FORENSICS_HEAP_SIZED = '1';
    expect(wantedHeapMb(['scan'])).toBeUndefined();
  });

  it('sizes the heap only for the commands that read logs', () => {
    for (const command of ['explain', 'sql', 'evaluate', 'simulate', '--version', '--help']) expect(wantedHeapMb([command])).toBeUndefined();
  });

  it('gives worker threads a share of 60% of RAM, never under 512 MiB', () => {
    expect(workerHeapMb(1)).toBeGreaterThan(workerHeapMb(3));
    expect(workerHeapMb(10_000)).toBe(512);
  });

  it('passes exit status and output through when it re-runs itself', () => {
    const ok = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const scanned = spawnSync(process.execPath, [BIN, 'scan', FIXTURE, '--format', 'json', '--quiet'], { encoding: 'utf8' });
    expect(scanned.status).toBe(0);
    expect(JSON.parse(scanned.stdout).schema_version).toBe('1');
    const bad = spawnSync(process.execPath, [BIN, 'scan'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
