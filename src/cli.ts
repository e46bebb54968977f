/**
 * The command line: parses options and hands them to the library. Exit codes (CONTRACT §2): 0 ran,
 * 1 findings at --fail-on, 2 usage or input error with one line on stderr (a stack only with DEBUG).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { runExplain } from './commands/explain.js';
import { runFeatures } from './commands/features.js';
import { runScan } from './commands/scan.js';
import { DIALECTS, runSql } from './commands/sql.js';
import { REPORT_FORMATS, type ReportFormat } from './report/index.js';
import { SEVERITIES, type Severity } from './score/score.js';
import { evaluateReport, formatEvaluation } from './evaluate/evaluate.js';
import { readReportFile } from './report/validate-report.js';
import { readTruth, simulate, type Format } from './simulate/index.js';
import { InputError, oneLine, UsageError } from './errors.js';
import { DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_REJECTED } from './ingest/ingest.js';
import { PRESETS } from './ingest/presets/index.js';
import { INPUT_FORMATS, type InputFormat } from './ingest/sniff.js';
import { removePendingFiles } from './io/atomic-file.js';
import { textSlices } from './io/text-slices.js';
import { stopWithParent } from './heap.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const NAME = 'distill-forensics';

function say(message: string): void {
  process.stderr.write(`${NAME}: ${oneLine(message)}\n`);
}

function ratioOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a ratio between 0 and 1');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

function formatList(value: string): Format[] {
  const formats = value.split(',').map((f) => f.trim());
  for (const f of formats) if (!(INPUT_FORMATS as readonly string[]).includes(f)) throw new InvalidArgumentError(`unknown format '${f}' (${INPUT_FORMATS.join(', ')})`);
  return formats as Format[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface IngestFlags {
  inputFormat?: InputFormat;
  preset: string;
  map: string[];
  accounts?: string;
  errors?: string;
  maxRejected: number;
  maxLineBytes: number;
  workers: number;
  maxAccounts?: number;
  quiet?: boolean;
}

/** The options every log-reading command shares (CONTRACT §1). */
function withIngestOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--input-format <format>', 'override format sniffing').choices([...INPUT_FORMATS]))
    .addOption(new Option('--preset <name>', 'map a known export format onto the canonical record').choices([...PRESETS.keys()]).default('canonical'))
    .option('--map <field=path>', 'map a canonical field from a dotted JSON path / CSV column (repeatable)', collect, [])
    .option('--accounts <file>', 'account/billing table (csv/jsonl/arrow/parquet) joined on account_id')
    .option('--errors <file>', 'write rejected input lines as NDJSON {file,line,reason,text}')
    .option('--max-rejected <ratio>', 'exit 2 when more than this share of records is rejected', ratioOption, DEFAULT_MAX_REJECTED)
    .option('--max-line-bytes <n>', 'longest accepted input line; longer lines are rejected as line_too_long', positiveInt, DEFAULT_MAX_LINE_BYTES)
    .option('--workers <n>', `threads reading JSONL, CSV and Arrow files (default: one per core, at most 4; at most ${MAX_WORKERS})`, workerCount, defaultWorkers())
    .option('--max-accounts <n>', 'stop with a message past this many accounts (memory grows with accounts)', positiveInt)
    .option('-q, --quiet', 'nothing on stderr but errors');
}

/**
 * One reader per core, at most four: every worker scans every segment for its own accounts' lines (and
 * decodes every Arrow batch), so that shared cost grows with the count, and a second thread on a single
 * core would only add it and the cost of merging.
 */
const MAX_DEFAULT_WORKERS = 4;

/** Each worker is a V8 isolate of its own (tens of MB before it reads a byte): a thousand would exhaust memory. */
const MAX_WORKERS = 64;

function workerCount(value: string): number {
  const n = positiveInt(value);
  if (n > MAX_WORKERS) throw new InvalidArgumentError(`at most ${MAX_WORKERS} (each worker thread is a JavaScript engine of its own)`);
  return n;
}

function defaultWorkers(): number {
  return Math.min(availableParallelism(), MAX_DEFAULT_WORKERS);
}

function ingestOptions(inputs: string[], flags: IngestFlags) {
  return {
    inputs,
    inputFormat: flags.inputFormat,
    preset: flags.preset,
    maps: flags.map,
    accounts: flags.accounts,
    errors: flags.errors,
    maxRejected: flags.maxRejected,
    maxLineBytes: flags.maxLineBytes,
    workers: flags.workers,
    maxAccounts: flags.maxAccounts,
    progress: !flags.quiet,
    onWarning: flags.quiet ? undefined : (m: string) => say(`warning: ${m}`),
  };
}

function summary(quiet: boolean | undefined, message: string): void {
  if (!quiet) say(message);
}

