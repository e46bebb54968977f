/** A worker thread: runs segments through ingest + features (segment-processor.ts) until told to finish. */
import { type FileHandle, open } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { InputError, UsageError } from '../errors.js';
import type { AccountState } from '../features/account-state.js';
import { WireWriter } from '../features/wire.js';
import { openArrowFile } from '../ingest/arrow.js';
import { accountOwner } from './account-router.js';
import { type CsvSegment, SegmentProcessor, type SegmentConfig, type SegmentShare } from './segment-processor.js';

/** An Arrow file's record batch by index: the worker reads it from the file itself (random access via the footer). */
export interface ArrowBatchRef {
  path: string;
  index: number;
}

export type ToWorker =
  | { seq: number; bytes: Uint8Array; file: string; share: SegmentShare }
  | { seq: number; csv: CsvSegment; file: string; share: SegmentShare }
  | { seq: number; arrow: ArrowBatchRef; file: string; share: SegmentShare }
  /** Reading is over: name the strays, the accounts held here that `share.index` does not own. */
  | { finish: true; share: SegmentShare }
  /** Settle every state held here but those of `keep` (accounts another worker may hold too). */
  | { settle: true; keep: string[] }
  /** Send the next chunk of states (the main thread has merged the last). */
  | { more: true };

const processor = new SegmentProcessor(workerData as SegmentConfig);
const STATES_PER_MESSAGE = 2000;
const port = parentPort!;

type ArrowFile = Awaited<ReturnType<typeof openArrowFile>>;

/** Arrow files this worker has open, by path: each is read for many batches, and closed at finish. */
const arrowFiles = new Map<string, { handle: Promise<FileHandle>; file: Promise<ArrowFile> }>();

function arrowFile(path: string): Promise<ArrowFile> {
  let opened = arrowFiles.get(path);
  if (!opened) {
    const handle = open(path, 'r');
    arrowFiles.set(path, (opened = { handle, file: handle.then(openArrowFile) }));
  }
  return opened.file;
}

async function closeArrowFiles(): Promise<void> {
  const handles = await Promise.allSettled([...arrowFiles.values()].map((f) => f.handle));
  arrowFiles.clear();
  await Promise.all(handles.map((h) => (h.status === 'fulfilled' ? h.value.close() : undefined)));
}

let unsent: Iterator<[string, AccountState]> | undefined;
/** Bytes of states sent since the last collection (as written on the wire, about what they held here). */
let sentSinceCollection = 0;
// About two chunks of busy states (~4 KB each on the wire, ~11 KB in memory): at full scale the dead states
// of 64 MiB sent (~8 chunks) lifted the peak by 190 MB; collecting after every chunk cost seconds at 100k
// light accounts.
const COLLECT_AFTER_BYTES = 16 * 2 ** 20;

// A full collection on demand during the hand-over, so that the memory of states settled or already sent
// goes back to the system while the main thread's copy grows, rather than at V8's next major collection
// (the same switch Jest uses for --logHeapUsage).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Accounts held here that are not this worker's own: their lines came by fallback or by another key. */
function sendStrays(share: SegmentShare): void {
  const strays: string[] = [];
  for (const id of processor.finish().features.accounts.keys()) if (accountOwner(id, share.of) !== share.index) strays.push(id);
  port.postMessage({ strays });
}

/**
 * Settle the states no other worker may hold, all at once: every worker shrinks before the main thread
 * starts gathering, rather than each only as it hands over.
 */
function settleStates(keep: string[]): void {
  const kept = new Set(keep);
  for (const [id, state] of processor.finish().features.accounts) if (!kept.has(id)) state.settle();
  collectGarbage();
  port.postMessage({ settled: true });
}

/** The last chunk's size, for the next writer's first buffers. */
let lastCounts = { numbers: 4096, bytes: 4096 };

/**
 * The next chunk of account states, each dropped here once sent. One chunk is in flight at a time (the main
 * thread asks for the next once it has merged this one), so the states never exist twice in full: writing
 * the next chunk while the main thread read the last was 0.95× the wall time on 100,000 light accounts, but
 * at full scale it held a chunk more in each worker, and the peak there is within a few percent of 1.5 GB.
 * Memory is collected after every 16 MiB of states sent: each full collection walks every state still held,
 * so one per chunk cost seconds on a dump of a hundred thousand light accounts.
 */
function sendStates(): void {
  const accounts = processor.finish().features.accounts;
  unsent ??= accounts.entries();
  if (sentSinceCollection >= COLLECT_AFTER_BYTES) {
    collectGarbage();
    sentSinceCollection = 0;
  }
  // A quarter more than the last chunk took: chunks of like states then never grow (and double) their buffers.
  const wire = new WireWriter(lastCounts.numbers * 1.25, lastCounts.bytes * 1.25);
  let count = 0;
  for (let next = unsent.next(); !next.done; next = unsent.next()) {
    const [id, state] = next.value;
    wire.str(id);
    state.writeTo(wire);
    accounts.delete(id);
    if (++count === STATES_PER_MESSAGE) break;
  }
  sentSinceCollection += wire.size;
  lastCounts = wire.counts;
  const states = wire.finish();
  port.postMessage({ states, count, done: accounts.size === 0 }, [states.numbers.buffer, states.bytes.buffer]);
}

function fail(err: unknown): void {
  // Input errors (--max-accounts, the memory guard, a damaged file) keep their message; anything else is a bug.
  port.postMessage({ error: (err as Error).message ?? String(err), input: err instanceof InputError || err instanceof UsageError });
}

port.on('message', (message: ToWorker) => {
  if ('arrow' in message) {
    // Reading is asynchronous, processing is not: each batch is counted whole, whatever the interleaving.
    arrowFile(message.arrow.path)
      .then((f) => f.read(message.arrow.index))
      .then(
        (batch) => port.postMessage({ result: processor.processArrow(message.seq, batch, message.file, message.share) }),
        (err: unknown) => {
          throw err instanceof InputError ? err : new InputError(`${message.file}: cannot read arrow input: ${(err as Error).message}`);
        },
      )
      .catch(fail);
    return;
  }
  try {
    if ('finish' in message) {
      closeArrowFiles().then(() => sendStrays(message.share)).catch(fail);
      return;
    }
    if ('settle' in message) {
      settleStates(message.keep);
      return;
    }
    if ('more' in message) {
      sendStates();
      return;
    }
    const result = 'csv' in message ? processor.processCsv(message.seq, message.csv, message.file, message.share) : processor.process(message.seq, message.bytes, message.file, message.share);
    port.postMessage({ result });
  } catch (err) {
    fail(err);
  }
});
