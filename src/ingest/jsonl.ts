/**
 * JSON input: JSONL by default, or whole documents (pretty-printed / concatenated / arrays) for page-style
 * presets and inputs that open with a lone `{` or `[`. Each parsed value goes through the preset's explode.
 */
import type { RowSink } from './collector.js';
import { JsonDocumentSplitter } from './json-documents.js';
import { type LineFilter, LineSplitter } from './lines.js';
import type { Preset } from './presets/index.js';
import { isObject } from '../io/read-json.js';

export interface ByteSink {
  push(chunk: Buffer): void;
  end(): void;
}

/** What jsonReader returns for line-delimited input: also tells how many lines it has read. */
export interface LineByteSink extends ByteSink {
  readonly lines: number;
}

/** A value's JSON text for a rejection; a value nested too deeply to serialise is named instead. */
function jsonText(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return '(value nested too deeply to show)';
  }
}

function defaultExplode(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * Whole-document mode when the preset asks for it, or when the first non-blank line is not a JSON value
 * on its own but opens one (a pretty-printed page, an array of records) — unless the file is named as
 * line-delimited (.jsonl/.ndjson), where a broken first line is just a bad line and must not swallow the rest.
 */
export function wantsDocuments(head: string, preset: Preset, name = ''): boolean {
  if (preset.documents) return true;
  if (/\.(jsonl|ndjson)(\.gz)?$/i.test(name)) return false;
  const text = head.replace(/^\uFEFF/, '');
  const firstLine = text.split('\n').find((l) => l.trim().length > 0)?.trim() ?? '';
  if (firstLine[0] !== '[' && firstLine[0] !== '{') return false;
  try {
    JSON.parse(firstLine);
    return false;
  } catch {
    return true;
  }
}

export function jsonReader(collector: RowSink, preset: Preset, maxBytes: number, documents: true): ByteSink;
export function jsonReader(collector: RowSink, preset: Preset, maxBytes: number, documents: boolean, atFileStart?: boolean): ByteSink;
export function jsonReader(collector: RowSink, preset: Preset, maxBytes: number, documents: false, atFileStart?: boolean, owns?: LineFilter): LineByteSink;
export function jsonReader(collector: RowSink, preset: Preset, maxBytes: number, documents: boolean, atFileStart = true, owns?: LineFilter): ByteSink {
  const explode = preset.explode ?? defaultExplode;
  const handle = (text: string, line: number): void => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      collector.reject('malformed_json', line, () => text);
      return;
    }
    if (isObject(value) && !preset.explode) {
      collector.add(value, line, () => text);
      return;
    }
    let records: unknown[];
    try {
      records = explode(value);
    } catch {
      collector.reject('malformed_json', line, () => text);
      return;
    }
    if (records.length === 0 && !isObject(value) && !Array.isArray(value)) {
      collector.reject('not_an_object', line, () => text);
      return;
    }
    // A plain record (not an envelope) is named by its line alone.
    if (records.length === 1 && records[0] === value && isObject(value)) {
      collector.add(value, line, () => text);
      return;
    }
    records.forEach((r, index) => {
      if (isObject(r)) collector.add(r, line, () => jsonText(r), index);
      else collector.reject('not_an_object', line, () => jsonText(r), index);
    });
  };

  if (documents) {
    return new JsonDocumentSplitter(maxBytes, {
      document: handle,
      garbage: (text, line) => collector.reject('malformed_json', line, () => text),
      tooLong: (head, line) => collector.reject('line_too_long', line, () => head),
    });
  }
  return new LineSplitter(maxBytes, {
    line(text, line) {
      // Blank lines are not errors (CONTRACT §3).
      if (text.length === 0 || text.trim().length === 0) return;
      handle(text, line);
    },
    tooLong: (head, line) => collector.reject('line_too_long', line, () => head),
  }, atFileStart, owns);
}
