/** The executable entry (bin/distill-forensics): the CLI with process-level handling around it. */
import { installSignalHandlers, run } from './cli.js';

installSignalHandlers();
process.exitCode = await run(process.argv.slice(2));
