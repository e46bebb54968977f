import { readFileSync } from 'node:fs';
import { fileErrorWords, InputError } from '../errors.js';

/** A parsed JSON value that is an object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Read a text file, or fail with one line naming what it is (`what`) and where. */
export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`${what} ${path}: ${fileErrorWords(err)}`);
  }
}

/** Read and parse a JSON file, or fail with one line naming what it is (`what`) and where. */
export function readJson<T>(path: string, what: string): T {
  const text = readText(path, what);
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new InputError(`${what} ${path}: not valid JSON (${(err as Error).message})`);
  }
}
