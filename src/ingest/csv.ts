/**
 * CSV input with a header row (csv-parse). Cells stay text; validation parses numbers and times the same
 * way for every format. Rows whose cell count differs from the header's and records csv-parse cannot
 * parse (an unterminated quote, an over-long record) are rejected with a reason; the run goes on.
 */
import { parse } from 'csv-parse';
import type { RowSink } from './collector.js';
import type { SourceRecord } from './presets/index.js';

interface CsvSkipError {
  code?: string;
  lines?: number;
  raw?: string;
}

/** Header names: trimmed; a duplicated name gets `_2`, `_3`… so no column silently shadows another. */
function headerNames(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    const name = c.trim() || `column_${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

export async function readCsv(source: AsyncIterable<Buffer>, collector: RowSink, maxRecordBytes: number, onChunk?: () => void): Promise<void> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: maxRecordBytes,
    info: true,
    on_skip: (err: CsvSkipError | undefined, raw: string | undefined) => {
      const reason = err?.code === 'CSV_MAX_RECORD_SIZE' ? 'line_too_long' : 'malformed_csv';
      collector.reject(reason, err?.lines ?? 0, () => raw ?? '');
      return undefined;
    },
  });
  const feed = (async () => {
    try {
      for await (const chunk of source) {
        if (!parser.write(chunk)) await new Promise<void>((resolve) => parser.once('drain', resolve));
        onChunk?.();
      }
      parser.end();
    } catch (err) {
      parser.destroy(err as Error);
    }
  })();

  let header: string[] | undefined;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const { record, info } = item;
    if (!header) {
      header = headerNames(record);
      continue;
    }
    if (record.length !== header.length) {
      // A single empty cell is a blank line csv-parse did not skip (whitespace only).
      if (record.length === 1 && record[0].trim() === '') continue;
      collector.reject('malformed_csv', info.lines, () => record.join(','));
      continue;
    }
    const row: SourceRecord = {};
    for (let i = 0; i < header.length; i++) row[header[i]] = record[i];
    collector.add(row, info.lines, () => record.join(','));
  }
  await feed;
}
