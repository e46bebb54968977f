/**
 * Turns a preset's raw values into a validated canonical record, or names the reason it is rejected.
 * "Absent" (undefined, null, "", "-" as nginx writes for an unset variable, and the NULL markers of SQL and
 * pandas exports) is never invalid (CONTRACT §3).
 */
import { type RawRecord, type RecordBatch, STRING_FIELDS } from './record.js';
import { parseTime } from './time.js';
import { ownString } from '../io/own-string.js';

export type RejectReason =
  | 'malformed_json'
  | 'malformed_csv'
  | 'malformed_arrow'
  | 'not_an_object'
  | 'line_too_long'
  | 'missing_account_id'
  | 'missing_ts'
  | 'bad_ts'
  | 'bad_tokens'
  | 'bad_request_count'
  | 'bad_field';

export const MAX_STRING_CHARS = 4096;
const MAX_PROMPT_CHARS = 1 << 20;

/** Text that exports write for "no value": SQL NULL as SSMS and Snowflake (`NULL`) or MySQL/Hive (`\\N`) write it, pandas' `NaN`. */
const NULL_MARKERS = new Set(['NULL', 'null', '\\N', 'NaN']);

export function isAbsent(v: unknown): boolean {
  return v === undefined || v === null || v === '' || v === '-' || (typeof v === 'string' && NULL_MARKERS.has(v));
}

/** Thrown by asString for a value it cannot turn into text; appendValidated rejects the record. */
class Unserialisable extends Error {}

function asString(v: unknown, field: string): string | null {
  if (isAbsent(v)) return null;
  let s: string;
  if (typeof v === 'string') s = v.trim();
  else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') s = String(v);
  else if (v instanceof Date) s = v.toISOString();
  else {
    try {
      // Arrays/objects keep their JSON text; one nested thousands deep overflows the stack instead.
      s = JSON.stringify(v);
    } catch {
      throw new Unserialisable();
    }
  }
  if (s.length === 0) return null;
  if (field === 'prompt') return s.length > MAX_PROMPT_CHARS ? s.slice(0, MAX_PROMPT_CHARS) : s;
  // A cut value may be kept by a state: copied, it does not hold the whole of what it was cut from.
  return s.length > MAX_STRING_CHARS ? ownString(s.slice(0, MAX_STRING_CHARS)) : s;
}

/** A count: integer ≥ min, as a number or a digit string. NaN when invalid. */
export function asCount(v: unknown, min: number): number {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'bigint') n = Number(v);
  else if (typeof v === 'string' && /^\s*\+?\d+(?:\.0*)?\s*$/.test(v)) n = Number(v);
  else return NaN;
  return Number.isSafeInteger(n) && n >= min ? n : NaN;
}

/** A number from a number, bigint or numeric string; NaN otherwise (never converts objects). */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const t = v.trim();
    return t.length === 0 ? NaN : Number(t);
  }
  return NaN;
}

/** A loose optional number (latency, temperature…): invalid values are dropped, not rejected. */
function asOptionalNumber(v: unknown, min = -Infinity): number {
  const n = toNumber(v);
  return Number.isFinite(n) && n >= min ? n : NaN;
}

/** ASNs arrive as 13335, "13335" or "AS13335"; keep the number as a string. */
function asAsn(v: unknown): string | null {
  const s = asString(v, 'asn');
  if (s === null) return null;
  const m = /^(?:AS)?\s*(\d+)$/i.exec(s);
  return m ? String(Number(m[1])) : s;
}

/**
 * Validate `raw` and append it to `batch`; returns null on success or the reason it is rejected (then the
 * batch is unchanged). Writing straight into the columns avoids an object per row.
 */
export function appendValidated(raw: RawRecord, batch: RecordBatch): RejectReason | null {
  const length = batch.length;
  try {
    return append(raw, batch);
  } catch (err) {
    if (!(err instanceof Unserialisable)) throw err;
    batch.length = length;
    return 'bad_field';
  }
}

/**
 * The account id as text: a string, or an integer JSON or Arrow can carry exactly (bigint, or a number up to
 * 2⁵³). Anything else names no account reliably: a 20-digit number was already rounded by JSON.parse (two
 * ids would merge), cutting a long id would merge ids that share their first 4,096 characters, and true,
 * 1.5 or an array are not ids at all.
 */
function asAccountId(v: unknown): string | null | 'bad' {
  if (isAbsent(v)) return null;
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : 'bad';
  if (typeof v !== 'string') return 'bad';
  const s = v.trim();
  if (s.length === 0) return null;
  return s.length > MAX_STRING_CHARS ? 'bad' : s;
}

function append(raw: RawRecord, batch: RecordBatch): RejectReason | null {
  const account = asAccountId(raw.account_id);
  if (account === null) return 'missing_account_id';
  if (account === 'bad') return 'bad_field';
  if (isAbsent(raw.ts)) return 'missing_ts';
  const ts = parseTime(raw.ts);
  if (Number.isNaN(ts)) return 'bad_ts';

  const inTok = isAbsent(raw.input_tokens) ? 0 : asCount(raw.input_tokens, 0);
  const outTok = isAbsent(raw.output_tokens) ? 0 : asCount(raw.output_tokens, 0);
  if (Number.isNaN(inTok) || Number.isNaN(outTok)) return 'bad_tokens';
  const requests = isAbsent(raw.request_count) ? 1 : asCount(raw.request_count, 1);
  if (Number.isNaN(requests)) return 'bad_request_count';

  const i = batch.length++;
  const str = batch.strings;
  for (const f of STRING_FIELDS) str[f][i] = asString(raw[f], f);
  str.account_id[i] = account;
  str.asn[i] = asAsn(raw.asn);
  const num = batch.numbers;
  num.ts[i] = ts;
  num.input_tokens[i] = inTok;
  num.output_tokens[i] = outTok;
  num.request_count[i] = requests;
  num.account_created_at[i] = isAbsent(raw.account_created_at) ? NaN : parseTime(raw.account_created_at);
  num.latency_ms[i] = asOptionalNumber(raw.latency_ms, 0);
  num.max_tokens[i] = asOptionalNumber(raw.max_tokens, 0);
  num.temperature[i] = asOptionalNumber(raw.temperature, 0);
  return null;
}
