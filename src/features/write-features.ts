/**
 * `features --out FILE`: the feature table as CSV, NDJSON or Arrow IPC (file format), chosen by the
 * extension, written atomically.
 */
import { Float64, Int64, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { UsageError } from '../errors.js';
import { writeFileAtomic, type Write } from '../io/atomic-file.js';
import { csvLine } from '../io/csv-cell.js';
import { parseTime } from '../ingest/time.js';
import { type Column, FEATURE_COLUMNS, type FeatureRow } from './columns.js';

export type TableFormat = 'csv' | 'ndjson' | 'arrow';

export function tableFormatFromPath(path: string): TableFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl') || lower.endsWith('.json')) return 'ndjson';
  if (lower.endsWith('.arrow') || lower.endsWith('.feather') || lower.endsWith('.ipc')) return 'arrow';
  throw new UsageError(`--out ${path}: unknown table format; use a .csv, .ndjson or .arrow file name`);
}

async function writeCsv(rows: readonly FeatureRow[], columns: readonly Column[], write: Write): Promise<void> {
  await write(csvLine(columns.map((c) => c.name)));
  let buf = '';
  for (const row of rows) {
    buf += csvLine(columns.map((c) => row[c.name]));
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = '';
    }
  }
  if (buf) await write(buf);
}

async function writeNdjson(rows: readonly FeatureRow[], columns: readonly Column[], write: Write): Promise<void> {
  let buf = '';
  for (const row of rows) {
    const ordered: FeatureRow = {};
    for (const c of columns) ordered[c.name] = row[c.name] ?? null;
    buf += `${JSON.stringify(ordered)}\n`;
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = '';
    }
  }
  if (buf) await write(buf);
}

function arrowColumn(rows: readonly FeatureRow[], c: Column): Vector {
  const values = rows.map((r) => r[c.name] ?? null);
  switch (c.type) {
    case 'string':
      return vectorFromArray(values.map((v) => (v === null ? null : String(v))), new Utf8());
    case 'int':
      return vectorFromArray(values.map((v) => (v === null ? null : BigInt(Math.round(Number(v))))), new Int64());
    case 'float':
      return vectorFromArray(values.map((v) => (v === null ? null : Number(v))), new Float64());
    case 'time':
      return vectorFromArray(values.map((v) => (v === null ? null : parseTime(v))), new TimestampMillisecond('UTC'));
  }
}

export function featuresToArrow(rows: readonly FeatureRow[], columns: readonly Column[] = FEATURE_COLUMNS): Uint8Array {
  const table = new Table(Object.fromEntries(columns.map((c) => [c.name, arrowColumn(rows, c)])));
  return tableToIPC(table, 'file');
}

export async function writeFeatureTable(format: TableFormat, rows: readonly FeatureRow[], write: Write, columns: readonly Column[] = FEATURE_COLUMNS): Promise<void> {
  if (format === 'csv') await writeCsv(rows, columns, write);
  else if (format === 'ndjson') await writeNdjson(rows, columns, write);
  else await write(featuresToArrow(rows, columns));
}

export async function writeFeatures(path: string, rows: readonly FeatureRow[], columns: readonly Column[] = FEATURE_COLUMNS): Promise<void> {
  const format = tableFormatFromPath(path);
  await writeFileAtomic(path, (write) => writeFeatureTable(format, rows, write, columns));
}
