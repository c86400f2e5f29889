/**
 * Arrow IPC bytes, as they arrive in chunks, split into encapsulated messages (schema, dictionary
 * batches, record batches), so a reader never needs more than one message in memory. Framing as in
 * the Arrow columnar format, "Encapsulated message format": an optional continuation marker
 * 0xFFFFFFFF, an int32 metadata length (0 ends the stream), the flatbuffer `Message` padded to 8
 * bytes, then `bodyLength` bytes of body. The IPC file format is the same stream between the magic
 * `ARROW1\0\0` and the footer.
 */
import { DataError } from '../core/errors.js';
import { readMessageHeader } from './arrowMetadata.js';
import { concatBytes } from './byteStream.js';

/** One encapsulated Arrow IPC message. */
export interface ArrowMessage {
  /** Header type: 1 schema, 2 dictionary batch, 3 record batch (4 and 5 are tensors). */
  readonly type: number;
  /** The whole message as framed in the input (length prefix, metadata, body): an Arrow stream decoder reads it on its own. */
  readonly bytes: Uint8Array;
  /** Bytes of the message's body (its buffers). */
  readonly bodyLength: number;
  /** For a dictionary batch: the dictionary's id (decimal text of the int64) and whether it appends to (delta) or replaces the dictionary. */
  readonly dictionary?: { readonly id: string; readonly isDelta: boolean };
}

/** Larger metadata is not a message but bytes that are not Arrow (a schema of 10,000 columns takes about 1 MiB). */
const MAX_METADATA = 1 << 28;
const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // ARROW1

/**
 * The messages of Arrow IPC data, stream or file format, read from a stream of chunks. Ends at
 * the end-of-stream marker (in the file format, after checking the footer's trailing magic) or
 * when a stream ends between messages. Truncated or malformed data is a {@link DataError} naming `file`.
 *
 * @example
 * import { table, toArrowIPC } from 'arquero';
 * import { sliceChunks } from './byteStream.js';
 * const bytes = toArrowIPC(table({ A: [1, 2, 3] }), { maxBatchRows: 2 });
 * const types = [];
 * for await (const m of arrowMessages(sliceChunks(bytes, 5), 'a.arrows')) types.push(m.type);
 * types; // [1, 3, 3]
 */
