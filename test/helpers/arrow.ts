/** Build Arrow copies of a JSONL fixture with typed columns, to check Arrow ingest against JSONL. */
import { makeData, makeVector, Float64, Int64, Table, TimestampMicrosecond, TimestampMillisecond, TimestampNanosecond, TimestampSecond, Utf8, tableToIPC, vectorFromArray, type DataType } from 'apache-arrow';
import { readFileSync } from 'node:fs';
import { parseTime } from '../../src/ingest/time.js';

const INT_FIELDS = new Set(['input_tokens', 'output_tokens', 'request_count', 'max_tokens', 'latency_ms']);
const FLOAT_FIELDS = new Set(['temperature']);
const UNITS = { s: TimestampSecond, ms: TimestampMillisecond, us: TimestampMicrosecond, ns: TimestampNanosecond };

/** The rows of a JSONL file as an Arrow IPC buffer; `ts` becomes a Timestamp column in `unit`. */
export function jsonlToArrow(path: string, format: 'file' | 'stream', unit: keyof typeof UNITS = 'ns'): Uint8Array {
  const rows = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columns = Object.fromEntries(
    names.map((name) => {
      const values = rows.map((r) => r[name] ?? null);
      let type: DataType;
      let cells: unknown[];
      if (name === 'ts') {
        // Exact 64-bit values: the builders go through float ms and would lose ns precision.
        const perMs = { s: 0n, ms: 1n, us: 1000n, ns: 1_000_000n }[unit];
        const raw = BigInt64Array.from(values, (v) => {
          const ms = BigInt(parseTime(v));
          return perMs === 0n ? ms / 1000n : ms * perMs;
        });
        return [name, makeVector(makeData({ type: new UNITS[unit](), length: raw.length, nullCount: 0, data: raw }))];
      }
      if (name === 'account_created_at') {
        type = new TimestampMillisecond();
        cells = values.map((v) => (v === null ? null : parseTime(v)));
      } else if (INT_FIELDS.has(name)) {
        type = new Int64();
        cells = values.map((v) => (v === null ? null : BigInt(Number(v))));
      } else if (FLOAT_FIELDS.has(name)) {
        type = new Float64();
        cells = values.map((v) => (v === null ? null : Number(v)));
      } else {
        type = new Utf8();
        cells = values.map((v) => (v === null ? null : String(v)));
      }
      return [name, vectorFromArray(cells, type)];
    }),
  );
  return tableToIPC(new Table(columns), format);
}
