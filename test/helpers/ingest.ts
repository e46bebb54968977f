/** Test helpers: run ingest/features over fixtures and collect what came out. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeLogs, type AnalyzeOptions } from '../../src/analyze.js';
import type { Rejection } from '../../src/ingest/collector.js';
import { ingest, type IngestOptions } from '../../src/ingest/ingest.js';
import type { CanonicalRecord } from '../../src/ingest/record.js';

export const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

export function fixture(path: string): string {
  return join(FIXTURES, path);
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'distill-forensics-test-'));
}

export async function readRecords(options: Partial<IngestOptions> & { inputs: string[] }) {
  const records: CanonicalRecord[] = [];
  const rejections: Rejection[] = [];
  const warnings: string[] = [];
  const stats = await ingest(
    { maxRejected: 1, ...options, onReject: (r) => rejections.push(r), onWarning: (w) => warnings.push(w) },
    (batch) => {
      for (let i = 0; i < batch.length; i++) records.push(batch.row(i));
    },
  );
  return { stats, records, rejections, warnings };
}

export async function featureRows(options: Partial<AnalyzeOptions> & { inputs: string[] }) {
  const { features, stats } = await analyzeLogs({ maxRejected: 1, ...options });
  return { rows: features.rows(), stats };
}
