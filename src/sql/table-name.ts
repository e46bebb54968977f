/**
 * `sql --table NAME`: the only user text that goes into the generated SQL, so it is parsed, not pasted.
 * NAME is one to four dot-separated parts (catalog.schema.table, project.dataset.table); each part is a
 * plain identifier or one quoted with "…" or `…`. Quoted parts may hold spaces, dots, hyphens and other
 * printable characters but never a quote character, a backslash, a control character or a line separator,
 * so no input can end the identifier (or the header comment that repeats it) early. Parts are re-quoted in the target dialect's style when they need it.
 */
import { UsageError } from '../errors.js';
import type { Dialect } from './dialects.js';

export interface TableName {
  /** The identifier parts, unquoted. */
  readonly parts: readonly string[];
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Plain parts may also contain hyphens (BigQuery project ids); they are quoted on output. */
const BARE = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
const QUOTED_INNER = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029"`'\\]+$/;
const MAX_LENGTH = 512;
const MAX_PARTS = 4;

const TABLE_NAME_HELP = 'expected a table name such as logs, lake.ai.logs, "my logs" or `my-project.dataset.logs`';

/** Parse NAME or throw a UsageError with one line that says what is wrong. */
export function parseTableName(name: string): TableName {
  const fail = (why: string): never => {
    throw new UsageError(`--table ${JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name)}: ${why}; ${TABLE_NAME_HELP}`);
  };
  if (name.length === 0) fail('empty');
  if (name.length > MAX_LENGTH) fail(`longer than ${MAX_LENGTH} characters`);
  const parts: string[] = [];
  let i = 0;
  for (;;) {
    const c = name[i];
    if (c === '"' || c === '`') {
      const end = name.indexOf(c, i + 1);
      if (end < 0) fail(`unterminated ${c}`);
      const inner = name.slice(i + 1, end);
      if (!QUOTED_INNER.test(inner)) fail('a quoted part must be non-empty and hold no quote, backslash or control character');
      parts.push(inner);
      i = end + 1;
    } else {
      let end = name.indexOf('.', i);
      if (end < 0) end = name.length;
      const bare = name.slice(i, end);
      if (!BARE.test(bare)) fail(bare.length === 0 ? 'empty name part' : `'${bare}' is not an identifier`);
      parts.push(bare);
      i = end;
    }
    if (i === name.length) break;
    if (name[i] !== '.') fail('parts must be separated by dots');
    i++;
    if (i === name.length) fail('ends with a dot');
  }
  if (parts.length > MAX_PARTS) fail(`more than ${MAX_PARTS} parts`);
  return { parts };
}

/** The name as the dialect writes it: plain parts as they are, anything else quoted. */
export function renderTableName(table: TableName, dialect: Dialect): string {
  return table.parts.map((p) => (PLAIN.test(p) ? p : dialect.quoteIdent(p))).join('.');
}
