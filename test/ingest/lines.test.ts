import { describe, expect, it } from 'vitest';
import { BomStripper, LineSplitter } from '../../src/ingest/lines.js';

function lines(chunks: Buffer[], max = 100): string[] {
  const out: string[] = [];
  const splitter = new LineSplitter(max, { line: (t, n) => out.push(`${n}:${t}`), tooLong: (h, n) => out.push(`${n}!${h}`) });
  for (const c of chunks) splitter.push(c);
  splitter.end();
  return out;
}

describe('LineSplitter', () => {
  it('strips a BOM even when it arrives split across chunks', () => {
    const bytes = Buffer.from('\uFEFFa\nb');
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(lines([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(['1:a', '2:b']);
    }
    expect(lines([Buffer.from([0xef]), Buffer.from([0xbb]), Buffer.from([0xbf]), Buffer.from('x')])).toEqual(['1:x']);
  });

  it('keeps the bytes of a stream shorter than a BOM, and a BOM later in the stream', () => {
    expect(lines([Buffer.from([0xef, 0xbb])])).toEqual([`1:${Buffer.from([0xef, 0xbb]).toString('utf8')}`]);
    expect(lines([Buffer.from('a\n\uFEFFb')])).toEqual(['1:a', '2:\uFEFFb']);
  });

  it('counts a line over the limit once, with its first bytes, and goes on', () => {
    const long = 'x'.repeat(250);
    expect(lines([Buffer.from(`a\n${long.slice(0, 90)}`), Buffer.from(long.slice(90)), Buffer.from('\nb\r\n')])).toEqual(['1:a', `2!${long}`.slice(0, 2 + 250), '3:b']);
  });
});

describe('BomStripper', () => {
  it('passes everything after the first bytes through untouched', () => {
    const s = new BomStripper();
    expect(s.push(Buffer.from('abc')).toString()).toBe('abc');
    expect(s.push(Buffer.from('\uFEFF')).toString()).toBe('\uFEFF');
    expect(s.end().length).toBe(0);
  });
});