export function buildProgram(): Command {
  const program = new Command(NAME)
    .description('Find model-distillation campaigns in exported LLM API access logs')
    .version(VERSION)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`${NAME}: ${oneLine(str.replace(/^error: /, ''))}\n`) });

  withIngestOptions(
    program
      .command('features')
      .description('write one feature vector per account (csv, ndjson or arrow, chosen by --out extension)')
      .argument('<inputs...>', 'log files (jsonl, csv, arrow, parquet; gzip ok) or - for stdin')
      .requiredOption('-o, --out <file>', 'output file: .csv, .ndjson or .arrow'),
  ).action(async (inputs: string[], flags: IngestFlags & { out: string }) => {
    const { stats, accounts } = await runFeatures({ ...ingestOptions(inputs, flags), out: flags.out });
    summary(flags.quiet, `${stats.records} records, ${stats.rejected} rejected, ${stats.filtered} filtered → ${accounts} accounts in ${flags.out}`);
  });

  withIngestOptions(
    program
      .command('scan')
      .description('find coordinated distillation campaigns and rank them, with evidence')
      .argument('[inputs...]', 'log files (jsonl, csv, arrow, parquet; gzip ok) or - for stdin')
      .option('--features <file>', 'cluster and score a feature table (features --out, or the sql query run elsewhere) instead of logs')
      .addOption(new Option('--format <format>', 'output format (default: table on a terminal, json otherwise)').choices([...REPORT_FORMATS]))
      .option('-o, --out <file>', 'write the report there (atomically) instead of stdout')
      .option('--limit <n>', 'clusters shown in the table', positiveInt, 20)
      .addOption(new Option('--min-severity <level>', 'leave clusters below this level out of the output').choices([...SEVERITIES]))
      .addOption(new Option('--fail-on <level>', 'exit 1 when any cluster reaches this level').choices([...SEVERITIES]))
      .option('--weights <file>', 'JSON {signal: weight} overriding the default signal weights')
      .option('--baseline <file>', 'an earlier JSON report: mark clusters new / grown / unchanged and list the resolved ones')
      .option('--allowlist <file>', 'YAML/JSON list of known legitimate users {account_id|org_id, reason, expires}: suppressed but listed')
      .option('--redact', 'replace account/org/key ids and IPs by HMAC-SHA256 pseudonyms (needs --redact-key-file)')
      .option('--redact-key-file <file>', 'the secret key of the --redact pseudonyms (the file\'s bytes, trimmed)')
      .option('--timings', 'per stage on stderr: wall time, peak RSS so far, heap, rows/s')
      .option('--no-color', 'no ANSI colour (NO_COLOR and FORCE_COLOR are honoured too)'),
  ).action(async (inputs: string[], flags: IngestFlags & ScanFlags) => {
    if (flags.features !== undefined) {
      if (inputs.length > 0) throw new UsageError('give log files or --features FILE, not both');
      const logOnly = [flags.map.length > 0 && '--map', flags.preset !== 'canonical' && '--preset', flags.inputFormat && '--input-format', flags.errors && '--errors'].filter(Boolean);
      if (logOnly.length > 0) throw new UsageError(`${logOnly.join(', ')} read${logOnly.length === 1 ? 's' : ''} logs, not a --features table`);
    } else if (inputs.length === 0) {
      throw new UsageError('no input given (log files, - for stdin, or --features FILE)');
    }
    const toTerminal = !flags.out && process.stdout.isTTY === true;
    const format: ReportFormat = flags.format ?? (toTerminal ? 'table' : 'json');
    const { output, failed } = await runScan({
      ...ingestOptions(inputs, flags),
      features: flags.features,
      format,
      out: flags.out,
      limit: flags.limit,
      minSeverity: flags.minSeverity,
      failOn: flags.failOn,
      weights: flags.weights,
      baseline: flags.baseline,
      allowlist: flags.allowlist,
      redact: flags.redact,
      redactKeyFile: flags.redactKeyFile,
      color: useColor(flags.color, toTerminal),
      version: VERSION,
      timings: flags.timings ? (line) => process.stderr.write(`${line}\n`) : undefined,
    });
    // Set before writing: if the reader closes the pipe early (| head), the exit status must still say so.
    if (failed) process.exitCode = 1;
    if (!flags.out) await writeStdout(output);
  });

  program
    .command('simulate')
    .description('write a synthetic log dump with injected campaigns, look-alikes and ground truth (truth.json, labels.csv)')
    .requiredOption('-o, --out <dir>', 'output directory (created if missing)')
    .option('--scale <s>', '1 = the full 25,000-account / 28.8M-exchange hydra with everything else (~62M rows); default 0.016 ≈ 1M rows', positiveNumber, 0.016)
    .option('--seed <n>', 'random seed; the same seed gives byte-identical files', nonNegativeInt, 1)
    .option('--formats <list>', 'comma-separated: jsonl, csv, arrow', formatList, ['jsonl'] as Format[])
    .option('--metadata-only', 'no prompt text and no prompt hashes')
    .option('--split-accounts', 'billing fields in accounts.csv (for --accounts) instead of the logs')
    .option('--no-billing', 'no payment, creation date or email at all (a gateway-style export)')
    .option('-q, --quiet', 'no summary on stderr')
    .action(async (flags: { out: string; scale: number; seed: number; formats: Format[]; metadataOnly?: boolean; splitAccounts?: boolean; billing: boolean; quiet?: boolean }) => {
      const summary = await simulate({
        out: flags.out,
        scale: flags.scale,
        seed: flags.seed,
        formats: flags.formats,
        metadataOnly: flags.metadataOnly,
        splitAccounts: flags.splitAccounts,
        noBilling: !flags.billing,
      });
      if (!flags.quiet) say(`${summary.rows.toLocaleString('en-US')} rows, ${summary.accounts.toLocaleString('en-US')} accounts → ${summary.files.join(', ')} (${summary.seconds.toFixed(1)} s)`);
    });

  program
    .command('evaluate')
    .description("measure a JSON report against simulate's ground truth: recall, consolidation, rank, precision, false positives")
    .argument('<report>', 'a report written by scan --format json')
    .requiredOption('--truth <dir>', 'the directory simulate wrote (truth.json)')
    .option('--json', 'print the evaluation as JSON')
    .action(async (reportPath: string, flags: { truth: string; json?: boolean }) => {
      const evaluation = evaluateReport(readReportFile(reportPath), readTruth(flags.truth).groups, reportPath);
      await writeStdout(flags.json ? `${JSON.stringify(evaluation, null, 2)}\n` : formatEvaluation(evaluation));
    });

  program
    .command('explain')
    .description('drill into one cluster of a JSON report (or the cluster holding an account): why, shared attributes, timeline, model mix, top accounts')
    .argument('<report>', 'a report written by scan --format json')
    .argument('<id>', 'a cluster id (C0001) or an account id')
    .option('--no-color', 'no ANSI colour (NO_COLOR and FORCE_COLOR are honoured too)')
    .action(async (reportPath: string, id: string, flags: { color: boolean }) => {
      await writeStdout(runExplain({ report: reportPath, id, color: useColor(flags.color, process.stdout.isTTY === true) }));
    });

  program
    .command('sql')
    .description('print a SQL query that computes the feature table where the logs live (or, with --links, the shared-value link candidates)')
    .addOption(new Option('--dialect <name>', 'SQL engine').choices([...DIALECTS]).makeOptionMandatory())
    .option('--table <name>', 'the table or view holding the canonical columns (a dotted, optionally quoted identifier)', 'logs')
    .option('--links', 'print the link candidates (accounts sharing a payment fingerprint, API key or IP) instead')
    .option('-o, --out <file>', 'write the SQL there (atomically) instead of stdout')
    .action(async (flags: { dialect: string; table: string; links?: boolean; out?: string }) => {
      const sql = await runSql(flags);
      if (sql !== undefined) await writeStdout(sql);
    });

  return program;
}

