/**
 * Everything that differs between the SQL engines `distill-forensics sql` writes for: identifier and
 * string quoting, type names, epoch and time formatting, integer division, logarithms, regular-expression
 * calls and ordered string aggregation. The query itself is built once (feature-query.ts) from these
 * pieces; no dialect has its own copy of the query text.
 *
 * Every function takes and returns SQL text. Regular expressions are given in the common subset of RE2
 * (DuckDB, BigQuery), java.util.regex (Spark) and Joni's Java syntax (Trino): no backreferences, no
 * lookaround, `\x{HHHH}` for code points, non-capturing groups only (BigQuery's REGEXP_EXTRACT returns the
 * first capturing group instead of the whole match when there is one).
 */
import { UsageError } from '../errors.js';

export const DIALECTS = ['duckdb', 'spark', 'trino', 'bigquery'] as const;
export type DialectName = (typeof DIALECTS)[number];

export interface Dialect {
  readonly name: DialectName;
  /** How the engine is named in comments and docs. */
  readonly label: string;
  readonly types: { readonly int: string; readonly double: string; readonly string: string };
  /** Quote one identifier part (the caller has already refused quote characters inside it). */
  quoteIdent(part: string): string;
  /** A string literal holding exactly `value`. */
  str(value: string): string;
  /** Epoch milliseconds (BIGINT, floored) of a TIMESTAMP holding UTC. */
  epochMs(ts: string): string;
  /** `YYYY-MM-DDTHH:MM:SS.sssZ` of a TIMESTAMP (milliseconds truncated), like formatTime in src/ingest/time.ts. */
  formatTime(ts: string): string;
  /** Integer division of non-negative integers. */
  intDiv(a: string, b: string): string;
  /** Remainder of non-negative integers. */
  mod(a: string, b: string): string;
  log2(x: string): string;
  /** True when `re` matches anywhere in `s`. */
  regexMatch(s: string, re: string): string;
  /** The first (whole) match of `re` in `s`; only used where a match is certain. */
  regexExtract(s: string, re: string): string;
  /** Every match of `re` in `s` replaced by `replacement` (plain text: no `$`, no backslash). */
  regexReplace(s: string, re: string, replacement: string): string;
  /** Unicode NFKC normalisation where the engine has it, else `s` unchanged. */
  nfkc(s: string): string;
  readonly hasNfkc: boolean;
  /**
   * Ordered list aggregation in two steps, so that every engine can do it without lambdas or ORDER BY
   * inside an aggregate where its grammar lacks them: `listAgg` (an aggregate over rows with the integer
   * column `pos` and the string column `item`) gives a list value, `listJoin` turns that list, read back
   * from a column, into `item`s joined by `sep` in `pos` order.
   */
  listAgg(pos: string, item: string): string;
  listJoin(list: string, sep: string): string;
  /** The same list as a JSON array of its `item`s in `pos` order (strings, escaped by the engine). */
  listJson(list: string): string;
  /** Lines for the header comment: what the engine needs before the query runs. */
  readonly notes: readonly string[];
}

/** An operand as it can sit next to an operator: identifiers and numbers as they are, anything else in parentheses. */
function operand(x: string): string {
  if (/^(?:[A-Za-z_][A-Za-z0-9_.]*|[0-9]+)$/.test(x)) return x;
  // already one parenthesised group: (…) whose first parenthesis closes at the end
  if (x.startsWith('(')) {
    let depth = 0;
    for (let i = 0; i < x.length; i++) {
      if (x[i] === '(') depth++;
      else if (x[i] === ')' && --depth === 0) {
        if (i === x.length - 1) return x;
        break;
      }
    }
  }
  return `(${x})`;
}

/** Escape a string for a literal whose only special characters are the quote (doubled). */
function standardString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Escape a string for a literal where backslash is an escape character (Spark, BigQuery). */
function backslashString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

const duckdb: Dialect = {
  name: 'duckdb',
  label: 'DuckDB',
  types: { int: 'BIGINT', double: 'DOUBLE', string: 'VARCHAR' },
  quoteIdent: (part) => `"${part}"`,
  str: standardString,
  epochMs: (ts) => `epoch_ms(${ts})`,
  formatTime: (ts) => `strftime(${ts}, '%Y-%m-%dT%H:%M:%S.%gZ')`,
  intDiv: (a, b) => `(${operand(a)} // ${operand(b)})`,
  mod: (a, b) => `(${operand(a)} % ${operand(b)})`,
  log2: (x) => `log2(${x})`,
  regexMatch: (s, re) => `regexp_matches(${s}, ${standardString(re)})`,
  regexExtract: (s, re) => `regexp_extract(${s}, ${standardString(re)})`,
  regexReplace: (s, re, r) => `regexp_replace(${s}, ${standardString(re)}, ${standardString(r)}, 'g')`,
  nfkc: (s) => s,
  hasNfkc: false,
  listAgg: (pos, item) => `list(${item} ORDER BY ${pos})`,
  listJoin: (list, sep) => `array_to_string(${list}, ${standardString(sep)})`,
  listJson: (list) => `CAST(to_json(${list}) AS VARCHAR)`,
  notes: ['ts (and account_created_at) must be TIMESTAMP holding UTC, not TIMESTAMPTZ.'],
};

