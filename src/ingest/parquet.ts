/**
 * Apache Parquet input (what warehouses and lakes export: Spark, DuckDB, BigQuery, Trino, Athena), read
 * one row group at a time with hyparquet, every codec engines write (snappy, gzip, zstd, brotli, lz4)
 * through hyparquet-compressors. Values arrive as Arrow's do: strings, numbers, bigints for INT64, Dates for
 * timestamps, nested values as plain objects that dotted paths can reach into. A file that is not valid
 * Parquet is an input error naming the file; the row groups read before the damage stay counted.
 */
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { RowSink } from './collector.js';
import type { SourceRecord } from './presets/index.js';
import { rowText } from './row-maker.js';

/** Every row of the Parquet file at `path` into `sink`, row group by row group; rows numbered from 1. */
export async function readParquet(path: string, sink: RowSink, onRowGroup?: () => void): Promise<void> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  let line = 1;
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = (await parquetReadObjects({ file, metadata, compressors, rowStart, rowEnd })) as SourceRecord[];
    for (const row of rows) {
      sink.add(row, line++, () => rowText(row));
    }
    rowStart = rowEnd;
    onRowGroup?.();
  }
}
