/**
 * A long text in slices for writing (AtomicFile.write, the CLI's stdout). A report of tens of MB written in
 * one piece becomes one Buffer of all of it beside the string (and the peak of a scan of many accounts was
 * set there); slices of a MiB are encoded one at a time.
 */
export const SLICE_CHARS = 1 << 20;

/** `text` in slices of at most `size` UTF-16 units (size ≥ 2), never between the halves of a surrogate pair. */
export function* textSlices(text: string, size = SLICE_CHARS): Generator<string> {
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + size);
    // Encoded apart, each half of a pair would become U+FFFD.
    if (end < text.length && end - at > 1 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    yield text.slice(at, end);
    at = end;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
