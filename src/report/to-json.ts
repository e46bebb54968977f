import type { Report } from './report.js';
import { unicodeEscape } from './terminal-safe.js';

// JSON.stringify escapes C0 controls but leaves DEL, C1 controls (U+009B is an 8-bit CSI to some terminals)
// and bidi overrides raw; as \uXXXX they parse back to the same strings and cannot act on a terminal.
const UNSAFE = /[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** JSON text with every character `unsafe` (a /g pattern) matches written as \\uXXXX: the parsed value is the same. */
export function escapedJson(value: unknown, unsafe: RegExp, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(unsafe, unicodeEscape);
}

/** JSON text of any value, with every character that could act on a terminal escaped. */
export function safeJson(value: unknown, indent?: number): string {
  return escapedJson(value, UNSAFE, indent);
}

/** `--format json`: the report object, pretty-printed. */
export function toJson(report: Report): string {
  return `${safeJson(report, 2)}\n`;
}

/** `--format ndjson`: one cluster object per line. */
export function toNdjson(report: Report): string {
  return report.clusters.map((c) => `${safeJson(c)}\n`).join('');
}
