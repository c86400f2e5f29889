/** Arrow IPC and Parquet bytes → {@link RawTable}. */
import { fromArrow } from 'arquero';
import { parquetMetadataAsync, parquetRead, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import type { Cell } from './cells.js';
import { DataError } from '../core/errors.js';
import { rawFromArquero, type RawTable } from './rawTable.js';

/**
 * Read Arrow IPC bytes (file or stream format) with arquero.
 *
 * @example
 * import { table, toArrowIPC } from 'arquero';
 * readArrow(toArrowIPC(table({ RINPERSOON: ['000000001'] })), 'persons.arrow', '.').length; // 1
 */
export function readArrow(bytes: Uint8Array, file: string, decimal: string): RawTable {
  try {
    return rawFromArquero(fromArrow(bytes), file, decimal);
  } catch (err) {
    throw new DataError({ file, value: (err as Error).message, expected: 'a readable Arrow IPC file' });
  }
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
