/**
 * Apache Arrow IPC input, file (`ARROW1`) and stream formats, read batch by batch. Timestamps of every unit
 * are read from their raw 64-bit values and handed on as exact millisecond Dates, so that an Arrow copy of
 * a dump gives the same instants as its JSONL and CSV copies. A file that is not valid Arrow is an input
 * error naming the file; the batches read before the damage stay counted.
 */
import { type Data, makeVector, type RecordBatch, RecordBatchReader, type Vector, Type, TimeUnit } from 'apache-arrow';
import type { FileHandle } from 'node:fs/promises';
import './arrow-codecs.js';
import type { RowSink } from './collector.js';
import { columnsRowMaker, rowText } from './row-maker.js';

const NS_PER_MS: Record<number, bigint> = {
  [TimeUnit.SECOND]: -1000n,
  [TimeUnit.MILLISECOND]: 1n,
  [TimeUnit.MICROSECOND]: 1000n,
  [TimeUnit.NANOSECOND]: 1_000_000n,
};

/** Rows decoded at a time: a batch of 64k rows decoded whole kept every cell alive past V8's young generation. */
const WINDOW = 1024;

/**
 * Rows [from, to) of a column into `out` (row `from` at index 0), chunk by chunk, read straight from the
 * buffers for the types logs use (strings, dictionary strings, integers, floats, timestamps): apache-arrow's
 * per-row `get` dispatches through a visitor and a chunk search for every cell, which made Arrow the slowest
 * input. With `rows` (indexed like `out`), only the rows it marks are decoded (the others keep whatever they
 * held): a worker reads only its own accounts' rows, and decoding every cell of every batch in every worker
 * (prompts above all) was a fifth of a worker's time.
 */
function decode(vector: Vector, from: number, to: number, out: unknown[], rows?: Uint8Array): void {
  let base = 0;
  for (const d of vector.data as Data[]) {
    const end = base + d.length;
    if (end > from && base < to) fill(d, Math.max(from, base) - base, Math.min(to, end) - base, out, base - from, rows);
    base = end;
  }
}

/** A dictionary's words, decoded once per dictionary (every window of a batch shares it). */
const dictionaryWords = new WeakMap<Vector, unknown[]>();

function words(dictionary: Vector): unknown[] {
  let decoded = dictionaryWords.get(dictionary);
  if (decoded === undefined) {
    decoded = new Array(dictionary.length);
    decode(dictionary, 0, dictionary.length, decoded);
    dictionaryWords.set(dictionary, decoded);
  }
  return decoded;
}

/** Rows [lo, hi) of chunk `d` into `out`, row i at `out[i + shift]`. */
function fill(d: Data, lo: number, hi: number, out: unknown[], shift: number, rows: Uint8Array | undefined): void {
  const type = d.type as { typeId: Type; unit?: number };
  const skip = (i: number): boolean => rows !== undefined && rows[i + shift] === 0;
  switch (type.typeId) {
    case Type.Utf8:
    case Type.LargeUtf8: {
      const bytes = d.values as Uint8Array;
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const offsets = d.valueOffsets as Int32Array | BigInt64Array;
      for (let i = lo; i < hi; i++) {
        if (skip(i)) continue;
        out[i + shift] = d.getValid(i) ? buf.toString('utf8', Number(offsets[i]), Number(offsets[i + 1])) : null;
      }
      return;
    }
    case Type.Dictionary: {
      const dictionary = words(d.dictionary as Vector);
      const keys = d.values as ArrayLike<number | bigint>;
      for (let i = lo; i < hi; i++) if (!skip(i)) out[i + shift] = d.getValid(i) ? dictionary[Number(keys[i])] : null;
      return;
    }
    case Type.Int:
    case Type.Float: {
      // Float16 keeps raw half-float bits in a Uint16Array; apache-arrow's own getter converts those.
      if ((type as { precision?: number }).precision === 0) break;
      const values = d.values as ArrayLike<number | bigint>;
      for (let i = lo; i < hi; i++) if (!skip(i)) out[i + shift] = d.getValid(i) ? values[i] : null;
      return;
    }
    case Type.Timestamp: {
      // Raw 64-bit values cut to exact milliseconds, whatever the unit.
      const div = NS_PER_MS[type.unit!];
      const values = d.values as BigInt64Array | Int32Array;
      for (let i = lo; i < hi; i++) {
        if (skip(i)) continue;
        if (!d.getValid(i)) {
          out[i + shift] = null;
          continue;
        }
        const raw = values[i];
        const big = typeof raw === 'bigint' ? raw : BigInt(raw);
        out[i + shift] = new Date(Number(div < 0n ? big * -div : big / div));
      }
      return;
    }
  }
  // Anything else (booleans, dates, structs, maps, lists…) through apache-arrow, nested values as plain JSON
  // so that dotted paths can reach into them.
  const vector = makeVector(d);
  for (let i = lo; i < hi; i++) {
    if (skip(i)) continue;
    const v = vector.get(i);
    out[i + shift] = v !== null && typeof v === 'object' && !(v instanceof Date) && typeof (v as { toJSON?: unknown }).toJSON === 'function' ? (v as { toJSON(): unknown }).toJSON() : v;
  }
}

