/**
 * Ingest + features for slices of the input ("segments": whole JSONL lines, runs of CSV records already
 * cut by the main thread, or Arrow record batches), as a worker thread runs them. Each segment reports its
 * line count, rejections and counts, so that the main thread can number lines and apply results in input
 * order; the account states stay here until `finish`, when they are handed over to be merged.
 */
import { FeatureExtractor } from '../features/extract.js';
import { IngestStats, RecordCollector, type Rejection } from '../ingest/collector.js';
import type { RecordBatch } from 'apache-arrow';
import { readArrowBatch } from '../ingest/arrow.js';
import { CsvRows } from '../ingest/csv.js';
import { jsonReader } from '../ingest/jsonl.js';
import { buildMapper, parseMapping, type TrackedMapper } from '../ingest/map.js';
import { getPreset, type Preset } from '../ingest/presets/index.js';
import { accountOwner, AccountRouter, csvRecordOwner } from './account-router.js';

export interface SegmentConfig {
  preset: string;
  maps: string[];
  maxLineBytes: number;
  /** Keep rejected lines' text (for --errors). */
  keepRejections: boolean;
  /** --max-accounts (checked here too: a worker sees at most all of them). */
  maxAccounts?: number;
}

export interface SegmentCounts {
  records: number;
  rejected: number;
  filtered: number;
  withIdentity: number;
  rejectedByReason: [string, number][];
  filteredByReason: [string, number][];
}

/** A run of CSV records cut by the main thread (pool.ts), with the header known before them. */
export interface CsvSegment {
  header?: string[];
  texts: string[];
  lines: number[];
  tooLong: number[];
}

/** A segment that every worker sees: this worker (`index` of `of`) reads the lines of its accounts. */
export interface SegmentShare {
  index: number;
  of: number;
}

export interface SegmentResult {
  seq: number;
  lines: number;
  counts: SegmentCounts;
  rejections: Rejection[];
  /** `--map` matches in this segment, per mapping. */
  hits: number[];
}

function delta(after: Map<string, number>, before: Map<string, number>): [string, number][] {
  const out: [string, number][] = [];
  for (const [k, v] of after) if (v !== (before.get(k) ?? 0)) out.push([k, v - (before.get(k) ?? 0)]);
  return out;
}

/**
 * The worker that reads the lines or rows of a segment that carry no account it can route by: one per
 * segment, in turn across segments, so such input is shared out too.
 */
function fallbackWorker(seq: number, share: SegmentShare): number {
  return seq % share.of;
}

export class SegmentProcessor {
  readonly features: FeatureExtractor;
  private readonly stats = new IngestStats();
  private readonly mapper: TrackedMapper;
  private readonly preset: Preset;
  private readonly collector: RecordCollector;
  private rejections: Rejection[] = [];

  constructor(private readonly config: SegmentConfig) {
    this.features = new FeatureExtractor(config.maxAccounts, true);
    this.preset = getPreset(config.preset);
    this.mapper = buildMapper(this.preset, config.maps.map(parseMapping));
    this.collector = new RecordCollector({
      mapper: this.mapper,
      stats: this.stats,
      onBatch: (batch) => this.features.add(batch),
      onReject: config.keepRejections ? (r) => this.rejections.push(r) : undefined,
    });
  }

  /**
   * Whole JSONL lines; rejection line numbers are relative to the segment. With `share`, only the lines of
   * this worker's accounts (account-router.ts); lines without an account go to the fallbackWorker.
   */
  process(seq: number, bytes: Uint8Array, file: string, share?: SegmentShare): SegmentResult {
    return this.counted(seq, file, () => {
      const router = share && new AccountRouter(share.of, fallbackWorker(seq, share));
      const owns = router && ((chunk: Buffer, start: number, end: number) => router.owner(chunk, start, end) === share.index);
      // Segments come without a BOM (line-segmenter.ts): one inside a line is data.
      const reader = jsonReader(this.collector, this.preset, this.config.maxLineBytes, false, false, owns);
      reader.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      reader.end();
      return reader.lines;
    });
  }

  /**
   * CSV records already cut by the main thread, with their own (absolute) line numbers; `tooLong` lists the
   * entries that are the heads of over-long records. Without `header` the first record that parses is it.
   * With `share`, only the records of this worker's accounts (by the account_id cell); records before the
   * header, and records of a file without that column, go to the fallbackWorker.
   */
  processCsv(seq: number, records: CsvSegment, file: string, share?: SegmentShare): SegmentResult {
    return this.counted(seq, file, () => {
      const rows = new CsvRows(this.collector, records.header);
      const tooLong = new Set(records.tooLong);
      const mine = share?.index ?? 0;
      const fallback = share ? fallbackWorker(seq, share) : 0;
      let column = -1;
      let columnOf: string[] | undefined;
      const owner = (text: string): number => {
        if (!share || !rows.header) return fallback;
        if (columnOf !== rows.header) column = (columnOf = rows.header).indexOf('account_id');
        return column >= 0 ? csvRecordOwner(text, column, share.of, fallback) : fallback;
      };
      records.texts.forEach((text, i) => {
        if (tooLong.has(i)) {
          if (fallback === mine) rows.tooLong(text, records.lines[i]);
        } else if (owner(text) === mine) {
          rows.record(text, records.lines[i]);
        } else {
          rows.skip(text);
        }
      });
      return 0;
    });
  }

  /**
   * One Arrow record batch; rejection line numbers are relative to the batch. With `share`, only the rows of
   * this worker's accounts (by the account_id cell); rows without a usable one go to the fallbackWorker.
   */
  processArrow(seq: number, batch: RecordBatch, file: string, share?: SegmentShare): SegmentResult {
    const owns = share && ((cell: unknown): boolean => {
      const id = typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'bigint' ? String(cell) : '';
      return (id === '' ? fallbackWorker(seq, share) : accountOwner(id, share.of)) === share.index;
    });
    return this.counted(seq, file, () => readArrowBatch(batch, this.collector, 1, owns));
  }

  /** Run `read` (which returns the lines it consumed) and report what it added to the counts. */
  private counted(seq: number, file: string, read: () => number): SegmentResult {
    const s = this.stats;
    const before = { records: s.records, rejected: s.rejected, filtered: s.filtered, withIdentity: s.withIdentity };
    const rejectedBefore = new Map(s.rejectedByReason);
    const filteredBefore = new Map(s.filteredByReason);
    const hitsBefore = this.mapper.hits();
    this.collector.file = file;
    this.rejections = [];
    const lines = read();
    return {
      seq,
      lines,
      counts: {
        records: s.records - before.records,
        rejected: s.rejected - before.rejected,
        filtered: s.filtered - before.filtered,
        withIdentity: s.withIdentity - before.withIdentity,
        rejectedByReason: delta(s.rejectedByReason, rejectedBefore),
        filteredByReason: delta(s.filteredByReason, filteredBefore),
      },
      rejections: this.rejections,
      hits: this.mapper.hits().map((n, i) => n - hitsBefore[i]),
    };
  }

  /** Everything read, as account states. */
  finish(): { features: FeatureExtractor } {
    this.collector.flush();
    return { features: this.features };
  }
}
