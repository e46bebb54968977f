/**
 * Arrow IPC buffer compression (LZ4 frame, Zstandard), which apache-arrow reads only through codecs
 * registered with it. pyarrow's `feather.write_feather` compresses with LZ4 by default, and `compression=`
 * writes either: without these, such a file was "Record batch is compressed but codec not found".
 * Imported for its effect by arrow.ts, in every thread that reads Arrow.
 */
import { CompressionType, compressionRegistry } from 'apache-arrow';
import { decompress as zstdDecompress } from 'fzstd';
import { decompress as lz4Decompress } from 'lz4js';

/** Arrow views 64-bit columns in place, which needs 8-byte alignment; a decoder may return a view at any offset. */
function aligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
}

compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: (data) => aligned(lz4Decompress(data)) });
compressionRegistry.set(CompressionType.ZSTD, { decode: (data) => aligned(zstdDecompress(data)) });
