/**
 * What `scan` does to the report between building it and rendering it, in this order:
 *
 * 1. `--baseline`: change marks against the earlier report, on the *full* report (a cluster that fell below
 *    `--min-severity` is not "resolved"; it is only not shown).
 * 2. `--allowlist`: fully allowlisted clusters move to `suppressed`.
 * 3. `--fail-on` is decided here: on every remaining cluster (also those `--min-severity` hides), never on
 *    suppressed ones.
 * 4. `--min-severity` drops clusters below the level from `clusters`, and from `resolved` / `suppressed` by
 *    their earlier severity.
 * 5. `--redact` last: baseline and allowlist compare raw ids, and every reporter gets pseudonyms only.
 *
 * The files are read by loadOutputInputs() before the logs, so a bad one fails the run at once.
 */
import { UsageError } from '../errors.js';
import { atLeast, type Severity } from '../score/score.js';
import { type Allowlist, applyAllowlist, loadAllowlist } from './allowlist.js';
import { compareWithBaseline, readBaseline } from './baseline.js';
import { keyId, loadRedactionKey, pseudonym, redactReport } from './redact.js';
import type { Report } from './report.js';

export interface OutputOptions {
  /** `--baseline PREV.json`. */
  baseline?: string;
  /** `--allowlist FILE`. */
  allowlist?: string;
  /** `--redact`: needs `redactKeyFile`. */
  redact?: boolean;
  /** `--redact-key-file FILE`. */
  redactKeyFile?: string;
  minSeverity?: Severity;
  failOn?: Severity;
  onWarning?: (message: string) => void;
}

export interface OutputInputs {
  previous?: Report;
  allowlist?: Allowlist;
  key?: Buffer;
}

/** Reads and checks the baseline, allowlist and key files; any problem is one line and exit 2. */
export function loadOutputInputs(o: OutputOptions): OutputInputs {
  if (o.redact && !o.redactKeyFile) throw new UsageError('--redact needs --redact-key-file FILE (the secret key of the pseudonyms)');
  if (!o.redact && o.redactKeyFile) throw new UsageError('--redact-key-file is only used with --redact (add --redact, or drop the key file)');
  const key = o.redact && o.redactKeyFile ? loadRedactionKey(o.redactKeyFile, o.onWarning) : undefined;
  const previous = o.baseline ? readBaseline(o.baseline) : undefined;
  if (previous?.redaction) {
    // A redacted baseline holds pseudonyms: comparable only through the same key.
    if (!key) throw new UsageError(`--baseline ${o.baseline}: the report is redacted; compare it with --redact --redact-key-file and the key that wrote it`);
    if (previous.redaction.key_id !== keyId(key)) {
      throw new UsageError(`--baseline ${o.baseline}: the report was redacted with another key (key_id ${previous.redaction.key_id}, this key is ${keyId(key)})`);
    }
  }
  const allowlist = o.allowlist ? loadAllowlist(o.allowlist) : undefined;
  return { previous, allowlist, key };
}

/** Applies baseline, allowlist, --fail-on, --min-severity and redaction to a freshly built report. */
export function finishReport(full: Report, inputs: OutputInputs, o: OutputOptions): { report: Report; failed: boolean } {
  let report = full;
  if (inputs.previous) {
    const key = inputs.key;
    const accountKey = inputs.previous.redaction && key ? (id: string) => pseudonym(key, 'account', id) : undefined;
    report = compareWithBaseline(report, inputs.previous, { accountKey });
  }
  if (inputs.allowlist) report = applyAllowlist(report, inputs.allowlist, { onWarning: o.onWarning });
  const failed = o.failOn !== undefined && report.clusters.some((c) => atLeast(c.severity, o.failOn!));
  if (o.minSeverity) {
    const level = o.minSeverity;
    report = {
      ...report,
      clusters: report.clusters.filter((c) => atLeast(c.severity, level)),
      ...(report.resolved ? { resolved: report.resolved.filter((p) => atLeast(p.severity, level)) } : {}),
      ...(report.suppressed ? { suppressed: report.suppressed.filter((s) => atLeast(s.severity_before, level)) } : {}),
    };
  }
  if (inputs.key) report = redactReport(report, inputs.key);
  return { report, failed };
}
