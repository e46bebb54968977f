/**
 * Source records from a row's cells (CSV) or from decoded columns (Arrow), and their text for rejections
 * (Arrow, Parquet). A record is one object literal per set of column names, compiled once, which V8 builds in
 * one step with one shape. Each name is written as a JSON string literal, so no column name can be anything
 * but a key. Assigning the columns one by one by name cost ~1.8 µs a row. Past MAX_LITERAL_COLUMNS names (a
 * hostile header can have a million) they are assigned one by one after all.
 */
import type { SourceRecord } from './presets/index.js';

const MAX_LITERAL_COLUMNS = 1000;

/** JSON of a record for a rejection's text: bigints (INT64 columns) as JSON has no type for them. */
export function rowText(row: SourceRecord): string {
  return JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

/** A record of one row's cells, named by `names` in order. */
export function cellsRowMaker(names: readonly string[]): (cells: readonly unknown[]) => SourceRecord {
  if (names.length > MAX_LITERAL_COLUMNS) return (cells) => assign(names, (c) => cells[c]);
  return compile(names, (c) => `cells[${c}]`, ['cells']) as (cells: readonly unknown[]) => SourceRecord;
}

/** A record of row `i` of decoded columns, column `c` named `names[c]`. */
export function columnsRowMaker(names: readonly string[]): (columns: readonly (readonly unknown[])[], i: number) => SourceRecord {
  if (names.length > MAX_LITERAL_COLUMNS) return (columns, i) => assign(names, (c) => columns[c][i]);
  return compile(names, (c) => `columns[${c}][i]`, ['columns', 'i']) as (columns: readonly (readonly unknown[])[], i: number) => SourceRecord;
}

/**
 * The compiled makers by source text: every CSV segment and Arrow batch of a file asks for the same one, and
 * a function compiled anew would start cold each time. A dump has a handful of headers; past a few dozen
 * kept, the cache starts again.
 */
const compiled = new Map<string, (...args: never[]) => SourceRecord>();
const MAX_COMPILED = 64;

function compile(names: readonly string[], value: (column: number) => string, params: string[]): (...args: never[]) => SourceRecord {
  const fields = names.map((name, c) => `${JSON.stringify(name)}: ${value(c)}`);
  const body = `return { ${fields.join(', ')} };`;
  const key = `${params.join()}\n${body}`;
  let maker = compiled.get(key);
  if (maker === undefined) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    maker = new Function(...params, body) as (...args: never[]) => SourceRecord;
    compiled.set(key, maker);
  }
  return maker;
}

function assign(names: readonly string[], value: (column: number) => unknown): SourceRecord {
  const row: SourceRecord = {};
  for (let c = 0; c < names.length; c++) row[names[c]] = value(c);
  return row;
}
