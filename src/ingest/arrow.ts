/**
 * Apache Arrow IPC input, file (`ARROW1`) and stream formats, read batch by batch. Timestamps of every unit
 * are read from their raw 64-bit values and handed on as exact millisecond Dates, so that an Arrow copy of
 * a dump gives the same instants as its JSONL and CSV copies. A file that is not valid Arrow is an input
 * error naming the file; the batches read before the damage stay counted.
 */
import { type Data, RecordBatchReader, type Vector, Type, TimeUnit } from 'apache-arrow';
import type { FileHandle } from 'node:fs/promises';
import type { RowSink } from './collector.js';
import type { SourceRecord } from './presets/index.js';

const NS_PER_MS: Record<number, bigint> = {
  [TimeUnit.SECOND]: -1000n,
  [TimeUnit.MILLISECOND]: 1n,
  [TimeUnit.MICROSECOND]: 1000n,
  [TimeUnit.NANOSECOND]: 1_000_000n,
};

type Getter = (row: number) => unknown;

function timestampGetter(vector: Vector): Getter {
  const unit = (vector.type as { unit: number }).unit;
  const div = NS_PER_MS[unit];
  // Map batch-relative rows onto the vector's chunks (a batch column is usually one chunk).
  const chunks = vector.data as Data[];
  return (row) => {
    if (!vector.isValid(row)) return null;
    let r = row;
    for (const d of chunks) {
      if (r < d.length) {
        const raw = (d.values as BigInt64Array | Int32Array)[d.offset + r];
        const big = typeof raw === 'bigint' ? raw : BigInt(raw);
        const ms = div < 0n ? big * -div : big / div;
        return new Date(Number(ms));
      }
      r -= d.length;
    }
    return null;
  };
}

function getter(vector: Vector): Getter {
  if (vector.type.typeId === Type.Timestamp) return timestampGetter(vector);
  return (row) => {
    const v = vector.get(row);
    // Nested values (structs, maps, lists) become plain JSON so that dotted paths can reach into them.
    if (v !== null && typeof v === 'object' && !(v instanceof Date) && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      return (v as { toJSON(): unknown }).toJSON();
    }
    return v;
  };
}

/**
 * Read Arrow IPC batch by batch. `source` is a byte stream, or, for an uncompressed file on disk, its
 * FileHandle: the IPC *file* format keeps its schema and batch index in a footer, and apache-arrow reads
 * a stream of it only by buffering the whole file, whereas from a handle it reads the footer and then one
 * batch at a time. (read-input.ts spools a gzipped or piped Arrow file to a scratch file to get a handle.)
 */
export async function readArrow(source: AsyncIterable<Buffer> | FileHandle, collector: RowSink, onBatch?: () => void): Promise<void> {
  const reader = await RecordBatchReader.from(source as AsyncIterable<Uint8Array>);
  await reader.open();
  let line = 0;
  for await (const batch of reader) {
    const names = batch.schema.fields.map((f) => f.name);
    const getters = names.map((n) => getter(batch.getChild(n) as Vector));
    for (let i = 0; i < batch.numRows; i++) {
      line++;
      const row: SourceRecord = {};
      for (let c = 0; c < names.length; c++) row[names[c]] = getters[c](i);
      collector.add(row, line, () => JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
    }
    onBatch?.();
  }
}
