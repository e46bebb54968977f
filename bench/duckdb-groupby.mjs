// The reference an analyst would reach for: DuckDB reading the same file and grouping by account.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, format] = process.argv.slice(2);
const reader =
  format === 'csv'
    ? `read_csv('${file}', header = true)`
    : format === 'arrow'
      ? `read_json('${file}')` // not used: DuckDB has no core Arrow IPC file reader
      : `read_json('${file}', format = 'newline_delimited')`;
const db = await DuckDBInstance.create(':memory:');
const conn = await db.connect();
const result = await conn.runAndReadAll(
  `SELECT account_id, sum(coalesce(request_count, 1)) AS exchanges, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
          min(ts) AS first_seen, max(ts) AS last_seen FROM ${reader} GROUP BY account_id`,
);
process.stdout.write(`${result.getRows().length} accounts\n`);