export async function* arrowMessages(chunks: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<ArrowMessage> {
  const reader = new ChunkReader(chunks);
  try {
    yield* framedMessages(reader, file);
  } finally {
    // Ended, failed or abandoned by the consumer: let the source close its file.
    await reader.close();
  }
}

/** The messages of {@link arrowMessages}, from a reader positioned at the start of the data. */
async function* framedMessages(reader: ChunkReader, file: string): AsyncGenerator<ArrowMessage> {
  const fail = (value: string, expected: string) => new DataError({ file, value, expected: `${expected} (the Arrow file may be truncated or damaged)` });
  const start = await reader.take(8);
  const isFile = start.length >= 6 && MAGIC.every((b, i) => start[i] === b);
  if (!isFile) reader.unshift(start);
  for (let index = 1; ; index++) {
    const prefix = await reader.take(4);
    if (prefix.length === 0 && !isFile) return;
    if (prefix.length < 4) throw fail(`${prefix.length} bytes at the end`, isFile ? 'an end-of-stream marker and the Arrow file footer' : `the length of message ${index}`);
    let length = int32(prefix, 0);
    let framed = prefix;
    if (length === -1) {
      const size = await reader.take(4);
      if (size.length < 4) throw fail(`${size.length} bytes after the continuation marker of message ${index}`, 'a 4-byte metadata length');
      length = int32(size, 0);
      framed = concat([prefix, size]);
    } else if (isFile && length !== 0) {
      // Not a continuation marker: the footer of a file written without an end-of-stream marker, or messages of a pre-0.15 writer.
      yield* footerOrLegacy(concat([prefix, await reader.rest()]), file);
      return;
    }
    if (length === 0) {
      if (isFile) await checkFooter(reader, fail);
      return;
    }
    if (length < 0 || length > MAX_METADATA) throw fail(`a metadata length of ${length} bytes in message ${index}`, 'Arrow IPC data: a message length between 1 byte and 256 MiB');
    const metadata = await reader.take(length);
    if (metadata.length < length) throw fail(`${metadata.length} of ${length} bytes of message ${index}'s metadata`, 'the whole message');
    const head = readMessageHeader(metadata, (what) => fail(`message ${index}: ${what}`, 'a valid Arrow flatbuffer Message'));
    // A damaged row count would have the decoder build arrays of billions of cells. Every column but
    // the null and run-end encoded types takes at least a bit per row, so a body holds 8 rows a byte.
    if (head.largestLength > 8 * head.bodyLength + 64) throw fail(`message ${index}: ${head.largestLength} rows in a body of ${head.bodyLength} bytes`, 'a row count the body can hold');
    // The body's pieces are copied once, into the message, when all of them have arrived.
    const body = await reader.pieces(head.bodyLength);
    if (body.size < head.bodyLength) throw fail(`${body.size} of ${head.bodyLength} bytes of message ${index}'s body`, 'the whole message body');
    yield { type: head.type, bytes: concat([framed, metadata, ...body.parts]), bodyLength: head.bodyLength, ...(head.dictionary ? { dictionary: head.dictionary } : {}) };
  }
}

/**
 * The rest of an Arrow IPC file from where its bytes stopped being continuation-framed messages:
 * the footer (`<footer> <int32 footer length> ARROW1`), or legacy messages followed by it.
 */
async function* footerOrLegacy(rest: Uint8Array, file: string): AsyncGenerator<ArrowMessage> {
  const footerLength = rest.length >= 10 && MAGIC.every((b, i) => rest[rest.length - 6 + i] === b) ? int32(rest, rest.length - 10) : -1;
  const footerStart = rest.length - 10 - footerLength;
  if (footerLength < 0 || footerStart < 0) throw new DataError({ file, value: `${rest.length} bytes without the trailing ARROW1 magic`, expected: 'the Arrow file footer (the file may be truncated)' });
  if (footerStart === 0) return;
  for await (const m of arrowMessages(oneChunk(rest.subarray(0, footerStart)), file)) yield m;
}

async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** After the end-of-stream marker of a file: the footer, its length and the trailing magic, only the last 10 bytes kept. */
async function checkFooter(reader: ChunkReader, fail: (value: string, expected: string) => DataError): Promise<void> {
  let tail = new Uint8Array(0);
  let size = 0;
  for (let piece = await reader.take(1 << 16); piece.length > 0; piece = await reader.take(1 << 16)) {
    size += piece.length;
    tail = concat([tail, piece]).slice(-10);
  }
  const ok = size >= 10 && MAGIC.every((b, i) => tail[4 + i] === b) && int32(tail, 0) >= 0 && int32(tail, 0) <= size - 10;
  if (!ok) throw fail(`${size} bytes after the end-of-stream marker, not ending in a footer and ARROW1`, 'the Arrow file footer');
}

/** Takes exact byte counts from a stream of chunks of any sizes, holding only the bytes not yet taken. */
class ChunkReader {
  private readonly it: AsyncIterator<Uint8Array>;
  private pending: Uint8Array[] = [];
  private done = false;
  constructor(chunks: AsyncIterable<Uint8Array>) {
    this.it = chunks[Symbol.asyncIterator]();
  }
  /** Put bytes back in front. */
  unshift(bytes: Uint8Array): void {
    if (bytes.length > 0) this.pending.unshift(bytes);
  }
  /** The next `n` bytes, or fewer when the stream ends first. */
  async take(n: number): Promise<Uint8Array> {
    return concat((await this.pieces(n)).parts);
  }
  /** The next `n` bytes as views of the chunks they arrived in (fewer when the stream ends first). */
  async pieces(n: number): Promise<{ parts: Uint8Array[]; size: number }> {
    const parts: Uint8Array[] = [];
    let have = 0;
    while (have < n) {
      let chunk = this.pending.shift();
      if (!chunk) {
        if (this.done) break;
        const r = await this.it.next();
        if (r.done) {
          this.done = true;
          break;
        }
        chunk = r.value;
      }
      const use = Math.min(chunk.length, n - have);
      parts.push(chunk.subarray(0, use));
      if (use < chunk.length) this.pending.unshift(chunk.subarray(use));
      have += use;
    }
    return { parts, size: have };
  }
  /** Stop reading the source (an iterator's `return`), once. */
  async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.pending = [];
    await this.it.return?.();
  }
  /** Every remaining byte. */
  async rest(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    for (let piece = await this.take(1 << 20); piece.length > 0; piece = await this.take(1 << 20)) parts.push(piece);
    return concat(parts);
  }
}

function int32(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
}

/** Concatenate into a fresh buffer, so a message's body starts 8-byte aligned in memory as Arrow requires. */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0]!.slice() : concatBytes(parts);
}
