/** Drive one opened input through the reader for its format into a RowSink. */
import { open } from 'node:fs/promises';
import { readArrow } from './arrow.js';
import type { RowSink } from './collector.js';
import { readCsv } from './csv.js';
import { jsonReader, wantsDocuments } from './jsonl.js';
import type { Preset } from './presets/index.js';
import type { OpenedInput } from './source.js';

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
    case 'arrow': {
      if (!input.file) return readArrow(input.bytes, sink, onChunk);
      input.close();
      const handle = await open(input.file, 'r');
      try {
        return await readArrow(handle, sink, onChunk);
      } finally {
        await handle.close();
      }
    }
  }
}
