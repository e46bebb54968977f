/**
 * Parquet input: DuckDB writes the demo dump as Parquet (as a warehouse export would be, with small row
 * groups and each common codec); reading it must give the records of the JSONL it came from.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { sniffFormat } from '../../src/ingest/sniff.js';
import { fixture, readRecords, tempDir } from '../helpers/ingest.js';

const DEMO = fixture('demo/logs.jsonl.gz');
const dir = tempDir();
const parquet = (codec: string): string => join(dir, `demo-${codec}.parquet`);

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
  for (const codec of ['snappy', 'zstd', 'gzip']) {
    await conn.run(`COPY (SELECT * FROM read_json_auto('${DEMO}')) TO '${parquet(codec)}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 4096)`);
  }
  conn.closeSync();
}, 60_000);

describe('Parquet input', () => {
  it('is sniffed from its PAR1 magic, whatever the file is called', () => {
    expect(sniffFormat(readFileSync(parquet('snappy')).subarray(0, 64))).toBe('parquet');
  });

  it('gives the records of the JSONL it was written from, for every codec, across row groups', async () => {
    const jsonl = await readRecords({ inputs: [DEMO] });
    expect(jsonl.records.length).toBe(31086);
    for (const codec of ['snappy', 'zstd', 'gzip']) {
      const { records, stats } = await readRecords({ inputs: [parquet(codec)] });
      expect(stats.rejected).toBe(0);
      expect(records).toEqual(jsonl.records);
    }
  });

  it('reads a gzipped Parquet file on stdin (spooled to a scratch file, as Arrow files are)', async () => {
    const stdin = Readable.from([gzipSync(readFileSync(parquet('zstd')))]);
    const { records } = await readRecords({ inputs: ['-'], stdin });
    expect(records.length).toBe(31086);
  });

  it('stops on a damaged file with one error naming it', async () => {
    const cut = join(dir, 'cut.parquet');
    writeFileSync(cut, readFileSync(parquet('snappy')).subarray(0, 5000));
    await expect(readRecords({ inputs: [cut] })).rejects.toThrow(/cut\.parquet: cannot read parquet input: .*PAR1/);
  });
});
