/**
 * Opens one input (a path or `-` for stdin) as a stream of bytes, peels off gzip (any number of layers
 * would be odd; one is what exports use), and peeks at the head for sniffing without consuming it.
 */
import { constants as fsConstants, createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { fileErrorWords, InputError } from '../errors.js';
import { formatFromName, type InputFormat, sniffFormat, unreadableReason } from './sniff.js';

const PEEK_BYTES = 64 * 1024;

export interface OpenedInput {
  name: string;
  format: InputFormat | 'empty';
  /** The first bytes (after decompression), for readers that decide on a mode from them. */
  head: Buffer;
  bytes: AsyncIterable<Buffer>;
  /** The path of an uncompressed regular file (not stdin), for readers that can use random access. */
  file?: string;
  /** Stop reading `bytes` (when a reader takes the file another way). */
  close(): void;
}

async function peek(source: AsyncIterable<Buffer>, n: number): Promise<{ head: Buffer; rest: AsyncIterable<Buffer> }> {
  const it = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    taken.push(chunk);
    size += chunk.length;
  }
  const head = Buffer.concat(taken);
  async function* rest(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    }
  }
  return { head: head.subarray(0, Math.min(head.length, n)), rest: rest() };
}

/**
 * When a gzip stream is treated as a decompression bomb: past `minBytes` of output, more than `maxRatio`
 * output bytes per input byte. Deflate tops out near 1032:1; real log exports (timestamps, ids, varied
 * text) compress 5–30:1, so 200:1 over a gigabyte is a bomb, not a log. Memory is bounded either way (the
 * stream is never held); this bounds the CPU a small file can cost.
 */
export const GZIP_BOMB = { minBytes: 2 ** 30, maxRatio: 200 };

/**
 * Decompressed bytes of `name`. zlib's failures ("unexpected end of file", "incorrect header check") become
 * one line naming the file, wherever in the stream they happen and whoever reads it. A truncated file is
 * an error, not a shorter dump: the report promises exact totals, and a cut export would under-count
 * silently (`gzip -dc FILE | distill-forensics scan -` keeps what can be read, if that is wanted).
 */
export async function* gunzip(source: AsyncIterable<Buffer>, name: string, bomb = GZIP_BOMB): AsyncGenerator<Buffer> {
  let compressed = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      compressed += chunk.length;
      yield chunk;
    }
  }
  const raw = Readable.from(counted());
  const z = createGunzip();
  raw.on('error', (err) => z.destroy(err));
  raw.pipe(z);
  let out = 0;
  try {
    for await (const chunk of z) {
      out += (chunk as Buffer).length;
      if (out > bomb.minBytes && out > bomb.maxRatio * compressed) {
        z.destroy();
        raw.destroy();
        throw new InputError(
          `${name}: decompresses more than ${bomb.maxRatio}:1 (${out} bytes from ${compressed}), which is a gzip bomb, not a log export; decompress it yourself to scan it anyway`,
        );
      }
      yield chunk as Buffer;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_')) throw new InputError(`${name}: truncated or corrupt gzip data (${(err as Error).message})`);
    throw err;
  }
}

async function openRaw(path: string, stdin: NodeJS.ReadableStream): Promise<AsyncIterable<Buffer>> {
  if (path === '-') return stdin as AsyncIterable<Buffer>;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new InputError(`${path}: is a directory, not a log file`);
    // stat() needs no read permission: ask now, or the stream fails later with a bare EACCES.
    await access(path, fsConstants.R_OK);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${path}: ${fileErrorWords(err)}`);
  }
  return createReadStream(path, { highWaterMark: 1 << 20 });
}

/**
 * Open `path`, counting raw bytes read into `onBytes` (for progress), decompressing gzip and sniffing the
 * format unless `forced`.
 */
export async function openInput(
  path: string,
  opts: { forced?: InputFormat; stdin?: NodeJS.ReadableStream; onBytes?: (n: number) => void } = {},
): Promise<OpenedInput> {
  const name = path === '-' ? '<stdin>' : path;
  const raw = await openRaw(path, opts.stdin ?? process.stdin);
  const close = (): void => {
    if (path !== '-') (raw as NodeJS.ReadableStream & { destroy(): void }).destroy();
  };
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of raw) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      opts.onBytes?.(b.length);
      yield b;
    }
  }
  let { head, rest } = await peek(counted(), PEEK_BYTES);
  let sniffed = sniffFormat(head);
  const compressed = sniffed === 'gzip';
  if (sniffed === 'gzip') {
    ({ head, rest } = await peek(gunzip(rest, name), PEEK_BYTES));
    sniffed = sniffFormat(head);
  }
  if (sniffed === 'gzip') throw new InputError(`${name}: gzip inside gzip is not supported; decompress once first`);
  const unreadable = unreadableReason(head);
  // Read as CSV, such a file would only be a column of garbage rejected row by row.
  if (unreadable && !opts.forced) throw new InputError(`${name}: ${unreadable}`);
  // Content decides; a `.jsonl` name keeps a file whose content is not JSON on the JSON path, so its lines
  // are reported as malformed JSON rather than parsed as a one-column CSV.
  const hinted = sniffed === 'csv' && formatFromName(name) === 'jsonl' ? 'jsonl' : sniffed;
  const format = opts.forced ?? hinted;
  return { name, format, head, bytes: rest, file: path !== '-' && !compressed ? path : undefined, close };
}
