/**
 * What a preset is (formats.md §8.1): how to explode a parsed JSON value into source records, how to map
 * one source record onto canonical fields, which rows it drops on purpose, and what it warns about.
 */
import type { RawRecord } from '../record.js';

/** A source record: a parsed JSON object, a CSV row (column → cell text), or an Arrow row. */
export type SourceRecord = Record<string, unknown>;

/**
 * A row the preset drops on purpose (health check, management call…): counted as filtered, not rejected. A
 * class, not a shape: a canonical record is its own raw record, and a log field named `filtered` must not
 * make it look like one.
 */
export class Filtered {
  constructor(readonly filtered: string) {}
}

export interface Preset {
  readonly name: string;
  /** One line for `--help` and the README. */
  readonly description: string;
  /** Inputs may be whole (pretty-printed or concatenated) JSON documents, not only JSONL. */
  readonly documents?: boolean;
  /** Explode one parsed JSON value (line or document) into source records; default: the value itself, or an array's elements. */
  explode?(value: unknown): unknown[];
  /** Map one source record to raw canonical values, or say why it is filtered. */
  map(source: SourceRecord): RawRecord | Filtered;
  /** Printed once per run on stderr when this preset is used. */
  readonly warnings?: readonly string[];
  /** When no record at all had an identity: the usage error to print (formats.md §9.5). */
  readonly missingIdentityHint?: string;
  /**
   * Records are pre-aggregated usage buckets (formats.md §3, §7): no timing below the bucket width (no
   * lockstep), and without `requestCounts` a record is a bucket row, not an exchange (volume read in tokens).
   */
  readonly buckets?: { requestCounts: boolean };
  /** Input paths that hold no records of this export (e.g. Bedrock's offloaded bodies), skipped with a warning. */
  readonly notRecords?: { path: RegExp; what: string };
}

export function isFiltered(v: RawRecord | Filtered): v is Filtered {
  return v instanceof Filtered;
}
