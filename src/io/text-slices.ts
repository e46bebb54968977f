/**
 * A long text in slices for writing (AtomicFile.write, scan's report, the CLI's stdout). A report of tens of
 * MB written in one piece becomes one Buffer of all of it beside the string (and the peak of a scan of many
 * accounts was set there); slices of a MiB are encoded one at a time. A text given as many small pieces (a
 * report rendered cluster by cluster) is gathered into slices of the same size, so it is written in few calls.
 */
export const SLICE_CHARS = 1 << 20;

/**
 * `text` (one string, or pieces in order) in slices of `size` UTF-16 units (size ≥ 2; the last may be
 * shorter), never between the halves of a surrogate pair. The slices join to the text.
 */
export function* textSlices(text: string | Iterable<string>, size = SLICE_CHARS): Generator<string> {
  let pending = '';
  for (const piece of typeof text === 'string' ? [text] : text) {
    pending += piece;
    if (pending.length < size) continue;
    let at = 0;
    while (pending.length - at >= size) {
      const end = charBoundary(pending, at + size);
      yield pending.slice(at, end);
      at = end;
    }
    pending = pending.slice(at);
  }
  if (pending.length > 0) yield pending;
}

/**
 * `end`, or one less when the text would be cut between the halves of a surrogate pair there: encoded
 * apart each half becomes U+FFFD, and a lone half is invalid in strict JSON.
 */
export function charBoundary(text: string, end: number): number {
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}
