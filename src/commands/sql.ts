/**
 * `sql --dialect NAME [--table NAME] [--links] [--out FILE]`: print the SQL that computes the feature table
 * (or, with --links, the shared-value link candidates) inside a warehouse or lake engine.
 */
import { writeFileAtomic } from '../io/atomic-file.js';
import { DIALECTS, getDialect } from '../sql/dialects.js';
import { featureQuery, linksQuery } from '../sql/feature-query.js';
import { parseTableName } from '../sql/table-name.js';

export { DIALECTS };

export interface SqlOptions {
  dialect: string;
  /** Default `logs`. */
  table?: string;
  links?: boolean;
  /** Write there atomically instead of returning the text for stdout. */
  out?: string;
}

/** The SQL text for these options (throws UsageError on a bad dialect or table name). */
export function renderSql(options: SqlOptions): string {
  const query = { dialect: getDialect(options.dialect), table: parseTableName(options.table ?? 'logs') };
  return options.links ? linksQuery(query) : featureQuery(query);
}

/** Render, then write to `out` (returning undefined) or return the text for stdout. */
export async function runSql(options: SqlOptions): Promise<string | undefined> {
  const sql = renderSql(options);
  if (options.out === undefined) return sql;
  await writeFileAtomic(options.out, (write) => write(sql));
  return undefined;
}
