/**
 * Memory grows with the number of accounts, and V8 caps each heap at about 4 GiB by default, whatever the
 * machine has. On a machine with more memory the executable runs itself again with a heap sized to it
 * (60% of RAM) for the commands that read logs, unless the user chose a size (--max-old-space-size in
 * NODE_OPTIONS or on the command line).
 */
import { spawn } from 'node:child_process';
import { constants, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

const MIB = 2 ** 20;
const CHILD_MARK = 'DISTILL_FORENSICS_HEAP_SIZED';

/** Commands whose memory grows with the dump; the others run with the default heap in this process. */
const LOG_READING_COMMANDS = new Set(['scan', 'features']);

/** The heap `args` (the command line) should have, in MiB; undefined when the default is as large or the user chose. */
export function wantedHeapMb(args: readonly string[]): number | undefined {
  if (process.env[CHILD_MARK] || !LOG_READING_COMMANDS.has(args[0])) return undefined;
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('max-old-space-size'));
  if (chosen) return undefined;
  const wanted = Math.floor((0.6 * totalmem()) / MIB);
  return wanted > (getHeapStatistics().heap_size_limit / MIB) * 1.25 ? wanted : undefined;
}

/**
 * Run `script` again in a child node with a heap of `mb` MiB, passing stdio, signals and the exit status
 * through. Resolves to the child's exit code (128 + signal number when a signal ended it).
 */
export function rerunWithHeap(mb: number, script: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${mb}`, script, ...args], {
      stdio: 'inherit',
      env: { ...process.env, [CHILD_MARK]: '1' },
    });
    // Ctrl-C reaches the whole process group; a kill aimed at this process only is passed on.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 9)));
  });
}

/**
 * The heap limit of each of `threads` worker threads: together with this thread's copy of the merged
 * states they share 60% of RAM, so the guard in each (features/extract.ts) speaks before the machine runs
 * out. A dump with more accounts than that allows runs with --workers 1, which has this thread's heap.
 */
export function workerHeapMb(threads: number): number {
  return Math.max(512, Math.floor((0.6 * totalmem()) / MIB / (threads + 1)));
}
