/**
 * Inputs as streams of byte chunks, so no reader ever needs a whole file in memory: web
 * `ReadableStream`s, async iterables (Node streams are), or bytes already in memory.
 */
import { Gunzip } from 'fflate';
import { crc32 } from './crc32.js';
import { DataError } from '../core/errors.js';

/** Bytes arriving in chunks: a web `ReadableStream` or any async iterable (e.g. a Node `fs.ReadStream`). */
export type ByteChunks = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * An input opened on demand, for streaming readers: `chunks()` is called once, when the input is
 * read. `name` labels it in errors and progress; `size` (bytes) lets progress report a total.
 */
export interface ByteSource {
  readonly name?: string;
  readonly size?: number;
  chunks(): ByteChunks;
  /**
   * Optional random access: `length` bytes from `offset`. With `size`, a Parquet input is then read
   * row group by row group without reading the whole file.
   */
  read?(offset: number, length: number): Promise<Uint8Array>;
}

/** Whether a value is a {@link ByteSource}. */
export function isByteSource(value: unknown): value is ByteSource {
  return typeof value === 'object' && value !== null && typeof (value as ByteSource).chunks === 'function';
}

/** Whether a value is a stream of chunks (web stream or async iterable). */
export function isByteChunks(value: unknown): value is ByteChunks {
  if (typeof value !== 'object' || value === null) return false;
  return typeof (value as ReadableStream).getReader === 'function' || typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/**
 * Iterate the chunks of a stream as `Uint8Array`s (a web stream through its reader, so this works
 * where streams are not async-iterable).
 *
 * @example
 * const parts: number[] = [];
 * for await (const c of iterateChunks(new Blob(['ab', 'c']).stream())) parts.push(c.length);
 * parts.reduce((a, b) => a + b); // 3
 */
export async function* iterateChunks(source: ByteChunks): AsyncGenerator<Uint8Array> {
  if (typeof (source as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (value.length > 0) yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  for await (const chunk of source as AsyncIterable<Uint8Array>) {
    const bytes = chunk instanceof Uint8Array ? chunk : typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk as ArrayBuffer);
    if (bytes.length > 0) yield bytes;
  }
}

/** Bytes in memory as a stream of slices (slices of 4 MiB keep the consumers' buffers small). */
export async function* sliceChunks(bytes: Uint8Array, size = 1 << 22): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, Math.min(bytes.length, at + size));
}

/**
 * A chunk stream whose first bytes can be inspected before it is consumed.
 *
 * @example
 * const p = await peekable(sliceChunks(new TextEncoder().encode('PAR1xyz'), 2), 4);
 * String.fromCharCode(...p.head); // 'PAR1'
 */
export async function peekable(source: AsyncIterable<Uint8Array>, atLeast: number): Promise<{ head: Uint8Array; rest: AsyncGenerator<Uint8Array> }> {
  const it = source[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  while (size < atLeast) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    parts.push(r.value);
    size += r.value.length;
  }
  const head = concatBytes(parts);
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head, rest: rest() };
}

/** Concatenate byte arrays (no copy for a single one). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Read a whole stream into memory (for formats that need random access: Parquet without a `read` function, SPSS). */
export async function collectBytes(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of source) parts.push(c);
  return concatBytes(parts);
}

/**
 * Inflate a gzip stream chunk by chunk, every member of it (`cat a.gz b.gz` is valid gzip), and
 * verify each member's CRC-32 and length trailer: a truncated file or a damaged trailer is a
 * {@link DataError} naming `file`, not silently shorter data.
 *
 * @example
 * import { gzipSync } from 'fflate';
 * const gz = gzipSync(new TextEncoder().encode('a;b\n1;2\n'));
 * const out = await collectBytes(gunzipChunks(sliceChunks(gz, 5), 'x.csv.gz'));
 * new TextDecoder().decode(out); // 'a;b\n1;2\n'
 */
export async function* gunzipChunks(source: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<Uint8Array> {
  const fail = (why: string): DataError => new DataError({ file, value: why, expected: 'complete, intact gzip data (the file may be truncated or damaged; compress it again)' });
  let out: Uint8Array[] = [];
  let crc = 0;
  let size = 0;
  // Compressed bytes seen before the current chunk, and the last of them, to find a member's trailer.
  let before = 0;
  let tail: Uint8Array = new Uint8Array(0);
  let chunk: Uint8Array = new Uint8Array(0);
  const byteAt = (pos: number): number => (pos >= before ? chunk[pos - before]! : tail[pos - (before - tail.length)] ?? -1);
  const checkTrailer = (end: number): void => {
    const b = (k: number) => byteAt(end - 8 + k);
    const wantCrc = (b(0) | (b(1) << 8) | (b(2) << 16) | (b(3) << 24)) >>> 0;
    const wantSize = (b(4) | (b(5) << 8) | (b(6) << 16) | (b(7) << 24)) >>> 0;
    if (wantCrc !== crc) throw fail(`CRC-32 mismatch (trailer ${wantCrc.toString(16)}, data ${crc.toString(16)})`);
    if (wantSize !== size) throw fail(`length mismatch (trailer ${wantSize}, data ${size} mod 2^32)`);
    crc = 0;
    size = 0;
  };
  const gunzip = new Gunzip((data) => {
    crc = crc32(crc, data);
    size = (size + data.length) >>> 0;
    out.push(data);
  });
  gunzip.onmember = (offset) => checkTrailer(offset);
  let any = false;
  const push = (c: Uint8Array, final: boolean) => {
    chunk = c;
    try {
      gunzip.push(c, final);
    } catch (err) {
      if (err instanceof DataError) throw err;
      throw fail((err as Error).message);
    }
    before += c.length;
    const keep = tail.length + c.length > 65536 ? 65536 : tail.length + c.length;
    const next = new Uint8Array(keep);
    const fromChunk = Math.min(keep, c.length);
    next.set(tail.subarray(tail.length - (keep - fromChunk)), 0);
    next.set(c.subarray(c.length - fromChunk), keep - fromChunk);
    tail = next;
  };
  for await (const c of source) {
    any = true;
    push(c, false);
    if (out.length > 0) {
      const ready = out;
      out = [];
      for (const d of ready) yield d;
    }
  }
  if (!any) throw fail('no bytes');
  push(new Uint8Array(0), true);
  if (before < 18) throw fail('shorter than a gzip header and trailer');
  checkTrailer(before);
  for (const d of out) yield d;
}
