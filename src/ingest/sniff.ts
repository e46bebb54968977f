/**
 * Format sniffing from the first bytes (CONTRACT §1): gzip magic, Arrow file magic `ARROW1`, the Arrow
 * stream continuation marker, Parquet magic `PAR1`, `{`/`[` for JSON, anything else CSV. A file's
 * extension is only a hint, used when the content says nothing (an empty file).
 */

export type InputFormat = 'jsonl' | 'csv' | 'arrow' | 'parquet';
export type Sniffed = InputFormat | 'gzip' | 'empty';

export const INPUT_FORMATS: readonly InputFormat[] = ['jsonl', 'csv', 'arrow', 'parquet'];

export function sniffFormat(head: Buffer): Sniffed {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 6 && head.toString('latin1', 0, 6) === 'ARROW1') return 'arrow';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xffffffff) return 'arrow';
  if (head.length >= 4 && head.toString('latin1', 0, 4) === 'PAR1') return 'parquet';
  let i = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  if (i >= head.length) return 'empty';
  return head[i] === 0x7b || head[i] === 0x5b ? 'jsonl' : 'csv';
}

/** Leading bytes of inputs no reader here takes, and what to do about them. */
const UNREADABLE: [magic: number[], what: string][] = [
  [[0xff, 0xfe], 'UTF-16 text (a byte-order mark, as Windows PowerShell writes); convert it: iconv -f UTF-16 -t UTF-8'],
  [[0xfe, 0xff], 'UTF-16 text (a byte-order mark); convert it: iconv -f UTF-16 -t UTF-8'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed; decompress it first (bunzip2 -c), or recompress with gzip'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed; decompress it first (xz -dc), or recompress with gzip'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed; decompress it first (zstd -dc), or recompress with gzip'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive; extract it first (unzip)'],
];

/** Why `head` cannot be read (an encoding or compression no reader takes), or undefined when it may be. */
export function unreadableReason(head: Buffer): string | undefined {
  return UNREADABLE.find(([magic]) => head.length >= magic.length && magic.every((b, i) => head[i] === b))?.[1];
}

/** Format suggested by a file name, ignoring a trailing .gz. */
export function formatFromName(name: string): InputFormat | undefined {
  const base = name.toLowerCase().replace(/\.gz$/, '');
  if (/\.(jsonl|ndjson|json)$/.test(base)) return 'jsonl';
  if (/\.(csv|tsv)$/.test(base)) return 'csv';
  if (/\.(arrow|feather|ipc|arrows)$/.test(base)) return 'arrow';
  if (/\.(parquet|pq)$/.test(base)) return 'parquet';
  return undefined;
}
