/**
 * Ingest → per-account features: the part of the pipeline every log-reading command shares
 * (`features`, `scan`), or the same states read back from a feature table (`scan --features`). Also owns
 * the `--errors` file, which is kept even when the run fails on `--max-rejected`, because that is when the
 * analyst needs it.
 */
import { FeatureExtractor } from './features/extract.js';
import { loadFeatureTable } from './features/from-table.js';
import { type AccountTable, loadAccounts } from './ingest/accounts.js';
import type { IngestStats } from './ingest/collector.js';
import { checkRejected, DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_REJECTED, ingest, type IngestOptions } from './ingest/ingest.js';
import { AtomicFile } from './io/atomic-file.js';
import { createProgress } from './io/progress.js';
import { ReaderWorkers } from './parallel/pool.js';
import { safeJson } from './report/to-json.js';

export interface AnalyzeOptions extends Omit<IngestOptions, 'onReject' | 'onProgress'> {
  /** `--accounts FILE`. */
  accounts?: string;
  /** `--errors FILE`: rejected lines as NDJSON. */
  errors?: string;
  /** `--redact`: the `--errors` file leaves out each rejected line's text (raw ids, addresses, prompts). */
  redact?: boolean;
  /** Show progress on stderr (when it is a terminal). */
  progress?: boolean;
  /** Worker threads for JSONL, CSV and Arrow files (1 = read everything on this thread). */
  workers?: number;
  /** Stop with an InputError past this many accounts (--max-accounts). */
  maxAccounts?: number;
}

export interface Analysis {
  stats: IngestStats;
  features: FeatureExtractor;
}

function loadAccountTable(options: AnalyzeOptions): Promise<AccountTable> | undefined {
  return options.accounts
    ? loadAccounts(options.accounts, { maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, onWarning: options.onWarning })
    : undefined;
}

/** `scan --features FILE`: the features stage's result read from a table made elsewhere (features/from-table.ts). */
export async function analyzeFeatureTable(path: string, options: AnalyzeOptions): Promise<Analysis> {
  const table = await loadAccountTable(options);
  const { stats, features } = await loadFeatureTable(path, { maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, maxAccounts: options.maxAccounts, stdin: options.stdin });
  checkRejected(stats, options.maxRejected ?? DEFAULT_MAX_REJECTED, '', features.accounts.size + stats.rejected);
  if (table) features.join(table);
  return { stats, features };
}

export async function analyzeLogs(options: AnalyzeOptions): Promise<Analysis> {
  const table = await loadAccountTable(options);
  const errors = options.errors ? await AtomicFile.open(options.errors) : undefined;
  const progress = createProgress(options.progress ?? false);
  const features = new FeatureExtractor(options.maxAccounts);
  const workers = (options.workers ?? 1) > 1
    ? new ReaderWorkers(options.workers!, {
        preset: options.preset ?? 'canonical',
        maps: options.maps ?? [],
        maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
        keepRejections: errors !== undefined,
        maxAccounts: options.maxAccounts,
      })
    : undefined;
  let stats: IngestStats;
  try {
    stats = await ingest(
      {
        ...options,
        parallel: workers,
        onReject: errors ? (r) => errors.writeNow(`${safeJson(options.redact ? { ...r, text: undefined } : r)}\n`) : undefined,
        onProgress: (s) => progress.update(s),
      },
      (batch) => features.add(batch),
    );
    await workers?.collect(features);
    features.checkLimits();
  } catch (err) {
    progress.done();
    await workers?.close();
    await errors?.commit();
    throw err;
  }
  progress.done();
  await errors?.commit();
  if (table) features.join(table);
  features.settle();
  return { stats, features };
}
