/** The part of lz4js (no types of its own) that arrow-codecs.ts uses. */
declare module 'lz4js' {
  /** An LZ4 frame's content; `maxSize` bounds it (read from the frame when omitted). */
  export function decompress(src: Uint8Array, maxSize?: number): Uint8Array;
  /** `src` as one LZ4 frame. */
  export function compress(src: Uint8Array, maxSize?: number): Uint8Array;
}
