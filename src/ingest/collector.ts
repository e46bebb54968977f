/**
 * Where every reader delivers: maps a source record through the preset, validates it, appends it to the
 * current batch, and counts every record as accepted, rejected (with a reason) or filtered. Nothing a
 * reader sees is dropped without a count.
 */
import type { Mapper } from './map.js';
import { isFiltered, type SourceRecord } from './presets/index.js';
import { RecordBatch } from './record.js';
import { appendValidated, type RejectReason } from './validate.js';
import { charBoundary } from '../io/text-slices.js';

export interface Rejection {
  file: string;
  line: number;
  /** Position of the record inside an exploded envelope (formats.md §9.4). */
  index?: number;
  reason: RejectReason;
  text: string;
}

export const REJECTION_TEXT_CHARS = 1000;


export class IngestStats {
  records = 0;
  rejected = 0;
  filtered = 0;
  bytes = 0;
  readonly rejectedByReason = new Map<string, number>();
  readonly filteredByReason = new Map<string, number>();
  readonly files: string[] = [];
  /** Records that carried an account id (before any other check): for the missing-identity usage error. */
  withIdentity = 0;
  /** The preset's records are usage buckets (Preset.buckets). */
  buckets: { requestCounts: boolean } | undefined = undefined;

  get seen(): number {
    return this.records + this.rejected;
  }

  /** Count one rejected record (or row) for `reason`. */
  reject(reason: string): void {
    this.rejected++;
    bump(this.rejectedByReason, reason);
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export interface CollectorOptions {
  mapper: Mapper;
  stats: IngestStats;
  onBatch(batch: RecordBatch): void;
  onReject?(rejection: Rejection): void;
  batchSize?: number;
}

/** What the format readers deliver to: source records with their location, and records they cannot parse. */
export interface RowSink {
  add(source: SourceRecord, line: number, text: () => string, index?: number): void;
  reject(reason: RejectReason, line: number, text: () => string, index?: number): void;
}

export class RecordCollector implements RowSink {
  private batch: RecordBatch;
  file = '';

  constructor(private readonly opts: CollectorOptions) {
    this.batch = new RecordBatch(opts.batchSize);
  }

  /** One source record read at `line` (1-based) of the current file. `text` is called only on rejection. */
  add(source: SourceRecord, line: number, text: () => string, index?: number): void {
    const mapped = this.opts.mapper(source);
    if (isFiltered(mapped)) {
      this.opts.stats.filtered++;
      bump(this.opts.stats.filteredByReason, mapped.filtered);
      return;
    }
    const reason = appendValidated(mapped, this.batch);
    if (reason !== 'missing_account_id') this.opts.stats.withIdentity++;
    if (reason !== null) {
      this.reject(reason, line, text, index);
      return;
    }
    this.opts.stats.records++;
    if (this.batch.full) this.flush();
  }

  reject(reason: RejectReason, line: number, text: () => string, index?: number): void {
    this.opts.stats.reject(reason);
    if (this.opts.onReject) {
      const t = text();
      const rejection: Rejection = { file: this.file, line, reason, text: t.length > REJECTION_TEXT_CHARS ? t.slice(0, charBoundary(t, REJECTION_TEXT_CHARS)) : t };
      if (index !== undefined) rejection.index = index;
      this.opts.onReject(rejection);
    }
  }

  flush(): void {
    if (this.batch.length === 0) return;
    this.opts.onBatch(this.batch);
    this.batch = new RecordBatch(this.opts.batchSize);
  }
}
