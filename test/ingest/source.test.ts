import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { GZIP_BOMB, gunzip } from '../../src/ingest/source.js';

async function drain(it: AsyncIterable<Buffer>): Promise<number> {
  let n = 0;
  for await (const chunk of it) n += chunk.length;
  return n;
}

async function* chunks(b: Buffer, size = 4096): AsyncGenerator<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

describe('gunzip', () => {
  const zeros = gzipSync(Buffer.alloc(20_000_000), { level: 9 });

  it('stops a stream that decompresses past the bomb ratio, naming the file and the ratio', async () => {
    const err = await drain(gunzip(chunks(zeros), 'bomb.gz', { minBytes: 1_000_000, maxRatio: 200 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/^bomb\.gz: decompresses more than 200:1 \(\d+ bytes from \d+\), which is a gzip bomb/);
  });

  it('lets the same stream through below the byte floor, and a log-like ratio through at any size', async () => {
    expect(await drain(gunzip(chunks(zeros), 'bomb.gz', { minBytes: 30_000_000, maxRatio: 200 }))).toBe(20_000_000);
    const lines = Array.from({ length: 200_000 }, (_, i) => `{"ts":"2026-05-01T00:00:${String(i % 60).padStart(2, '0')}Z","account_id":"a${(i * 7919) % 5003}","request_count":1}\n`).join('');
    const gz = gzipSync(lines);
    expect(lines.length / gz.length).toBeLessThan(GZIP_BOMB.maxRatio);
    expect(await drain(gunzip(chunks(gz), 'log.gz', { minBytes: 1_000, maxRatio: GZIP_BOMB.maxRatio }))).toBe(lines.length);
  });

  it('a truncated stream is one InputError naming the file', async () => {
    const gz = gzipSync('{"a":1}\n'.repeat(10_000));
    const err = await drain(gunzip(chunks(gz.subarray(0, gz.length - 20)), 'cut.gz')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe('cut.gz: truncated or corrupt gzip data (unexpected end of file)');
  });
});
