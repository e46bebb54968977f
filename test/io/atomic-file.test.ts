/** AtomicFile (src/io/atomic-file.ts): whole files or none, and never a device or link replaced. */
import { execFileSync, spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicFile } from '../../src/io/atomic-file.js';
import { SLICE_CHARS } from '../../src/io/text-slices.js';

const dir = mkdtempSync(join(tmpdir(), 'df-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function write(path: string, text: string): Promise<void> {
  const file = await AtomicFile.open(path);
  await file.write(text);
  await file.commit();
}

describe('AtomicFile', () => {
  it('writes through a symlink into the file it names; the link stays a link', async () => {
    writeFileSync(join(dir, 'real.json'), 'old');
    symlinkSync('real.json', join(dir, 'link.json'));
    await write(join(dir, 'link.json'), 'new');
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.json'))).toBe('real.json');
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toBe('new');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes straight into a device (/dev/null stays a character device)', async () => {
    await write('/dev/null', 'discarded');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('writes straight into a FIFO, whose reader gets the text; the FIFO stays a FIFO', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
    const done = new Promise((resolve) => reader.on('close', resolve));
    await write(fifo, 'through the pipe\n');
    await done;
    expect(got).toBe('through the pipe\n');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('writes a text longer than a slice byte for byte, a surrogate pair across the slice boundary', async () => {
    const path = join(dir, 'report.json');
    const text = `${'x'.repeat(SLICE_CHARS - 1)}😀${'y'.repeat(SLICE_CHARS)}é\n`;
    const file = await AtomicFile.open(path);
    await file.write(text);
    await file.commit();
    // Buffer.equals: toEqual compares 3 MB element by element for seconds.
    expect(readFileSync(path).equals(Buffer.from(text))).toBe(true);
  });

  it('leaves no file and no temporary file when aborted', async () => {
    const file = await AtomicFile.open(join(dir, 'never.json'));
    await file.write('half');
    await file.abort();
    expect(readdirSync(dir).filter((f) => f.startsWith('never') || f.includes('never.json'))).toEqual([]);
  });
});
