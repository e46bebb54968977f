/** `scan <inputs...>` (or `scan --features FILE`): the main job — ranked suspect clusters with evidence. */
import { type AnalyzeOptions, analyzeFeatureTable, analyzeLogs } from '../analyze.js';
import { detect } from '../detect.js';
import { UsageError } from '../errors.js';
import { AtomicFile } from '../io/atomic-file.js';
import { textSlices } from '../io/text-slices.js';
import { isReportFormat, REPORTERS, type ReportFormat } from '../report/index.js';
import { finishReport, loadOutputInputs, type OutputInputs, type OutputOptions } from '../report/outputs.js';
import { buildReport, type Report } from '../report/report.js';
import type { Severity } from '../score/score.js';
import { loadWeights, type Weights } from '../score/weights.js';

/** `baseline`, `allowlist`, `redact` + `redactKeyFile`: see report/outputs.ts for the order they apply in. */
export interface ScanOptions extends AnalyzeOptions, Pick<OutputOptions, 'baseline' | 'allowlist' | 'redact' | 'redactKeyFile'> {
  format: ReportFormat;
  out?: string;
  limit?: number;
  minSeverity?: Severity;
  failOn?: Severity;
  weights?: string;
  color?: boolean;
  version: string;
  timings?: (line: string) => void;
  /** `--features FILE`: cluster and score a feature table instead of reading logs. */
  features?: string;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;
}

export interface ScanResult {
  report: Report;
  /**
   * The report in `format`, as pieces that join to its text, rendered as they are read (so the whole text
   * need never be in memory); may be read more than once. Already written when `out` was given.
   */
  output: Iterable<string>;
  /** `--fail-on` was reached. */
  failed: boolean;
}

export async function runScan(options: ScanOptions): Promise<ScanResult> {
  if (!isReportFormat(options.format)) throw new UsageError(`unknown --format '${options.format}'`);
  const weights = options.weights ? loadWeights(options.weights) : undefined;
  const outputInputs = loadOutputInputs(options);
  const out = options.out ? await AtomicFile.open(options.out) : undefined;
  try {
    const stage = stageTimer(options.timings);
    const { report, failed } = await scanReport(options, weights, outputInputs, stage);
    const { format } = options;
    const output: Iterable<string> = { [Symbol.iterator]: () => REPORTERS[format](report, options)[Symbol.iterator]() };
    if (out) {
      for (const slice of textSlices(output)) await out.write(slice);
      await out.commit();
    }
    stage('report');
    return { report, output, failed };
  } catch (err) {
    await out?.abort();
    throw err;
  }
}

type Stage = (name: string, rows?: number) => void;

/** `--timings`: each call prints the time since the previous one, the peak RSS so far and the heap now. */
function stageTimer(timings: ((line: string) => void) | undefined): Stage {
  let mark = performance.now();
  return (name, rows) => {
    const now = performance.now();
    const secs = (now - mark) / 1000;
    const rate = rows ? `  ${Math.round(rows / Math.max(secs, 1e-6)).toLocaleString('en-US')} rows/s` : '';
    // The process's peak RSS so far (workers included) and this thread's heap now: which stage set the peak.
    const memory = `  peak RSS ${mib(process.resourceUsage().maxRSS * 1024)}  heap ${mib(process.memoryUsage().heapUsed)}`;
    timings?.(`${name.padEnd(15)} ${secs.toFixed(2).padStart(7)} s${memory}${rate}`);
    mark = now;
  };
}

/**
 * Logs (or a feature table) → the finished report. A function of its own so that the account states and
 * scored clusters are unreachable once it returns: on a dump of many accounts they are most of the heap,
 * which rendering and writing the report can then have.
 */
async function scanReport(options: ScanOptions, weights: Weights | undefined, outputInputs: OutputInputs, stage: Stage): Promise<{ report: Report; failed: boolean }> {
  const { stats, features } = options.features ? await analyzeFeatureTable(options.features, options) : await analyzeLogs(options);
  stage(options.features ? 'features' : 'ingest+features', stats.records);
  const { scored, states } = detect(features, { weights, onStage: (name) => stage(name), buckets: stats.buckets });
  // A feature table has no per-hour activity or per-model days to chart: no `detail` from it.
  const full = buildReport({ stats, scored, accounts: features.accounts.size, version: options.version, states: options.features ? undefined : states });
  // Baseline, allowlist, --fail-on, --min-severity, then redaction (report/outputs.ts).
  return finishReport(full, outputInputs, options);
}
