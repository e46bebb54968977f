import type { Report } from './report.js';
import { unicodeEscape } from '../io/unicode-escape.js';

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

const INDENT = '  ';

/**
 * `safeJson(value, 2)` of a plain-data object, in pieces: each element of its array properties is
 * stringified on its own, so the whole text never exists at once (a report of 50,000 clusters is 76 MB of
 * JSON, twice that as a UTF-16 string, and was once built whole and then copied). Pretty-printed JSON has no
 * raw newline inside a string, so a nested value is indented by indenting its lines.
 */
export function* prettyJsonPieces(value: object): Generator<string> {
  // JSON.stringify leaves out properties whose value is undefined.
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (const [i, [key, v]] of entries.entries()) {
    const head = `${INDENT}${safeJson(key)}: `;
    if (Array.isArray(v) && v.length > 0) {
      yield `${head}[\n`;
      for (let j = 0; j < v.length; j++) yield `${INDENT}${INDENT}${indented(v[j], 2)}${j < v.length - 1 ? ',' : ''}\n`;
      yield `${INDENT}]`;
    } else {
      yield `${head}${indented(v, 1)}`;
    }
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield '}';
}

/** Pretty JSON of `value` as it reads `depth` levels in (an undefined array element is null, as in JSON.stringify). */
function indented(value: unknown, depth: number): string {
  return safeJson(value === undefined ? null : value, 2).replaceAll('\n', `\n${INDENT.repeat(depth)}`);
}

/** `--format json`: the report object, pretty-printed, in pieces (prettyJsonPieces). */
export function* jsonPieces(report: Report): Generator<string> {
  yield* prettyJsonPieces(report);
  yield '\n';
}

/** The `--format json` text whole. */
export function toJson(report: Report): string {
  return [...jsonPieces(report)].join('');
}

/** `--format ndjson`: one cluster object per line, a piece each. */
export function* ndjsonPieces(report: Report): Generator<string> {
  for (const c of report.clusters) yield `${safeJson(c)}\n`;
}
