/**
 * The ingest stage: every input (files or stdin, any format, gzip or not) through the preset and `--map`
 * into validated columnar batches, with every record counted as accepted, rejected or filtered.
 */
import { InputError, UsageError } from '../errors.js';
import { IngestStats, RecordCollector, type Rejection } from './collector.js';
import { wantsDocuments } from './jsonl.js';
import { buildMapper, parseMapping } from './map.js';
import { getPreset, type Preset } from './presets/index.js';
import { readInput } from './read-input.js';
import type { RecordBatch } from './record.js';
import type { InputFormat } from './sniff.js';
import { type OpenedInput, openInput } from './source.js';

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_REJECTED = 0.05;

/** Where another reader (worker threads, parallel/pool.ts) applies what it read, in input order. */
export interface ResultSink {
  stats: IngestStats;
  onReject?(rejection: Rejection): void;
  onProgress?(): void;
  /** `--map` matches made by that reader's mappers. */
  addHits(hits: readonly number[]): void;
}

/** Reads line-delimited JSON, CSV and Arrow files somewhere else (parallel/pool.ts): records go there, counts come back here. */
export interface ParallelReader {
  read(bytes: AsyncIterable<Buffer>, file: string, sink: ResultSink): Promise<void>;
  readCsv(bytes: AsyncIterable<Buffer>, file: string, sink: ResultSink): Promise<void>;
  /** An Arrow file on disk; false (nothing read) when it is better read on this thread. */
  readArrow(path: string, file: string, sink: ResultSink): Promise<boolean>;
  /** Wait until everything read so far is counted. */
  drain(): Promise<void>;
}

export interface IngestOptions {
  inputs: string[];
  inputFormat?: InputFormat;
  preset?: string;
  /** `--map field=path` specs. */
  maps?: string[];
  maxLineBytes?: number;
  /** Fail (InputError) when more than this share of records is rejected. */
  maxRejected?: number;
  onReject?(rejection: Rejection): void;
  onWarning?(message: string): void;
  /** Called after every chunk read, for progress displays. */
  onProgress?(stats: IngestStats): void;
  /** Stream to read for `-` (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** Line-delimited JSON, CSV and Arrow files on disk go here instead of onBatch (their records never reach onBatch). */
  parallel?: ParallelReader;
}

function topReasons(map: Map<string, number>): string {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** Hand `input` to the parallel reader when it takes that format; false when it must be read here. */
async function readInParallel(parallel: ParallelReader, input: OpenedInput, preset: Preset, sink: ResultSink): Promise<boolean> {
  switch (input.format) {
    case 'jsonl':
      if (wantsDocuments(input.head.toString('utf8'), preset, input.name)) return false;
      await parallel.read(input.bytes, input.name, sink);
      return true;
    case 'csv':
      await parallel.readCsv(input.bytes, input.name, sink);
      return true;
    case 'arrow':
      if (!input.file) return false;
      input.close();
      return parallel.readArrow(input.file, input.name, sink);
    default:
      return false;
  }
}

export async function ingest(options: IngestOptions, onBatch: (batch: RecordBatch) => void): Promise<IngestStats> {
  if (options.inputs.length === 0) throw new UsageError('no input given (a file path, or - for stdin)');
  if (options.inputs.filter((i) => i === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  const preset = getPreset(options.preset ?? 'canonical');
  const mappings = (options.maps ?? []).map(parseMapping);
  const mapper = buildMapper(preset, mappings);
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const stats = new IngestStats();
  stats.buckets = preset.buckets;
  const collector = new RecordCollector({ mapper, stats, onBatch, onReject: options.onReject });
  for (const w of preset.warnings ?? []) options.onWarning?.(`preset ${preset.name}: ${w}`);

  const notRecords = preset.notRecords;
  const skipped = notRecords ? options.inputs.filter((path) => notRecords.path.test(path)) : [];
  if (notRecords && skipped.length > 0) options.onWarning?.(`preset ${preset.name}: skipped ${skipped.length} input${skipped.length === 1 ? '' : 's'} holding ${notRecords.what}`);
  for (const path of options.inputs) {
    if (skipped.includes(path)) continue;
    const input = await openInput(path, {
      forced: options.inputFormat,
      stdin: options.stdin,
      onBytes: (n) => {
        stats.bytes += n;
      },
    });
    stats.files.push(input.name);
    collector.file = input.name;
    const progress = (): void => options.onProgress?.(stats);
    try {
      const sink = { stats, onReject: options.onReject, onProgress: progress, addHits: (hits: readonly number[]) => mapper.addHits(hits) };
      if (!(options.parallel && (await readInParallel(options.parallel, input, preset, sink)))) {
        // Earlier inputs' results first, so that rejections stay in input order.
        await options.parallel?.drain();
        await readInput(input, collector, preset, maxLineBytes, progress);
      }
    } catch (err) {
      if (err instanceof InputError || err instanceof UsageError) throw err;
      throw new InputError(`${input.name}: cannot read ${input.format} input: ${(err as Error).message}`);
    }
    progress();
  }
  await options.parallel?.drain();
  collector.flush();

  for (const m of mapper.unresolved()) {
    if (stats.seen > 0) options.onWarning?.(`--map ${m.field}=${m.path}: path never matched any record`);
  }
  if (preset.missingIdentityHint && stats.withIdentity === 0 && stats.rejected > 0) {
    throw new UsageError(preset.missingIdentityHint);
  }
  checkRejected(stats, options.maxRejected ?? DEFAULT_MAX_REJECTED, '; --errors FILE lists them');
  return stats;
}

/**
 * Stop (InputError) when more than `maxRejected` of the records seen were rejected (--max-rejected).
 * `seen`: what the share is of, when it is not the records (a feature table's rows).
 */
export function checkRejected(stats: IngestStats, maxRejected: number, hint = '', seen = stats.seen): void {
  if (seen > 0 && stats.rejected / seen > maxRejected) {
    const pct = ((100 * stats.rejected) / seen).toFixed(1);
    throw new InputError(`${stats.rejected} of ${seen} records rejected (${pct}% > --max-rejected ${maxRejected}): ${topReasons(stats.rejectedByReason)}${hint}`);
  }
}
