/** `explain <report.json> <cluster-id|account-id>`: a terminal drill-down of one cluster of a JSON report. */
import { InputError } from '../errors.js';
import { explainTarget, findTarget } from '../report/explain.js';
import { terminalSafe } from '../report/terminal-safe.js';
import { readReportFile } from '../report/validate-report.js';

export interface ExplainOptions {
  /** Path of a report written by `scan --format json`. */
  report: string;
  /** A cluster id (C0001) or an account id. */
  id: string;
  color: boolean;
}

/** The drill-down text for `id`; an id the report does not hold is an InputError (with the closest id, if any). */
export function runExplain(options: ExplainOptions): string {
  const report = readReportFile(options.report);
  const target = findTarget(report, options.id);
  if (target.kind === 'none') {
    const hint = target.suggestion !== undefined ? ` (did you mean ${terminalSafe(target.suggestion)}?)` : '';
    // An account of the input can be missing because reports leave out lone accounts that score below low.
    const unlisted = /^C\d+$/.test(options.id) ? '' : `; lone accounts scoring below low are not listed: it holds ${report.clusters.length.toLocaleString('en-US')} clusters of the input's ${report.input.accounts.toLocaleString('en-US')} accounts`;
    throw new InputError(`no cluster or account '${terminalSafe(options.id)}' in report ${options.report}${hint}${unlisted}`);
  }
  return explainTarget(report, target, { color: options.color });
}
