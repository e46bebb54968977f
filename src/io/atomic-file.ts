/**
 * Output files are written to a temporary name beside the target and renamed into place only when
 * complete, so a reader never sees a half-written file and a failed or interrupted run leaves none.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync, unlinkSync, type WriteStream } from 'node:fs';
import { realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { fileErrorWords, InputError } from '../errors.js';
import { SLICE_CHARS, textSlices } from './text-slices.js';

const pending = new Set<string>();
const pendingDirs = new Set<string>();

/** Register a scratch directory of the run's own, removed with its contents if the process is interrupted; the returned function forgets it. */
export function trackScratchDir(path: string): () => void {
  pendingDirs.add(path);
  return () => pendingDirs.delete(path);
}

/** Remove temporary files of writes still in progress and scratch directories (called on SIGINT/SIGTERM). */
export function removePendingFiles(): void {
  for (const tmp of pending) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
  pending.clear();
  for (const dir of pendingDirs) rmSync(dir, { recursive: true, force: true });
  pendingDirs.clear();
}

export type Write = (chunk: string | Uint8Array) => Promise<void>;

function describe(path: string, err: unknown): string {
  return `cannot write ${path}: ${fileErrorWords(err, 'directory does not exist')}`;
}

/**
 * Where writing `path` goes: through a symlink to the file it names (the link stays a link), and straight
 * into anything that is not a regular file or a directory — `/dev/stdout`, `/dev/null`, a FIFO — which a
 * rename would replace by a plain file (`--out /dev/null` run as root would have destroyed /dev/null).
 */
async function destination(path: string): Promise<{ target: string; direct: boolean }> {
  // A path that does not exist yet (or a link to nowhere) is written as named.
  const target = await realpath(path).catch(() => path);
  const stats = await stat(target).catch(() => undefined);
  return { target, direct: stats !== undefined && !stats.isFile() && !stats.isDirectory() };
}

/**
 * A file being written under a temporary name; `commit` renames it into place, `abort` removes it. A
 * device or FIFO (destination()) is written directly: there is nothing to rename, nor to half-write.
 */
export class AtomicFile {
  /** The temporary name, or undefined when writing straight into a device or FIFO. */
  private readonly tmp: string | undefined;
  /** What `path` names: the file a symlink points to. */
  private readonly target: string;
  private readonly stream: WriteStream;
  private failure: unknown;

  private constructor(readonly path: string, target: string, direct: boolean) {
    this.tmp = direct ? undefined : join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    this.target = target;
    this.stream = createWriteStream(this.tmp ?? target, { flags: direct ? 'w' : 'wx' });
    if (this.tmp) pending.add(this.tmp);
    this.stream.on('error', (err) => {
      this.failure ??= err;
    });
  }

  static async open(path: string): Promise<AtomicFile> {
    const { target, direct } = await destination(path);
    const file = new AtomicFile(path, target, direct);
    await once(file.stream, 'open').catch(() => undefined);
    if (file.failure) {
      await file.abort();
      throw new InputError(describe(path, file.failure));
    }
    return file;
  }

  /** Write without waiting (for synchronous producers); errors surface at commit. */
  writeNow(chunk: string | Uint8Array): void {
    if (!this.failure) this.stream.write(chunk);
  }

  readonly write: Write = async (chunk) => {
    // A long string goes a slice at a time: written whole it would be encoded into one Buffer beside itself.
    for (const piece of typeof chunk === 'string' && chunk.length > SLICE_CHARS ? textSlices(chunk) : [chunk]) {
      if (this.failure) throw new InputError(describe(this.path, this.failure));
      if (!this.stream.write(piece)) await once(this.stream, 'drain').catch(() => undefined);
    }
    if (this.failure) throw new InputError(describe(this.path, this.failure));
  };

  async commit(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish').catch(() => undefined);
    if (this.failure) {
      const err = this.failure;
      await this.abort();
      throw new InputError(describe(this.path, err));
    }
    if (!this.tmp) return;
    try {
      await rename(this.tmp, this.target);
    } catch (err) {
      await this.abort();
      throw new InputError(describe(this.path, err));
    }
    pending.delete(this.tmp);
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    if (!this.tmp) return;
    await unlink(this.tmp).catch(() => undefined);
    pending.delete(this.tmp);
  }
}

export async function writeFileAtomic(path: string, produce: (write: Write) => Promise<void>): Promise<void> {
  const file = await AtomicFile.open(path);
  try {
    await produce(file.write);
  } catch (err) {
    await file.abort();
    throw err;
  }
  await file.commit();
}
