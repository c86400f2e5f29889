/** One input of the loader, in whatever form the user has it → {@link RawTable}. */
import type { ColumnTable } from 'arquero';
import { Gunzip } from 'fflate';
import { parseCsv, type CsvOptions } from './csv.js';
import { readArrow, readParquet } from './columnar.js';
import { DataError, SpecificationError } from '../core/errors.js';
import { isArqueroTable, rawFromArquero, type RawTable } from './rawTable.js';

/**
 * One input: CSV text, bytes (CSV, gzip-compressed CSV, Arrow IPC or Parquet), or an arquero
 * table already in memory.
 */
export type CbsSource = string | Uint8Array | ArrayBuffer | ColumnTable;

/** Format of a byte source; `'auto'` detects it from the first bytes. */
export type SourceFormat = 'auto' | 'csv' | 'csv.gz' | 'arrow' | 'parquet';

/**
 * The format of some bytes, from their magic number: gzip (`1f 8b`), Parquet (`PAR1`),
 * Arrow IPC file (`ARROW1`) or stream (`ff ff ff ff`), else CSV.
 *
 * @example
 * detectFormat(new TextEncoder().encode('PAR1....')); // 'parquet'
 * detectFormat(new TextEncoder().encode('a;b\n1;2')); // 'csv'
 */
export function detectFormat(bytes: Uint8Array): Exclude<SourceFormat, 'auto'> {
  const b = bytes;
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'csv.gz';
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31) return 'parquet';
  if (b.length >= 6 && String.fromCharCode(b[0]!, b[1]!, b[2]!, b[3]!, b[4]!, b[5]!) === 'ARROW1') return 'arrow';
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xff && b[2] === 0xff && b[3] === 0xff) return 'arrow';
  return 'csv';
}

/**
 * Read one source into a {@link RawTable}. `file` names it in errors.
 *
 * @example
 * const raw = await readSource('RINPERSOON\n000000007\n', 'persons', 'auto', {});
 * raw.column('RINPERSOON')[0]; // '000000007'
 */
export async function readSource(source: CbsSource, file: string, format: SourceFormat, csv: CsvOptions): Promise<RawTable> {
  if (typeof source === 'string') {
    if (format !== 'auto' && format !== 'csv') throw new SpecificationError(`${file}: format "${format}" needs bytes, got a string (CSV text)`);
    return parseCsv(source, file, csv);
  }
  if (isArqueroTable(source)) return rawFromArquero(source, file, csv.decimal ?? '.');
  if (!(source instanceof Uint8Array) && !(source instanceof ArrayBuffer)) {
    throw new SpecificationError(`${file}: expected CSV text, bytes (Uint8Array/ArrayBuffer) or an arquero table`);
  }
  let bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
  let kind = format === 'auto' ? detectFormat(bytes) : format;
  if (kind === 'csv.gz') {
    try {
      bytes = gunzip(bytes);
    } catch (err) {
      throw new DataError({ file, value: (err as Error).message, expected: 'gzip-compressed data' });
    }
    // What is inside the gzip is detected again, so a gzipped Arrow or Parquet file also reads.
    kind = format === 'csv.gz' ? 'csv' : detectFormat(bytes);
    if (kind === 'csv.gz') throw new DataError({ file, expected: 'a single gzip layer' });
  }
  if (kind === 'parquet') return readParquet(bytes, file, csv.decimal ?? '.');
  if (kind === 'arrow') return readArrow(bytes, file, csv.decimal ?? '.');
  return parseCsv(new TextDecoder('utf-8').decode(bytes), file, csv);
}

/**
 * Inflate gzip data, every member of it: `cat a.gz b.gz` is valid gzip, and fflate's
 * `gunzipSync` would silently stop after the first member.
 */
function gunzip(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  const stream = new Gunzip((chunk) => chunks.push(chunk));
  stream.push(bytes, true);
  if (chunks.length === 1) return chunks[0]!;
  let size = 0;
  for (const c of chunks) size += c.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
