/** The built CLI as users run it: exit codes, one-line errors, files written atomically. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/ingest.js';

describe('cli', () => {
  it('prints help and version', () => {
    expect(cli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('features');
    // No command at all is a usage error: the help goes to stderr, exit 2.
    const none = cli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^Usage: distill-forensics .*\n[\s\S]*scan/);
  });

  it('features writes the table atomically and summarises on stderr', () => {
    const dir = tempDir();
    const out = join(dir, 'features.csv');
    const r = cli(['features', fixture('ingest/small.jsonl'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('9 records, 0 rejected, 0 filtered → 3 accounts');
    expect(readFileSync(out, 'utf8').split('\n')).toHaveLength(5);
    expect(readdirSync(dir)).toEqual(['features.csv']);
  });

  it('reads stdin and is silent with --quiet', () => {
    const dir = tempDir();
    const out = join(dir, 'f.ndjson');
    const r = cli(['features', '-', '--out', out, '--quiet'], { input: readFileSync(fixture('ingest/small.jsonl')) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('writes --errors and exits 2 with one line on mostly-garbage input, keeping no partial output', () => {
    const dir = tempDir();
    const out = join(dir, 'f.csv');
    const errors = join(dir, 'errors.ndjson');
    const r = cli(['features', fixture('ingest/dirty.jsonl'), '--out', out, '--errors', errors]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^distill-forensics: 15 of 19 records rejected/);
    expect(existsSync(out)).toBe(false);
    const lines = readFileSync(errors, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(15);
    expect(Object.keys(lines[0])).toEqual(['file', 'line', 'reason', 'text']);
    expect(readdirSync(dir)).toEqual(['errors.ndjson']);
  });

  it.each([
    [['features', '/no/such/file.jsonl', '--out', '/tmp/x.csv'], /\/no\/such\/file\.jsonl: no such file/],
    [['features', 'x.jsonl', '--out', '/tmp/x.txt'], /unknown table format/],
    [['features', 'x.jsonl', '--out', '/tmp/x.csv', '--preset', 'nope'], /argument 'nope' is invalid/],
    [['features', 'x.jsonl', '--out', '/tmp/x.csv', '--max-rejected', '7'], /expected a ratio/],
    [['features', 'x.jsonl'], /required option/],
    [['bogus'], /unknown command/],
    [['scan', 'x.jsonl', '--workers', '1000'], /'1000' is invalid\. at most 64/],
    [['simulate', '--out', '/tmp/never-written', '--scale', '20'], /--scale must be in \(0, 10\], got 20/],
    [['simulate', '--out', '/tmp/never-written', '--formats', 'jsonl,xml'], /unknown format 'xml'/],
  ])('exits 2 with one line for %j', (args, message) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports an unwritable output path clearly', () => {
    const r = cli(['features', fixture('ingest/small.jsonl'), '--out', '/nonexistent-dir/f.csv', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('distill-forensics: cannot write /nonexistent-dir/f.csv: directory does not exist');
  });

  it('accepts --max-line-bytes and --input-format', () => {
    const dir = tempDir();
    const path = join(dir, 'logs.txt');
    writeFileSync(path, readFileSync(fixture('ingest/small.jsonl')));
    const r = cli(['features', path, '--input-format', 'jsonl', '--max-line-bytes', '100', '--max-rejected', '1', '--out', join(dir, 'f.csv')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('0 records, 9 rejected');
  });
});
