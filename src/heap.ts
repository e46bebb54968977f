/**
 * How the process that reads logs is set up. Memory grows with the number of accounts, and V8 caps each
 * heap at about 4 GiB by default, whatever the machine has; glibc's allocator, left to itself, keeps memory
 * the threads have freed. So for the commands that read logs the executable runs itself again with a heap
 * sized to the machine (60% of RAM) and, on Linux, a fixed mmap threshold for malloc — unless the user
 * chose either (--max-old-space-size in NODE_OPTIONS or on the command line; MALLOC_MMAP_THRESHOLD_).
 */
import { spawn } from 'node:child_process';
import { constants, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

const MIB = 2 ** 20;
const CHILD_MARK = 'DISTILL_FORENSICS_HEAP_SIZED';
/** Set by rerun() only: the process the re-run belongs to (stopWithParent). */
const PARENT_PID = 'DISTILL_FORENSICS_PARENT_PID';

/** Commands whose memory grows with the dump; the others run with the default heap in this process. */
const LOG_READING_COMMANDS = new Set(['scan', 'features']);

/**
 * glibc raises malloc's mmap threshold to the size of each large block freed (up to 32 MiB): after the
 * first 4 MiB input segment is freed, the next ones come from the threads' arenas, whose freed pages mostly
 * stay resident. Setting the threshold (to glibc's own initial 128 KiB) turns that adjustment off, so large
 * blocks go back to the system when freed: peak RSS 497 → 428 MiB on a 6.2M-row dump at the same speed.
 * Other C libraries ignore the variable.
 */
export const MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: String(128 * 1024) } as const;

export interface ProcessSetup {
  /** The heap to run with, in MiB (undefined: V8's default or the user's choice). */
  heapMb?: number;
  /** Environment variables to add (undefined: none wanted). */
  env?: Record<string, string>;
}

/** How the command `args` should be re-run; undefined when this process should run it as it is. */
export function wantedSetup(args: readonly string[], platform: NodeJS.Platform = process.platform): ProcessSetup | undefined {
  if (process.env[CHILD_MARK] || !LOG_READING_COMMANDS.has(args[0])) return undefined;
  const setup: ProcessSetup = {};
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('max-old-space-size'));
  const wanted = Math.floor((0.6 * totalmem()) / MIB);
  if (!chosen && wanted > (getHeapStatistics().heap_size_limit / MIB) * 1.25) setup.heapMb = wanted;
  if (platform === 'linux' && !Object.keys(MALLOC_ENV).some((name) => name in process.env)) setup.env = { ...MALLOC_ENV };
  return setup.heapMb === undefined && setup.env === undefined ? undefined : setup;
}

/**
 * Run `script` again in a child node set up as `setup` says, passing stdio, signals and the exit status
 * through. Resolves to the child's exit code (128 + signal number when a signal ended it).
 */
export function rerun(setup: ProcessSetup, script: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const heap = setup.heapMb === undefined ? [] : [`--max-old-space-size=${setup.heapMb}`];
    const child = spawn(process.execPath, [...process.execArgv, ...heap, script, ...args], {
      stdio: 'inherit',
      env: { ...process.env, ...setup.env, [CHILD_MARK]: '1', [PARENT_PID]: String(process.pid) },
    });
    // Ctrl-C reaches the whole process group; a kill aimed at this process only is passed on.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 9)));
  });
}

/**
 * In the process rerun() started: stop, after `cleanUp`, once the parent is gone. A parent killed by a
 * signal it cannot pass on (SIGKILL, the OOM killer) left this one running, to write its output a while
 * later (checked every `everyMs`, whenever this thread is not busy).
 */
export function stopWithParent(cleanUp: () => void, everyMs = 500): void {
  // The parent's pid as rerun() passed it: one that died before this line ran is already not our parent.
  const parent = Number(process.env[PARENT_PID]);
  if (!parent) return;
  const check = (): void => {
    if (process.ppid === parent) return;
    cleanUp();
    process.exit(128 + constants.signals.SIGKILL);
  };
  check();
  setInterval(check, everyMs).unref();
}

/**
 * The heap limit of each of `threads` worker threads: together with this thread's copy of the merged
 * states they share 60% of RAM, so the guard in each (features/extract.ts) speaks before the machine runs
 * out. A dump with more accounts than that allows runs with --workers 1, which has this thread's heap.
 */
export function workerHeapMb(threads: number): number {
  return Math.max(512, Math.floor((0.6 * totalmem()) / MIB / (threads + 1)));
}
