/** `features <inputs...> --out FILE`: one feature vector per account. */
import { type AnalyzeOptions, analyzeLogs } from '../analyze.js';
import { tableFormatFromPath, writeFeatures } from '../features/write-features.js';
import type { IngestStats } from '../ingest/collector.js';

export interface FeaturesOptions extends AnalyzeOptions {
  out: string;
}

export async function runFeatures(options: FeaturesOptions): Promise<{ stats: IngestStats; accounts: number }> {
  tableFormatFromPath(options.out); // fail on a bad --out before reading gigabytes
  const { stats, features } = await analyzeLogs(options);
  const rows = features.rows();
  await writeFeatures(options.out, rows);
  return { stats, accounts: rows.length };
}
