/**
 * No lost or partial output (CONTRACT §1 `--out`: temp file + rename, nothing on failure): an output path
 * that cannot be written fails in one line and leaves nothing; SIGTERM / SIGINT during a run exit 143 / 130
 * and leave neither the output nor its temp file (src/io/atomic-file.ts: `.<name>.<pid>.<hex>.tmp` beside
 * the target); a reader that closes the pipe early gets no stack trace.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/ingest.js';

const BIN = new URL('../../bin/distill-forensics', import.meta.url).pathname;
const SMALL = fixture('ingest/small.jsonl');
const TEMP_NAME = /^\..+\.\d+\.[0-9a-f]+\.tmp$/;

let DIR = '';
/** A generated JSONL dump big enough that a scan runs for seconds (200,000 records, ~40 MB). */
let BIG = '';

beforeAll(() => {
  DIR = mkdtempSync(join(tmpdir(), 'distill-forensics-atomic-'));
  BIG = join(DIR, 'big.jsonl');
  const fd = openSync(BIG, 'w');
  const t0 = Date.UTC(2026, 4, 1);
  for (let block = 0; block < 20; block++) {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const n = block * 10_000 + i;
      lines.push(
        `{"ts":${t0 + n * 1_000},"account_id":"acct_${n % 5_000}","org_id":"org_${n % 300}","model":"m-${n % 3}","input_tokens":${n % 997},"output_tokens":${n % 1_999},"ip":"10.${n % 7}.${n % 251}.${n % 13}","payment_fingerprint":"card_${n % 2_000}","prompt":"question ${n % 4_000} step by step"}`,
      );
    }
    writeSync(fd, `${lines.join('\n')}\n`);
  }
  closeSync(fd);
});

afterAll(() => {
  if (DIR) rmSync(DIR, { recursive: true, force: true });
});

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DEBUG: '' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter(Boolean);
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/internal error|^\s+at /m);
}

function waitFor(predicate: () => boolean, child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = setInterval(() => {
      if (predicate()) {
        clearInterval(tick);
        resolve();
      } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
        clearInterval(tick);
        reject(new Error(child.exitCode !== null ? `exited ${child.exitCode} before the condition held` : 'timed out'));
      }
    }, 10);
  });
}

describe('outputs that cannot be written', () => {
  it.each([
    ['scan', (out: string) => ['scan', SMALL, '--format', 'json', '--out', out]],
    ['features', (out: string) => ['features', SMALL, '--out', out]],
  ])('%s --out into a directory that does not exist: one line, nothing created', (name, args) => {
    const base = mkdtempSync(join(DIR, 'missing-'));
    const out = join(base, 'some', 'dir', 'that', 'does', 'not', 'exist', name === 'scan' ? 'r.json' : 'f.csv');
    const r = cli(args(out));
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, new RegExp(`^distill-forensics: cannot write .*: directory does not exist$`));
    expect(r.stdout).toBe('');
    expect(readdirSync(base)).toEqual([]);
  });

  it.each([
    ['scan', (out: string) => ['scan', SMALL, '--format', 'json', '--out', out]],
    ['features', (out: string) => ['features', SMALL, '--out', `${out}.csv`]],
  ])('%s --out naming a directory: one line, the directory untouched, no temp file beside it', (name, args) => {
    const base = mkdtempSync(join(DIR, 'isdir-'));
    const out = join(base, name === 'scan' ? 'r.json' : 'f');
    mkdirSync(name === 'scan' ? out : `${out}.csv`);
    const r = cli(args(out));
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /^distill-forensics: cannot write .*/);
    expect(r.stdout).toBe('');
    expect(readdirSync(base)).toEqual([name === 'scan' ? 'r.json' : 'f.csv']);
    expect(readdirSync(join(base, name === 'scan' ? 'r.json' : 'f.csv'))).toEqual([]);
  });

  it('--errors into a directory that does not exist: one line, and no report either', () => {
    const base = mkdtempSync(join(DIR, 'errors-'));
    const r = cli(['scan', SMALL, '--format', 'json', '--out', join(base, 'r.json'), '--errors', join(base, 'no', 'errors.ndjson')]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /^distill-forensics: cannot write .*errors\.ndjson: directory does not exist$/);
    expect(readdirSync(base)).toEqual([]);
  });

  it('--out in a read-only directory: one line, nothing left', (ctx) => {
    // root ignores directory permissions; the check means nothing there.
    if (process.getuid?.() === 0) ctx.skip();
    const base = mkdtempSync(join(DIR, 'readonly-'));
    spawnSync('chmod', ['555', base]);
    try {
      const r = cli(['scan', SMALL, '--format', 'json', '--out', join(base, 'r.json')]);
      expect(r.code).toBe(2);
      expectOneLine(r.stderr, /^distill-forensics: cannot write .*: permission denied$/);
      expect(readdirSync(base)).toEqual([]);
    } finally {
      spawnSync('chmod', ['755', base]);
    }
  });
});

describe('interrupted runs leave nothing behind', () => {
  it.each([
    ['scan', 'SIGTERM', 143],
    ['scan', 'SIGINT', 130],
    ['features', 'SIGTERM', 143],
    ['features', 'SIGINT', 130],
  ] as const)('%s killed by %s mid-run: exit %i, no output, no temp file', async (command, signal, code) => {
    const base = mkdtempSync(join(DIR, `${command}-${signal}-`));
    const out = join(base, command === 'scan' ? 'r.json' : 'f.csv');
    const errors = join(base, 'errors.ndjson');
    const args = command === 'scan' ? ['scan', BIG, '--format', 'json', '--out', out, '--errors', errors] : ['features', BIG, '--out', out, '--errors', errors];
    const child = spawn(process.execPath, [BIN, ...args, '--quiet'], { env: { ...process.env, DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    // Both temp files exist as soon as the run has opened its outputs; then let it get well into reading.
    await waitFor(() => readdirSync(base).filter((f) => TEMP_NAME.test(f)).length === 2, child, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(child.exitCode, 'the run must still be going when the signal arrives').toBeNull();
    child.kill(signal);
    expect(await closed).toBe(code);
    expect(stderr).not.toMatch(/internal error|^\s+at /m);
    expect(readdirSync(base)).toEqual([]);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('a reader that stops early', () => {
  it('scan | head: ends quietly, no EPIPE stack', async () => {
    // The HTML page (~80 KB) is more than a pipe holds, so the write meets the closed pipe.
    const child = spawn(process.execPath, [BIN, 'scan', SMALL, '--format', 'html'], { env: { ...process.env, DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  }, 30_000);
});
