/**
 * Errors the CLI turns into exit code 2 with one line on stderr: bad options (UsageError) and inputs that
 * cannot be read at all (InputError). Anything else is a bug and is reported the same way, with the
 * stack only when DEBUG is set.
 */
import { terminalSafe } from './report/terminal-safe.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

export class InputError extends Error {
  override name = 'InputError';
}

/**
 * What a failed file operation says, in words: the codes people meet (missing, forbidden, a directory, a
 * full disk), the system's message otherwise. `missing` is what ENOENT means for this operation.
 */
export function fileErrorWords(err: unknown, missing = 'no such file'): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return missing;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOSPC') return 'no space left on device';
  return (err as Error).message;
}

/**
 * One line for the terminal: never a stack, never a newline, never a live escape sequence — messages may
 * quote input (a JSON parse error quotes the file).
 */
export function oneLine(message: string): string {
  return terminalSafe(message.replace(/[\r\n]+/g, ' ')).slice(0, 2000);
}
