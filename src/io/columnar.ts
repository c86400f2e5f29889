/** Arrow IPC and Parquet bytes → {@link RawTable}. */
import { fromArrow } from 'arquero';
import { parquetMetadata, parquetRead } from 'hyparquet';
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
 * Read a flat Parquet file with hyparquet, column chunk by column chunk (no row objects).
 *
 * @example
 * import { parquetWriteBuffer } from 'hyparquet-writer';
 * const bytes = new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'RINPERSOON', data: ['000000001'] }] }));
 * (await readParquet(bytes, 'persons.parquet', '.')).column('RINPERSOON')[0]; // '000000001'
 */
export async function readParquet(bytes: Uint8Array, file: string, decimal: string): Promise<RawTable> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const metadata = parquetMetadata(buffer);
    const length = Number(metadata.num_rows);
    const columns = new Map<string, Cell[]>();
    // Top-level leaf columns only: nested Parquet has no place in a CBS-style table.
    for (const element of metadata.schema.slice(1)) columns.set(element.name, new Array<Cell>(length).fill(null));
    await parquetRead({
      file: buffer,
      metadata,
      onChunk: (chunk) => {
        const target = columns.get(chunk.columnName);
        if (!target) return;
        const data = chunk.columnData as ArrayLike<Cell>;
        const end = Math.min(chunk.rowEnd, length);
        for (let i = chunk.rowStart; i < end; i++) target[i] = data[i - chunk.rowStart];
      },
    });
    return { file, columnNames: [...columns.keys()], length, decimal, column: (name) => columns.get(name) ?? [] };
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError({ file, value: (err as Error).message, expected: 'a readable Parquet file' });
  }
}
