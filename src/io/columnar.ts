/** Arrow IPC and Parquet bytes → {@link RawTable}. */
import { tableFromIPC, type Table } from '@uwdata/flechette';
import { arrowMessages, type ArrowMessage } from './arrowMessages.js';
import { ARROW_DICTIONARY_BATCH, ARROW_RECORD_BATCH, ARROW_SCHEMA } from './arrowMetadata.js';
import { parquetMetadataAsync, parquetRead, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import type { Cell } from './cells.js';
import { DataError } from '../core/errors.js';
import type { RawTable } from './rawTable.js';

/**
 * Arrow IPC data (stream or file format), read from a stream of chunks a record batch at a time:
 * never decoded as one table. Each part is one record batch, or several consecutive ones when the
 * dictionaries are larger than a batch (every part decodes the current dictionaries, so a part
 * holds at least as many bytes as they do); the bytes held are those of one part plus the schema
 * and the dictionaries. Each part's `firstRow` is the row index of its first row in the file, so
 * errors give the row in the file. Data without record batches gives one empty part with the
 * column names.
 *
 * @example
 * import { table, toArrowIPC } from 'arquero';
 * import { sliceChunks } from './byteStream.js';
 * const bytes = toArrowIPC(table({ A: [10, 20, 30] }), { maxBatchRows: 2, format: 'file' });
 * const parts = [];
 * for await (const part of arrowRecordBatches(sliceChunks(bytes, 16), 'x.arrow', '.')) parts.push([part.firstRow, Array.from(part.column('A'))]);
 * parts; // [[0, [10, 20]], [2, [30]]]
 */
export async function* arrowRecordBatches(chunks: AsyncIterable<Uint8Array>, file: string, decimal: string): AsyncGenerator<RawTable> {
  let schema: Uint8Array | undefined;
  // Per dictionary id: the last dictionary batch that replaced it and the deltas appended since.
  const dictionaries = new Map<string, ArrowMessage[]>();
  let dictionaryBytes = 0;
  let pending: ArrowMessage[] = [];
  let pendingBytes = 0;
  let firstRow = 0;
  let parts = 0;
  const part = (): RawTable => {
    const raw = decodeArrowMessages([schema!, ...[...dictionaries.values()].flat().map((m) => m.bytes), ...pending.map((m) => m.bytes)], file, decimal, firstRow);
    [pending, pendingBytes, firstRow, parts] = [[], 0, firstRow + raw.length, parts + 1];
    return raw;
  };
  for await (const message of arrowMessages(chunks, file)) {
    if (message.type === ARROW_SCHEMA) {
      schema ??= message.bytes; // a repeated schema is ignored, as Arrow readers do
      continue;
    }
    if (schema === undefined) throw new DataError({ file, value: `message type ${message.type} first`, expected: 'Arrow IPC data that starts with its schema message' });
    if (message.type === ARROW_DICTIONARY_BATCH && message.dictionary) {
      // Batches before a dictionary change are decoded with the dictionaries they were written with.
      if (pending.length > 0) yield part();
      const { id, isDelta } = message.dictionary;
      const kept = isDelta ? (dictionaries.get(id) ?? []) : [];
      for (const old of dictionaries.get(id) ?? []) dictionaryBytes -= old.bodyLength;
      dictionaries.set(id, [...kept, message]);
      for (const now of dictionaries.get(id)!) dictionaryBytes += now.bodyLength;
    } else if (message.type === ARROW_RECORD_BATCH) {
      pending.push(message);
      pendingBytes += message.bodyLength;
      if (pendingBytes >= dictionaryBytes) yield part();
    } else throw new DataError({ file, value: `an Arrow ${message.type === 4 ? 'tensor' : 'sparse tensor'} message`, expected: 'a table: schema, dictionary and record batch messages' });
  }
  if (schema === undefined) throw new DataError({ file, value: 'no messages', expected: 'Arrow IPC data that starts with its schema message' });
  if (pending.length > 0) yield part();
  if (parts === 0) yield { ...decodeArrowMessages([schema], file, decimal, 0), firstRow: undefined };
}

/**
 * Whole Arrow IPC messages (schema first) decoded by flechette (as arquero decodes Arrow bytes,
 * dates as `Date`), to a raw table whose columns are arrays of the cells, made when first asked for.
 * Row `firstRow + 1` is named when the messages cannot be decoded.
 */
function decodeArrowMessages(messages: Uint8Array[], file: string, decimal: string, firstRow: number): RawTable {
  const fail = (err: unknown) => new DataError({ file, ...(messages.length > 1 ? { row: firstRow + 1 } : {}), value: (err as Error).message, expected: messages.length > 1 ? 'a readable Arrow IPC record batch (the row is the first of the batch)' : 'a readable Arrow IPC schema' });
  let arrow: Table;
  try {
    arrow = tableFromIPC(messages, { useDate: true });
  } catch (err) {
    throw fail(err);
  }
  // Row counts were checked against the body with the message framing; columns must also agree.
  for (const c of arrow.children) if (c.length !== arrow.numRows) throw fail(new Error(`a column of ${c.length} rows in a table of ${arrow.numRows}`));
  const columnNames = arrow.schema.fields.map((f) => f.name);
  const columns = new Map<string, Cell[]>();
  const column = (name: string): Cell[] => {
    let cells = columns.get(name);
    if (cells) return cells;
    try {
      // Flechette's own values (arquero's dictionary columns misread tables of several batches); typed arrays (numbers without nulls) as plain arrays, like every other reader's cells.
      const values = arrow.getChild(name).toArray() as ArrayLike<Cell>;
      cells = Array.isArray(values) ? (values as Cell[]) : Array.from(values);
    } catch (err) {
      throw fail(err);
    }
    columns.set(name, cells);
    return cells;
  };
  return { file, columnNames, length: arrow.numRows, decimal, column, firstRow };
}

/**
 * Read a flat Parquet file with hyparquet as one table (the row groups of {@link parquetRowGroups} joined).
 *
 * @example
 * import { parquetWriteBuffer } from 'hyparquet-writer';
 * const bytes = new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'RINPERSOON', data: ['000000001'] }] }));
 * (await readParquet(bytes, 'persons.parquet', '.')).column('RINPERSOON')[0]; // '000000001'
 */
export async function readParquet(bytes: Uint8Array | AsyncBuffer, file: string, decimal: string): Promise<RawTable> {
  const parts: RawTable[] = [];
  for await (const part of parquetRowGroups(bytes, file, decimal)) parts.push(part);
  if (parts.length === 1) return parts[0]!;
  const columnNames = parts[0]?.columnNames ?? [];
  const length = parts.reduce((n, p) => n + p.length, 0);
  const columns = new Map<string, Cell[]>();
  const column = (name: string): Cell[] => {
    let c = columns.get(name);
    if (!c) columns.set(name, (c = parts.flatMap((p) => Array.from(p.column(name)))));
    return c;
  };
  return { file, columnNames, length, decimal, column };
}

/** Parquet bytes in memory as the random-access buffer hyparquet reads from. */
function asAsyncBuffer(bytes: Uint8Array | AsyncBuffer): AsyncBuffer {
  if (!(bytes instanceof Uint8Array)) return bytes;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * A flat Parquet file, one row group at a time, column chunk by column chunk (no row objects):
 * only one row group's cells are held at once. Each part's `firstRow` is the row index of its
 * first row in the file, so errors give the row in the file.
 *
 * @example
 * import { parquetWriteBuffer } from 'hyparquet-writer';
 * const bytes = new Uint8Array(parquetWriteBuffer({ rowGroupSize: 2, columnData: [{ name: 'A', data: ['x', 'y', 'z'] }] }));
 * const sizes = [];
 * for await (const part of parquetRowGroups(bytes, 'x.parquet', '.')) sizes.push(part.length);
 * sizes; // [2, 1]
 */
export async function* parquetRowGroups(bytes: Uint8Array | AsyncBuffer, file: string, decimal: string): AsyncGenerator<RawTable> {
  const fail = (err: unknown) => (err instanceof DataError ? err : new DataError({ file, value: (err as Error).message, expected: 'a readable Parquet file' }));
  const buffer = asAsyncBuffer(bytes);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (err) {
    throw fail(err);
  }
  // Top-level leaf columns only: nested Parquet has no place in a CBS-style table.
  const columnNames = metadata.schema.slice(1).map((e) => e.name);
  let rowStart = 0;
  if (metadata.row_groups.length === 0) yield { file, columnNames, length: 0, decimal, column: () => [] };
  for (const group of metadata.row_groups) {
    const length = Number(group.num_rows);
    const rowEnd = rowStart + length;
    const columns = new Map<string, Cell[]>(columnNames.map((n) => [n, new Array<Cell>(length).fill(null)]));
    try {
      await parquetRead({ file: buffer, metadata, rowStart, rowEnd, onChunk: (chunk) => copyChunk(chunk, columns.get(chunk.columnName), rowStart, rowEnd) });
    } catch (err) {
      throw fail(err);
    }
    yield { file, columnNames, length, decimal, column: (name) => columns.get(name) ?? [], firstRow: rowStart, fileLength: Number(metadata.num_rows) };
    rowStart = rowEnd;
  }
}

/** The rows of a decoded column chunk that fall in [rowStart, rowEnd) into `target` (indexed from rowStart). */
function copyChunk(chunk: { rowStart: number; rowEnd: number; columnData: ArrayLike<unknown> }, target: Cell[] | undefined, rowStart: number, rowEnd: number): void {
  if (!target) return;
  const data = chunk.columnData as ArrayLike<Cell>;
  const from = Math.max(chunk.rowStart, rowStart);
  const to = Math.min(chunk.rowEnd, rowEnd);
  for (let i = from; i < to; i++) target[i - rowStart] = data[i - chunk.rowStart];
}
