/**
 * Line-delimited JSON, CSV and Arrow files on every core. The main thread reads (and gunzips) the input and
 * cuts it into segments of whole lines (line-segmenter.ts) or runs of CSV records, or hands out an Arrow
 * file's record batches by index; worker threads parse, validate and fold them into account states; at the
 * end their states are merged (every per-account statistic is order-independent, see features/sketch.ts),
 * so the result equals a single-threaded run. A JSONL segment (in shared memory), CSV run or Arrow batch
 * goes to every worker, each reading the lines or rows of its own accounts (account-router.ts), so that
 * each account's state lives in one worker. Results come back per segment (per worker's share of it) and
 * are applied in input order, so line numbers, rejections and progress are exactly a single thread's.
 */
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { AccountState } from '../features/account-state.js';
import type { FeatureExtractor } from '../features/extract.js';
import { type Wire, WireReader } from '../features/wire.js';
import type { ParallelReader, ResultSink } from '../ingest/ingest.js';
import { InputError } from '../errors.js';
import { openArrowFile } from '../ingest/arrow.js';
import { workerHeapMb } from '../heap.js';
import { LineSegmenter, type SegmentItem } from './line-segmenter.js';
import { CsvRecordSplitter, headerNames, parseRecord } from '../ingest/csv.js';
import { type CsvSegment, SegmentProcessor, type SegmentConfig, type SegmentResult } from './segment-processor.js';
import type { ArrowBatchRef, ToWorker } from './worker.js';

/** JSONL segment size: large enough that messaging costs nothing, small enough to keep every worker busy. */
export const SEGMENT_BYTES = 4 << 20;
/**
 * CSV runs are smaller: they travel as strings, each worker gets its own copy of a run whole, and runs of
 * 4 MiB lived long enough to be copied into the workers' old generation (1 MiB: paired runs on the 1M-row
 * CSV 0.94 wall, peak 539 → 366 MiB; 256 KiB was slower, 1.08).
 */
export const CSV_SEGMENT_BYTES = 1 << 20;
/** Segments queued per worker: enough to hide the messaging round trip, few enough to bound memory. */
const IN_FLIGHT = 3;

type StatesMessage = { states: Wire; count: number; done: boolean };
type StraysMessage = { strays: string[] };
type Reply = StatesMessage | StraysMessage | { settled: true };
/** A segment read or being read: its result is complete when no share of it is still out (`awaiting`). */
interface PendingSegment {
  result?: SegmentResult;
  awaiting: number;
  tooLong?: string;
  file: string;
  input: number;
  sink: ResultSink;
}
type FromWorker = { result: SegmentResult } | Reply | { error: string; input: boolean };

// From the compiled tree the worker is a sibling; from sources (tests) use the compiled copy.
const WORKER_URL = import.meta.url.endsWith('.ts') ? new URL('../../dist/parallel/worker.js', import.meta.url) : new URL('./worker.js', import.meta.url);

interface Slot {
  worker: Worker;
  inFlight: number;
  /** Waiting for this worker's answer to a request (collect): what to do with it, or with its failure. */
  awaiting?: { resolve: (message: Reply) => void; reject: (err: Error) => void };
}

