/** One input of the loader, in whatever form the user has it → a stream of CSV bytes or a {@link RawTable}. */
import type { ColumnTable } from 'arquero';
import type { AsyncBuffer } from 'hyparquet';
import { collectBytes, gunzipChunks, isByteChunks, isByteSource, iterateChunks, peekable, sliceChunks, type ByteChunks, type ByteSource } from './byteStream.js';
import { arrowRecordBatches, parquetRowGroups } from './columnar.js';
import { savParts } from './sav.js';
import { DataError, SpecificationError } from '../core/errors.js';
import { detectFormat, foreignFormat, type SourceFormat } from './magic.js';
import { isArqueroTable, rawFromArquero, type RawTable } from './rawTable.js';

/**
 * One input: CSV text, bytes (CSV, gzip-compressed CSV, Arrow IPC or Parquet), a stream of bytes
 * (web `ReadableStream`, async iterable such as a Node read stream, or a {@link ByteSource}), or
 * an arquero table already in memory.
 */
export type CbsSource = string | Uint8Array | ArrayBuffer | ColumnTable | ByteChunks | ByteSource;

/** An opened input: CSV bytes to tokenize, or a table already read. */
export type OpenedSource =
  | { readonly kind: 'csv'; readonly chunks: AsyncIterable<Uint8Array>; readonly encoding: 'auto' | 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be' }
  | { readonly kind: 'raw'; readonly raw: RawTable }
  /** A file read in parts (Parquet row groups, Arrow record batches), each part's `firstRow` its row in the file. */
  | { readonly kind: 'parts'; readonly parts: AsyncIterable<RawTable> };

/** Size in bytes of a source when it is known without reading it. */
export function sourceSize(source: CbsSource): number | undefined {
  if (typeof source === 'string') return undefined;
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return source.byteLength;
  if (isByteSource(source)) return source.size;
  return undefined;
}

async function* counted(source: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/**
 * Open one source. `file` names it in errors; `onBytes` is told of every chunk of raw bytes read.
 *
 * @example
 * const opened = await openSource('RINPERSOON\n000000007\n', 'persons', 'auto', '.');
 * opened.kind; // 'csv'
 */
export async function openSource(source: CbsSource, file: string, format: SourceFormat, decimal: string, onBytes: (n: number) => void = () => {}): Promise<OpenedSource> {
  let chunks: AsyncIterable<Uint8Array>;
  let text = false;
  let randomAccess: AsyncBuffer | undefined;
  if (typeof source === 'string') {
    if (format !== 'auto' && format !== 'csv') throw new SpecificationError(`${file}: format "${format}" needs bytes, got a string (CSV text)`);
    chunks = sliceChunks(new TextEncoder().encode(source));
    text = true;
  } else if (isArqueroTable(source)) return { kind: 'raw', raw: rawFromArquero(source, file, decimal) };
  else if (source instanceof Uint8Array || source instanceof ArrayBuffer) chunks = sliceChunks(source instanceof Uint8Array ? source : new Uint8Array(source));
  else if (isByteSource(source)) {
    if (source.read && source.size !== undefined) randomAccess = asyncBuffer(source.read.bind(source), source.size, onBytes);
    chunks = iterateChunks(source.chunks());
  }
  else if (isByteChunks(source)) chunks = iterateChunks(source);
  else throw new SpecificationError(`${file}: expected CSV text, bytes (Uint8Array/ArrayBuffer), a byte stream or an arquero table`);

  let { head, rest } = randomAccess ? { head: new Uint8Array(await randomAccess.slice(0, Math.min(32, randomAccess.byteLength))), rest: undefined as unknown as AsyncGenerator<Uint8Array> } : await peekable(counted(chunks, onBytes), 32);
  if (randomAccess && (detectFormat(head) !== 'parquet' || (format !== 'auto' && format !== 'parquet'))) {
    randomAccess = undefined;
    ({ head, rest } = await peekable(counted(chunks, onBytes), 32));
  }
  if (head.length === 0) throw new DataError({ file, value: '0 bytes', expected: 'a non-empty file (this one is empty)' });
  let kind = format === 'auto' ? detectFormat(head) : format;
  if (kind === 'csv.gz') {
    if (detectFormat(head) !== 'csv.gz') {
      const first = Array.from(head.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new DataError({ file, value: `first bytes ${first}`, expected: 'gzip data starting with the bytes 1f 8b (the file name or options.format says gzip; rename an uncompressed file to .csv)' });
    }
    // What is inside the gzip is detected again, so a gzipped Arrow or Parquet file also reads.
    ({ head, rest } = await peekable(gunzipChunks(rest, file), 32));
    if (head.length === 0) throw new DataError({ file, value: '0 bytes after decompression', expected: 'a non-empty file (this one is empty)' });
    const inner = detectFormat(head);
    if (inner === 'csv.gz') throw new DataError({ file, expected: 'a single gzip layer' });
    kind = format === 'csv.gz' ? 'csv' : inner;
  }
  if (kind === 'parquet') {
    // A file that can be read at any offset is never read whole: only its footer and one row group's column chunks.
    if (randomAccess !== undefined && kind === detectFormat(head)) return { kind: 'parts', parts: parquetRowGroups(randomAccess, file, decimal) };
    return { kind: 'parts', parts: parquetRowGroups(await collectBytes(rest), file, decimal) };
  }
  if (kind === 'sav') return { kind: 'parts', parts: savPartsAsync(await collectBytes(rest), file, decimal) };
  // Record batch by record batch, as the bytes arrive: only one batch is held at once.
  if (kind === 'arrow') return { kind: 'parts', parts: arrowRecordBatches(rest, file, decimal) };
  const foreign = foreignFormat(head);
  if (foreign !== undefined) throw new DataError({ file, value: `${foreign.split(':')[0]}`, expected: `CSV, gzip-compressed CSV, Arrow, Parquet or SPSS .sav; this is ${foreign}` });
  return openText(head, rest, text);
}

/** The cases of an SPSS system file as async parts. */
async function* savPartsAsync(bytes: Uint8Array, file: string, decimal: string): AsyncGenerator<RawTable> {
  yield* savParts(bytes, file, decimal);
}

/** A byte source readable at any offset as the buffer hyparquet reads Parquet from. */
function asyncBuffer(read: (offset: number, length: number) => Promise<Uint8Array>, size: number, onBytes: (n: number) => void): AsyncBuffer {
  return {
    byteLength: size,
    slice: async (start: number, end?: number) => {
      const b = await read(start, (end ?? size) - start);
      onBytes(b.length);
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    },
  };
}

/** Byte-order marks: UTF-8 is stripped, UTF-16 is converted to UTF-8 as it streams. */
function openText(head: Uint8Array, rest: AsyncIterable<Uint8Array>, text: boolean): OpenedSource {
  const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) ? 2 : 0;
  if (bom === 0) return { kind: 'csv', chunks: rest, encoding: text ? 'utf-8' : 'auto' };
  async function* skip(): AsyncGenerator<Uint8Array> {
    let left = bom;
    for await (const c of rest) {
      if (left > 0) {
        const cut = Math.min(left, c.length);
        left -= cut;
        if (cut < c.length) yield c.subarray(cut);
      } else yield c;
    }
  }
  const encoding = bom === 3 ? 'utf-8' : head[0] === 0xff ? 'utf-16le' : 'utf-16be';
  return { kind: 'csv', chunks: skip(), encoding };
}
