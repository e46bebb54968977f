/** A worker thread: runs segments through ingest + features (segment-processor.ts) until told to finish. */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError, UsageError } from '../errors.js';
import type { AccountState } from '../features/account-state.js';
import { type CsvSegment, SegmentProcessor, type SegmentConfig } from './segment-processor.js';

export type ToWorker = { seq: number; bytes: Uint8Array; file: string } | { seq: number; csv: CsvSegment; file: string } | { finish: true };

const processor = new SegmentProcessor(workerData as SegmentConfig);
const STATES_PER_MESSAGE = 2000;
const port = parentPort!;

port.on('message', (message: ToWorker) => {
  try {
    if ('finish' in message) {
      // In chunks, each dropped here once sent: the states never exist twice in full, on either side.
      const accounts = processor.finish().features.accounts;
      let chunk: [string, AccountState][] = [];
      for (const entry of accounts) {
        chunk.push(entry);
        accounts.delete(entry[0]);
        if (chunk.length === STATES_PER_MESSAGE) {
          port.postMessage({ states: chunk, done: false });
          chunk = [];
        }
      }
      port.postMessage({ states: chunk, done: true });
      return;
    }
    const result = 'csv' in message ? processor.processCsv(message.seq, message.csv, message.file) : processor.process(message.seq, message.bytes, message.file);
    port.postMessage({ result });
  } catch (err) {
    // Input errors (--max-accounts, the memory guard) keep their message; anything else is a bug.
    port.postMessage({ error: (err as Error).message ?? String(err), input: err instanceof InputError || err instanceof UsageError });
  }
});
