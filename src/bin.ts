/** The executable entry (bin/distill-forensics): the CLI with process-level handling around it. */
import { fileURLToPath } from 'node:url';
import { rerun, wantedSetup } from './heap.js';

const args = process.argv.slice(2);
const setup = wantedSetup(args);
if (setup !== undefined) {
  process.exitCode = await rerun(setup, fileURLToPath(import.meta.url), args);
} else {
  // Loaded only in the process that runs the command, not in one that re-runs itself.
  const { installSignalHandlers, run } = await import('./cli.js');
  installSignalHandlers();
  process.exitCode = await run(args);
}
