import type { Report } from './report.js';

/** `--format json`: the report object, pretty-printed; JSON.stringify escapes any string from the logs. */
export function toJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** `--format ndjson`: one cluster object per line. */
export function toNdjson(report: Report): string {
  return report.clusters.map((c) => `${JSON.stringify(c)}\n`).join('');
}