export class ReaderWorkers implements ParallelReader {
  private slots: Slot[] = [];
  private local: SegmentProcessor | undefined;
  private nextSeq = 0;
  private applySeq = 0;
  private readonly pending = new Map<number, PendingSegment>();
  private lineBase = 0;
  /** Line numbers restart with each input (numbered, since one path may be given twice). */
  private inputs = 0;
  private currentInput = -1;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly threads: number,
    private readonly config: SegmentConfig,
    /** Both formats' segment size (tests); by default SEGMENT_BYTES and CSV_SEGMENT_BYTES. */
    private readonly segmentBytes?: number,
  ) {}

  /** Read one line-delimited JSON input to its end (results may still be in flight: see drain). */
  async read(bytes: AsyncIterable<Buffer>, file: string, sink: ResultSink): Promise<void> {
    const input = this.inputs++;
    const items: SegmentItem[] = [];
    const segmenter = new LineSegmenter(this.segmentBytes ?? SEGMENT_BYTES, this.config.maxLineBytes, (item) => items.push(item));
    for await (const chunk of bytes) {
      segmenter.push(chunk);
      for (const item of items.splice(0)) await this.dispatch(item, file, input, sink, false);
      sink.onProgress?.();
    }
    segmenter.end();
    // A small input (one segment) is read here: starting threads would cost more than it saves.
    const small = this.slots.length === 0 && this.nextSeq === 0 && items.length <= 1;
    for (const item of items.splice(0)) await this.dispatch(item, file, input, sink, small);
    this.check();
  }

  /**
   * Read one CSV input to its end. The main thread cuts records (the quote-aware splitter must see every
   * byte in order) and sends runs of record texts; workers parse cells, validate and fold. Line numbers are
   * the splitter's own, so they need no fixing up.
   */
  async readCsv(bytes: AsyncIterable<Buffer>, file: string, sink: ResultSink): Promise<void> {
    const input = this.inputs++;
    const ready: CsvSegment[] = [];
    let header: string[] | undefined;
    let current: CsvSegment = { texts: [], lines: [], tooLong: [] };
    let size = 0;
    const segmentBytes = this.segmentBytes ?? CSV_SEGMENT_BYTES;
    const cut = (): void => {
      ready.push(current);
      current = { header, texts: [], lines: [], tooLong: [] };
      size = 0;
    };
    const splitter = new CsvRecordSplitter(this.config.maxLineBytes, {
      record(text, line) {
        // The segment after the header record carries it; the worker of the first finds it as one thread would.
        if (!header && text.length > 0) {
          const cells = parseRecord(text);
          if (cells) header = headerNames(cells);
        }
        current.texts.push(text);
        current.lines.push(line);
        size += text.length;
        if (size >= segmentBytes) cut();
      },
      tooLong(head, line) {
        current.tooLong.push(current.texts.length);
        current.texts.push(head);
        current.lines.push(line);
      },
    });
    const send = async (small: boolean): Promise<void> => {
      for (const csv of ready.splice(0)) await this.dispatch({ csv }, file, input, sink, small);
    };
    for await (const chunk of bytes) {
      splitter.push(chunk);
      await send(false);
      sink.onProgress?.();
    }
    splitter.end();
    if (current.texts.length > 0) cut();
    // A small input (one segment) is read here: starting threads would cost more than it saves.
    await send(this.slots.length === 0 && this.nextSeq === 0 && ready.length <= 1);
    this.check();
  }

  /**
   * Read one Arrow IPC file on disk: every worker reads each record batch straight from the file (the footer
   * indexes them), so nothing is copied between threads, and folds the rows of its own accounts. Returns
   * false, having read nothing, for a stream-format file or one of a single batch, which the caller reads
   * on this thread.
   */
  async readArrow(path: string, file: string, sink: ResultSink): Promise<boolean> {
    const handle = await open(path, 'r');
    let batches: number;
    try {
      batches = (await openArrowFile(handle)).batches;
    } finally {
      await handle.close();
    }
    if (batches < 2) return false;
    const input = this.inputs++;
    for (let index = 0; index < batches; index++) {
      await this.dispatch({ arrow: { path, index } }, file, input, sink, false);
      sink.onProgress?.();
    }
    this.check();
    return true;
  }

  private async dispatch(item: SegmentItem | { csv: CsvSegment } | { arrow: ArrowBatchRef }, file: string, input: number, sink: ResultSink, inProcess: boolean): Promise<void> {
    const seq = this.nextSeq++;
    if ('tooLong' in item) {
      this.pending.set(seq, { tooLong: item.tooLong, awaiting: 0, file, input, sink });
      this.applyReady();
      return;
    }
    if (inProcess && !('arrow' in item)) {
      this.local ??= new SegmentProcessor(this.config);
      const result = 'csv' in item ? this.local.processCsv(seq, item.csv, file) : this.local.process(seq, item.bytes, file);
      this.pending.set(seq, { result, awaiting: 0, file, input, sink });
      this.applyReady();
      return;
    }
    if (this.slots.length === 0) this.start();
    // Every worker reads its accounts' lines or rows of it (JSONL bytes from the one shared copy; an Arrow
    // batch each from the file itself).
    while (this.slots.some((s) => s.inFlight >= IN_FLIGHT)) await this.idle();
    this.pending.set(seq, { awaiting: this.slots.length, file, input, sink });
    this.slots.forEach((slot, index) => {
      const share = { index, of: this.slots.length };
      slot.inFlight++;
      slot.worker.postMessage(
        ('csv' in item ? { seq, csv: item.csv, file, share } : 'arrow' in item ? { seq, arrow: item.arrow, file, share } : { seq, bytes: item.bytes, file, share }) satisfies ToWorker,
      );
    });
  }

  /** Wait for the next message from a worker (having checked that none has failed). */
  private async idle(): Promise<void> {
    this.check();
    await new Promise<void>((resolve) => (this.wake = resolve));
  }

  private start(): void {
    for (let i = 0; i < this.threads; i++) {
      const worker = new Worker(WORKER_URL, { workerData: this.config, resourceLimits: { maxOldGenerationSizeMb: workerHeapMb(this.threads) } });
      const slot: Slot = { worker, inFlight: 0 };
      worker.on('message', (message: FromWorker) => {
        if ('error' in message) this.fail(message.input ? new InputError(message.error) : new Error(`worker thread: ${message.error}`));
        else if ('result' in message) {
          slot.inFlight--;
          const entry = this.pending.get(message.result.seq);
          if (entry) {
            entry.result = entry.result ? combined(entry.result, message.result) : message.result;
            entry.awaiting--;
          }
          this.applyReady();
        } else slot.awaiting?.resolve(message);
        this.wake?.();
      });
      worker.on('error', (err: NodeJS.ErrnoException) =>
        this.fail(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new InputError('memory exhausted in a worker thread: use --workers 1 (all states in one heap, the largest), --max-accounts, or split the dump by account')
            : err,
        ),
      );
      this.slots.push(slot);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wake?.();
    for (const slot of this.slots) slot.awaiting?.reject(this.failure);
  }

  /** Post a request to a worker and wait for its answer. */
  private ask(slot: Slot, message: ToWorker): Promise<Reply> {
    this.check();
    return new Promise<Reply>((resolve, reject) => {
      slot.awaiting = { resolve, reject };
      slot.worker.postMessage(message);
    }).finally(() => (slot.awaiting = undefined));
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  /** Apply finished segments in sequence order: line numbers, counts, rejections. */
  private applyReady(): void {
    for (;;) {
      const entry = this.pending.get(this.applySeq);
      if (!entry || entry.awaiting > 0 || (entry.result === undefined && entry.tooLong === undefined)) return;
      this.pending.delete(this.applySeq++);
      if (entry.input !== this.currentInput) {
        this.currentInput = entry.input;
        this.lineBase = 0;
      }
      const { stats, onReject } = entry.sink;
      if (entry.tooLong !== undefined) {
        this.lineBase++;
        stats.reject('line_too_long');
        onReject?.({ file: entry.file, line: this.lineBase, reason: 'line_too_long', text: entry.tooLong });
        continue;
      }
      const r = entry.result!;
      stats.records += r.counts.records;
      stats.rejected += r.counts.rejected;
      stats.filtered += r.counts.filtered;
      stats.withIdentity += r.counts.withIdentity;
      for (const [k, v] of r.counts.rejectedByReason) stats.rejectedByReason.set(k, (stats.rejectedByReason.get(k) ?? 0) + v);
      for (const [k, v] of r.counts.filteredByReason) stats.filteredByReason.set(k, (stats.filteredByReason.get(k) ?? 0) + v);
      for (const rejection of r.rejections) onReject?.({ ...rejection, line: rejection.line + this.lineBase });
      entry.sink.addHits(r.hits);
      this.lineBase += r.lines;
    }
  }

  /** Wait until every segment read so far is applied. */
  async drain(): Promise<void> {
    while (this.applySeq < this.nextSeq) await this.idle();
    this.check();
  }

  /**
   * Merge every worker's account states into `features`, then stop the workers. Call after drain. First all
   * workers settle their states in place (AccountState.settle: a quarter of a state is only needed while
   * reading), except for accounts that may have a state elsewhere too, which the merge needs whole: an
   * account two workers hold is one whose lines did not all go to its owner, so the worker holding it as a
   * stray names it first.
   */
  async collect(features: FeatureExtractor): Promise<void> {
    if (this.local) mergeInto(features, this.local.finish().features.accounts);
    // Accounts already read on this thread (small inputs, Arrow streams) are merged with the workers' whole.
    const keep = new Set(features.accounts.keys());
    const of = this.slots.length;
    const strays = await Promise.all(this.slots.map((slot, index) => this.ask(slot, { finish: true, share: { index, of } })));
    for (const reply of strays) for (const id of (reply as StraysMessage).strays) keep.add(id);
    const settle: ToWorker = { settle: true, keep: [...keep] };
    await Promise.all(this.slots.map((slot) => this.ask(slot, settle)));
    // One worker at a time: handing over from all at once was no faster and peaked higher (each worker's
    // heap still full while the main thread's copy grows).
    for (const slot of this.slots) {
      for (;;) {
        const message = (await this.ask(slot, { more: true })) as StatesMessage;
        mergeInto(features, readStates(message));
        features.checkLimits();
        if (message.done) break;
      }
      await slot.worker.terminate();
    }
    this.slots = [];
  }

  /** Stop the workers without collecting (on failure). */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}

/** Two workers' results for their shares of one segment, as one result (both count every line of it). */
function combined(a: SegmentResult, b: SegmentResult): SegmentResult {
  return {
    seq: a.seq,
    lines: a.lines,
    counts: {
      records: a.counts.records + b.counts.records,
      rejected: a.counts.rejected + b.counts.rejected,
      filtered: a.counts.filtered + b.counts.filtered,
      withIdentity: a.counts.withIdentity + b.counts.withIdentity,
      rejectedByReason: [...a.counts.rejectedByReason, ...b.counts.rejectedByReason],
      filteredByReason: [...a.counts.filteredByReason, ...b.counts.filteredByReason],
    },
    rejections: [...a.rejections, ...b.rejections].sort((x, y) => x.line - y.line || (x.index ?? 0) - (y.index ?? 0)),
    hits: a.hits.map((n, i) => n + b.hits[i]),
  };
}

/** The states of a chunk a worker sent (wire.ts). */
function readStates(message: StatesMessage): [string, AccountState][] {
  const r = new WireReader(message.states);
  const states: [string, AccountState][] = [];
  for (let i = 0; i < message.count; i++) states.push([r.str() as string, AccountState.readFrom(r)]);
  if (!r.done) throw new Error('a chunk of account states was not read to its end');
  return states;
}

function mergeInto(features: FeatureExtractor, states: Iterable<[string, AccountState]>): void {
  for (const [id, state] of states) {
    const mine = features.accounts.get(id);
    if (mine) mine.merge(state);
    else features.accounts.set(id, state);
  }
}
