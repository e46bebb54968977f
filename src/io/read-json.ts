import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/** Read and parse a JSON file, or fail with one line naming what it is (`what`) and where. */
export function readJson<T>(path: string, what: string): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`${what} ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new InputError(`${what} ${path}: not valid JSON (${(err as Error).message})`);
  }
}