interface ScanFlags {
  features?: string;
  format?: ReportFormat;
  out?: string;
  limit: number;
  minSeverity?: Severity;
  failOn?: Severity;
  weights?: string;
  baseline?: string;
  allowlist?: string;
  redact?: boolean;
  redactKeyFile?: string;
  timings?: boolean;
  color: boolean;
}

/** Colour only on a terminal, never with --no-color or NO_COLOR; FORCE_COLOR forces it. */
function useColor(flag: boolean, toTerminal: boolean): boolean {
  if (!flag || (process.env.NO_COLOR ?? '') !== '') return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return toTerminal;
}

async function writeStdout(text: string | Iterable<string>): Promise<void> {
  for (const slice of textSlices(text)) await new Promise<void>((resolve) => process.stdout.write(slice, () => resolve()));
}

export function installSignalHandlers(): void {
  // Re-run by bin/distill-forensics with a bigger heap (heap.ts): gone with the parent, even a SIGKILLed one.
  stopWithParent(removePendingFiles);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      removePendingFiles();
      process.exit(code);
    });
  }
  // `| head` closes the pipe early: end quietly, not with an EPIPE stack.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      removePendingFiles();
      process.exit(process.exitCode ?? 0);
    }
    throw err;
  });
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length === 0) {
    // No command is a usage error (exit 2), with the help that says which commands there are.
    process.stderr.write(program.helpInformation());
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? 0 : 2;
    }
    if (err instanceof UsageError || err instanceof InputError) {
      say(err.message);
      return 2;
    }
    say(`internal error: ${(err as Error).message ?? String(err)}${process.env.DEBUG ? '' : ' (set DEBUG=1 for details)'}`);
    if (process.env.DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 2;
  }
}
