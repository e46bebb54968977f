/** `features <inputs...> --out FILE`: one feature vector per account. */
import { type AnalyzeOptions, analyzeLogs } from '../analyze.js';
import { tableFormatFromPath, writeFeatureTable } from '../features/write-features.js';
import type { IngestStats } from '../ingest/collector.js';
import { AtomicFile } from '../io/atomic-file.js';

export interface FeaturesOptions extends AnalyzeOptions {
  out: string;
}

export async function runFeatures(options: FeaturesOptions): Promise<{ stats: IngestStats; accounts: number }> {
  // Fail on a bad --out before reading gigabytes; the temporary file goes away if anything fails.
  const format = tableFormatFromPath(options.out);
  const out = await AtomicFile.open(options.out);
  try {
    const { stats, features } = await analyzeLogs(options);
    const rows = features.rows();
    await writeFeatureTable(format, rows, out.write);
    await out.commit();
    return { stats, accounts: rows.length };
  } catch (err) {
    await out.abort();
    throw err;
  }
}
