/** A worker thread: runs segments through ingest + features (segment-processor.ts) until told to finish. */
import { parentPort, workerData } from 'node:worker_threads';
import { SegmentProcessor, type SegmentConfig } from './segment-processor.js';

export type ToWorker = { seq: number; bytes: Uint8Array; file: string } | { finish: true };

const processor = new SegmentProcessor(workerData as SegmentConfig);
const port = parentPort!;

port.on('message', (message: ToWorker) => {
  try {
    if ('finish' in message) {
      port.postMessage({ states: [...processor.finish().features.accounts] });
      return;
    }
    port.postMessage({ result: processor.process(message.seq, message.bytes, message.file) });
  } catch (err) {
    port.postMessage({ error: (err as Error).message ?? String(err) });
  }
});
