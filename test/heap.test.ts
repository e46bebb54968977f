import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MALLOC_ENV, wantedSetup, workerHeapMb } from '../src/heap.js';

const BIN = new URL('../bin/distill-forensics', import.meta.url).pathname;
const FIXTURE = new URL('../fixtures/ingest/small.jsonl', import.meta.url).pathname;
const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
});

describe('heap sizing', () => {
  it('leaves a heap size or malloc setting the user chose alone, and never re-runs a re-run', () => {
    process.env.NODE_OPTIONS = '--max-old-space-size=2048';
    expect(wantedSetup(['scan'], 'linux')?.heapMb).toBeUndefined();
    expect(wantedSetup(['scan'], 'linux')?.env).toEqual(MALLOC_ENV);
    process.env.MALLOC_MMAP_THRESHOLD_ = '65536';
    expect(wantedSetup(['scan'], 'linux')).toBeUndefined();
    delete process.env.NODE_OPTIONS;
    delete process.env.MALLOC_MMAP_THRESHOLD_;
    process.env.DISTILL_FORENSICS_HEAP_SIZED = '1';
    expect(wantedSetup(['scan'], 'linux')).toBeUndefined();
  });

  it('sets up only the commands that read logs, and malloc only on Linux', () => {
    for (const command of ['explain', 'sql', 'evaluate', 'simulate', '--version', '--help']) expect(wantedSetup([command], 'linux')).toBeUndefined();
    expect(wantedSetup(['features'], 'linux')?.env).toEqual({ MALLOC_MMAP_THRESHOLD_: '131072' });
    expect(wantedSetup(['features'], 'darwin')?.env).toBeUndefined();
  });

  it.runIf(process.platform === 'linux')('runs a scan in a process with the fixed malloc threshold', () => {
    // Preloaded in both processes (the re-run keeps node's own flags): the one that runs the command says what it has.
    const probe = `data:text/javascript,if (process.env.DISTILL_FORENSICS_HEAP_SIZED) process.stderr.write('threshold=' + process.env.MALLOC_MMAP_THRESHOLD_)`;
    const env = { ...process.env };
    delete env.MALLOC_MMAP_THRESHOLD_;
    const scanned = spawnSync(process.execPath, ['--import', probe, BIN, 'scan', FIXTURE, '--format', 'json', '--quiet'], { encoding: 'utf8', env });
    expect(scanned.status).toBe(0);
    expect(scanned.stderr).toBe('threshold=131072');
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

  it('a re-run scan stops when its parent is SIGKILLed, leaving no output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'df-orphan-'));
    const out = join(dir, 'report.json');
    // Reading a stdin that never ends (/dev/zero, not a pipe of ours, which Node closes when the parent dies).
    const zero = openSync('/dev/zero', 'r');
    const parent = spawn(process.execPath, [BIN, 'scan', '-', '--out', out, '--quiet'], { stdio: [zero, 'ignore', 'ignore'] });
    closeSync(zero);
    const children = `/proc/${parent.pid}/task/${parent.pid}/children`;
    let child = 0;
    for (let i = 0; i < 100 && !child; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      child = Number(readFileSync(children, 'utf8').trim().split(' ')[0]);
    }
    expect(child).toBeGreaterThan(0);
    parent.kill('SIGKILL');
    // Gone, or a zombie waiting for whoever reaps orphans (state Z in /proc/PID/stat).
    const alive = (): boolean => {
      try {
        return readFileSync(`/proc/${child}/stat`, 'utf8').split(') ')[1][0] !== 'Z';
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 60 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive()).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    rmSync(dir, { recursive: true });
  });
});
