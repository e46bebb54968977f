/** The executable entry (bin/distill-forensics): the CLI with process-level handling around it. */
import { fileURLToPath } from 'node:url';
import { installSignalHandlers, run } from './cli.js';
import { rerunWithHeap, wantedHeapMb } from './heap.js';

const heapMb = wantedHeapMb();
if (heapMb !== undefined) {
  process.exitCode = await rerunWithHeap(heapMb, fileURLToPath(import.meta.url), process.argv.slice(2));
} else {
  installSignalHandlers();
  process.exitCode = await run(process.argv.slice(2));
}