/**
 * Every row of one record batch into `collector`, numbered from `firstLine`; returns the rows read. The
 * batch is decoded a window of rows at a time into the same column arrays. The rejection text (JSON of the
 * row) is built only when a row is rejected. With `owns`, only the rows it accepts by their `account_id`
 * cell (undefined without that column) are read; the others are skipped.
 */
export function readArrowBatch(batch: RecordBatch, collector: RowSink, firstLine: number, owns?: (accountCell: unknown) => boolean): number {
  const names = batch.schema.fields.map((f) => f.name);
  const vectors = names.map((n) => batch.getChild(n) as Vector);
  const accountColumn = names.indexOf('account_id');
  const columns = names.map(() => new Array<unknown>(WINDOW));
  const makeRow = columnsRowMaker(names);
  // The rows to read, decided from the account column alone, so that the other columns are decoded only there.
  const rows = owns ? new Uint8Array(WINDOW) : undefined;
  for (let from = 0; from < batch.numRows; from += WINDOW) {
    const n = Math.min(WINDOW, batch.numRows - from);
    if (accountColumn >= 0) decode(vectors[accountColumn], from, from + n, columns[accountColumn]);
    if (rows) for (let i = 0; i < n; i++) rows[i] = owns!(accountColumn < 0 ? undefined : columns[accountColumn][i]) ? 1 : 0;
    for (let c = 0; c < names.length; c++) if (c !== accountColumn) decode(vectors[c], from, from + n, columns[c], rows);
    for (let i = 0; i < n; i++) {
      if (rows && rows[i] === 0) continue;
      const row = makeRow(columns, i);
      collector.add(row, firstLine + from + i, () => rowText(row));
    }
  }
  return batch.numRows;
}

/** An Arrow IPC *file* on disk, opened for random access to its record batches (parallel/pool.ts). */
export async function openArrowFile(handle: FileHandle): Promise<{ batches: number; read(index: number): Promise<RecordBatch> }> {
  const reader = await RecordBatchReader.from(handle as unknown as AsyncIterable<Uint8Array>).catch((err: unknown) => Promise.reject(damaged(err, 0)));
  await reader.open().catch((err: unknown) => Promise.reject(damaged(err, 0)));
  if (!reader.isFile()) return { batches: 0, read: () => Promise.reject(new Error('not an Arrow file')) };
  // One read at a time: each seeks the shared handle, so two in flight would read each other's bytes.
  let last: Promise<unknown> = Promise.resolve();
  return {
    batches: reader.numRecordBatches,
    read(index) {
      const next = last.then(async () => {
        const batch = await reader.readRecordBatch(index);
        if (!batch) throw new Error(`record batch ${index} is missing`);
        return batch;
      });
      last = next.catch(() => undefined);
      return next;
    },
  };
}

/**
 * Read Arrow IPC batch by batch. `source` is a byte stream, or, for an uncompressed file on disk, its
 * FileHandle: the IPC *file* format keeps its schema and batch index in a footer, and apache-arrow reads
 * a stream of it only by buffering the whole file, whereas from a handle it reads the footer and then one
 * batch at a time. (read-input.ts spools a gzipped or piped Arrow file to a scratch file to get a handle.)
 */
export async function readArrow(source: AsyncIterable<Buffer> | FileHandle, collector: RowSink, onBatch?: () => void): Promise<void> {
  let line = 1;
  try {
    const reader = await RecordBatchReader.from(source as AsyncIterable<Uint8Array>);
    await reader.open();
    for await (const batch of reader) {
      line += readArrowBatch(batch, collector, line);
      onBatch?.();
    }
  } catch (err) {
    throw damaged(err, line - 1);
  }
}

/** apache-arrow meets a cut or damaged file as a null where a structure should be: say that, not its TypeError. */
function damaged(err: unknown, rows: number): unknown {
  return err instanceof TypeError ? new Error(`damaged or truncated Arrow IPC data after ${rows} rows (${err.message})`) : err;
}
