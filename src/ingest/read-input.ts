/** Drive one opened input through the reader for its format into a RowSink. */
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { trackScratchDir } from '../io/atomic-file.js';
import { readArrow } from './arrow.js';
import type { RowSink } from './collector.js';
import { readCsv } from './csv.js';
import { jsonReader, wantsDocuments } from './jsonl.js';
import { readParquet } from './parquet.js';
import type { Preset } from './presets/index.js';
import type { OpenedInput } from './source.js';

async function readArrowFile(path: string, sink: RowSink, onChunk?: () => void): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await readArrow(handle, sink, onChunk);
  } finally {
    await handle.close();
  }
}

export async function readInput(input: OpenedInput, sink: RowSink, preset: Preset, maxLineBytes: number, onChunk?: () => void): Promise<void> {
  switch (input.format) {
    case 'empty':
      for await (const _ of input.bytes) onChunk?.();
      return;
    case 'jsonl': {
      const reader = jsonReader(sink, preset, maxLineBytes, wantsDocuments(input.head.toString('utf8'), preset, input.name));
      for await (const chunk of input.bytes) {
        reader.push(chunk);
        onChunk?.();
      }
      reader.end();
      return;
    }
    case 'csv':
      return readCsv(input.bytes, sink, maxLineBytes, onChunk);
    case 'arrow':
      if (input.file) {
        input.close();
        return readArrowFile(input.file, sink, onChunk);
      }
      if (input.head.toString('latin1', 0, 6) !== 'ARROW1') return readArrow(input.bytes, sink, onChunk);
      return withSpooledFile(input.bytes, 'input.arrow', (path) => readArrowFile(path, sink, onChunk));
    case 'parquet':
      if (input.file) {
        input.close();
        return readParquet(input.file, sink, onChunk);
      }
      return withSpooledFile(input.bytes, 'input.parquet', (path) => readParquet(path, sink, onChunk));
  }
}

/**
 * A file format read from its footer (an Arrow IPC file, Parquet) that arrives gzipped or on stdin: spool
 * it to a scratch file, so that it, too, is read one batch or row group at a time instead of buffered whole.
 */
async function withSpooledFile(bytes: AsyncIterable<Buffer>, name: string, read: (path: string) => Promise<void>): Promise<void> {
  const scratch = join(await mkdtemp(join(tmpdir(), 'distill-forensics-')), name);
  const forget = trackScratchDir(dirname(scratch));
  try {
    await pipeline(Readable.from(bytes), createWriteStream(scratch));
    return await read(scratch);
  } finally {
    await rm(dirname(scratch), { recursive: true, force: true });
    forget();
  }
}