const spark: Dialect = {
  name: 'spark',
  label: 'Spark SQL',
  types: { int: 'BIGINT', double: 'DOUBLE', string: 'STRING' },
  quoteIdent: (part) => `\`${part}\``,
  str: backslashString,
  epochMs: (ts) => `unix_millis(${ts})`,
  formatTime: (ts) => `date_format(${ts}, ${backslashString("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")})`,
  // a / b is a DOUBLE; FLOOR of it is a BIGINT, and exact for the magnitudes used here (epoch ms < 2^45).
  intDiv: (a, b) => `FLOOR(${operand(a)} / ${operand(b)})`,
  mod: (a, b) => `pmod(${a}, ${b})`,
  log2: (x) => `log2(${x})`,
  regexMatch: (s, re) => `rlike(${s}, ${backslashString(re)})`,
  regexExtract: (s, re) => `regexp_extract(${s}, ${backslashString(re)}, 0)`,
  regexReplace: (s, re, r) => `regexp_replace(${s}, ${backslashString(re)}, ${backslashString(r)})`,
  nfkc: (s) => s,
  hasNfkc: false,
  // Sorting structs orders them by their first field; `list.item` is the array of their item fields.
  listAgg: (pos, item) => `sort_array(collect_list(struct(${pos}, ${item})))`,
  listJoin: (list, sep) => `concat_ws(${backslashString(sep)}, ${list}.item)`,
  listJson: (list) => `to_json(${list}.item)`,
  notes: [
    'Spark 3.1 or later (unix_millis). Run with spark.sql.session.timeZone=UTC: date_format renders',
    'first_seen / last_seen / model_first_use / account_created_at in the session time zone (every other',
    'column is computed from epoch milliseconds and does not depend on it). Leave',
    'spark.sql.parser.escapedStringLiterals at its default (false).',
  ],
};

const trino: Dialect = {
  name: 'trino',
  label: 'Trino',
  types: { int: 'BIGINT', double: 'DOUBLE', string: 'VARCHAR' },
  quoteIdent: (part) => `"${part}"`,
  str: standardString,
  epochMs: (ts) => `date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', ${ts})`,
  formatTime: (ts) => `concat(substr(date_format(${ts}, '%Y-%m-%dT%H:%i:%s.%f'), 1, 23), 'Z')`,
  intDiv: (a, b) => `(${operand(a)} / ${operand(b)})`, // BIGINT / BIGINT is integer division in Trino
  mod: (a, b) => `mod(${a}, ${b})`,
  log2: (x) => `log2(${x})`,
  regexMatch: (s, re) => `regexp_like(${s}, ${standardString(re)})`,
  regexExtract: (s, re) => `regexp_extract(${s}, ${standardString(re)})`,
  regexReplace: (s, re, r) => `regexp_replace(${s}, ${standardString(re)}, ${standardString(r)})`,
  nfkc: (s) => `normalize(${s}, NFKC)`,
  hasNfkc: true,
  listAgg: (pos, item) => `array_agg(${item} ORDER BY ${pos})`,
  listJoin: (list, sep) => `array_join(${list}, ${standardString(sep)})`,
  listJson: (list) => `json_format(CAST(${list} AS JSON))`,
  notes: [
    'ts (and account_created_at) must be timestamp(p) without time zone holding UTC; for a',
    "timestamp with time zone column, expose CAST(ts AT TIME ZONE 'UTC' AS timestamp(3)) in a view.",
  ],
};

const bigquery: Dialect = {
  name: 'bigquery',
  label: 'BigQuery',
  types: { int: 'INT64', double: 'FLOAT64', string: 'STRING' },
  quoteIdent: (part) => `\`${part}\``,
  str: backslashString,
  epochMs: (ts) => `UNIX_MILLIS(${ts})`,
  formatTime: (ts) => `FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E3SZ', TIMESTAMP_TRUNC(${ts}, MILLISECOND), 'UTC')`,
  intDiv: (a, b) => `DIV(${a}, ${b})`,
  mod: (a, b) => `MOD(${a}, ${b})`,
  log2: (x) => `LOG(${x}, 2)`,
  regexMatch: (s, re) => `REGEXP_CONTAINS(${s}, ${backslashString(re)})`,
  regexExtract: (s, re) => `REGEXP_EXTRACT(${s}, ${backslashString(re)})`,
  regexReplace: (s, re, r) => `REGEXP_REPLACE(${s}, ${backslashString(re)}, ${backslashString(r)})`,
  nfkc: (s) => `NORMALIZE(${s}, NFKC)`,
  hasNfkc: true,
  listAgg: (pos, item) => `ARRAY_AGG(STRUCT(${pos}, ${item}))`,
  listJoin: (list, sep) => `ARRAY_TO_STRING(ARRAY(SELECT x.item FROM UNNEST(${list}) AS x ORDER BY x.pos), ${backslashString(sep)})`,
  listJson: (list) => `TO_JSON_STRING(ARRAY(SELECT x.item FROM UNNEST(${list}) AS x ORDER BY x.pos))`,
  notes: ['GoogleSQL (standard SQL). ts (and account_created_at) must be TIMESTAMP columns, not DATETIME.'],
};

const BY_NAME: Record<DialectName, Dialect> = { duckdb, spark, trino, bigquery };

export function getDialect(name: string): Dialect {
  const d = (BY_NAME as Record<string, Dialect | undefined>)[name];
  if (!d) throw new UsageError(`--dialect '${name}': expected one of ${DIALECTS.join(', ')}`);
  return d;
}
