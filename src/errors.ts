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
 * One line for the terminal: never a stack, never a newline, never a live escape sequence — messages may
 * quote input (a JSON parse error quotes the file).
 */
export function oneLine(message: string): string {
  return terminalSafe(message.replace(/[\r\n]+/g, ' ')).slice(0, 2000);
}
