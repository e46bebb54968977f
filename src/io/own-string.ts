/**
 * V8 makes a substring of 13 characters or more a view of its source, which keeps the whole source alive:
 * a value cut from a long CSV record holds the record (with its prompt, kilobytes) for as long as a state
 * keeps the value. Where that can happen the value is copied, once.
 */
const SLICE_MIN_LENGTH = 13;

/**
 * `s` in a string of its own (a shorter substring is one already). JSON.parse writes a fresh string; joins
 * and concatenations were seen to hand back `s` itself or a view of it.
 */
export function ownString(s: string): string {
  return s.length < SLICE_MIN_LENGTH ? s : (JSON.parse(JSON.stringify(s)) as string);
}
