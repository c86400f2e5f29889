/**
 * The files of each input before DuckDB reads them: globs expanded, the format told from the
 * first bytes (gzip, Parquet, else CSV, as the JS loader's magic-number detection), and the CSV
 * header line read with the loader's own tokenizer (same delimiter detection, same errors).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { DuckdbConnection } from './types.js';
import { CsvTokenizer } from '../../io/csvTokenizer.js';
import { detectFormat, foreignFormat } from '../../io/magic.js';
import { formatFromPath } from '../readCbsExport.js';
import { SpecificationError } from '../../core/errors.js';
import { lit } from './sql.js';

/** One input file as DuckDB will read it. */
export interface InputFile {
  readonly path: string;
  readonly format: 'csv' | 'csv.gz' | 'parquet';
  /** CSV: the header's column names as stored, and the delimiter in use. */
  readonly names: readonly string[];
  readonly delimiter: string;
}

/** A file the SQL path does not read itself (the JS loader decides what happens to it). */
export class NotForSql extends Error {
  constructor(readonly path: string, reason: string) {
    super(`${path}: ${reason}`);
  }
}

/**
 * The paths of one input: each string is a path or a glob (`*`, `?`, `[`), expanded in name order.
 *
 * @example
 * import { DuckDBInstance } from '@duckdb/node-api';
 * const connection = await (await DuckDBInstance.create(':memory:')).connect();
 * await expandPaths(connection, 'tests/fixtures/bad/base/p*.csv'); // ['tests/fixtures/bad/base/persons.csv']
 */
export async function expandPaths(connection: DuckdbConnection, input: string | readonly string[]): Promise<string[]> {
  const list = typeof input === 'string' ? [input] : [...input];
  if (list.length === 0 || !list.every((p) => typeof p === 'string')) throw new SpecificationError(`createViews: expected a path, a glob or a list of them; got ${JSON.stringify(input)}`);
  const out: string[] = [];
  for (const p of list) {
    if (!/[*?[]/.test(p)) {
      out.push(p);
      continue;
    }
    const reader = await connection.runAndReadAll(`SELECT file FROM glob(${lit(p)}) ORDER BY file`);
    const files = reader.getRowObjects().map((r) => String(r.file));
    if (files.length === 0) throw new SpecificationError(`createViews: no file matches ${JSON.stringify(p)}`);
    out.push(...files);
  }
  return out;
}

/** Format of a file from its first bytes; files the SQL path does not read raise {@link NotForSql}. */
async function sniff(path: string): Promise<'csv' | 'csv.gz' | 'parquet'> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(32);
    const { bytesRead } = await handle.read(head, 0, 32, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytesRead === 0) throw new NotForSql(path, 'empty file');
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new NotForSql(path, 'UTF-16 text');
    const format = detectFormat(bytes);
    const named = formatFromPath(path);
    // As readCbsExport: the extension names the format; contents that disagree are the loader's to refuse.
    if (named !== 'auto' && named !== format) throw new NotForSql(path, `${format} contents in a ${named} file`);
    if (format === 'csv' && foreignFormat(bytes) !== undefined) throw new NotForSql(path, 'a format the loader refuses');
    if (format === 'csv' || format === 'csv.gz' || format === 'parquet') return format;
    throw new NotForSql(path, `${format} file`);
  } finally {
    await handle.close();
  }
}

const STOP = Symbol('header read');

/**
 * Format, header names and delimiter of a file. CSV headers are read by the loader's tokenizer,
 * so an empty file or a file starting with an empty line gives the loader's DataError.
 */
export async function inspectFile(path: string, delimiter: string | undefined, encoding: 'auto' | 'utf-8' | 'windows-1252'): Promise<InputFile> {
  const format = await sniff(path);
  if (format === 'parquet') return { path, format, names: [], delimiter: '' };
  let names: string[] | undefined;
  const tokenizer = new CsvTokenizer(path, { delimiter, encoding }, {
    header: (n) => {
      names = [...n];
      throw STOP;
    },
    record: () => {},
  });
  const raw = createReadStream(path, { highWaterMark: 1 << 16 });
  const stream = format === 'csv.gz' ? raw.pipe(createGunzip()) : raw;
  let bytes = 0;
  try {
    let first = true;
    for await (const chunk of stream) {
      if (first && format === 'csv.gz' && (detectFormat(chunk as Uint8Array) !== 'csv' || foreignFormat(chunk as Uint8Array) !== undefined)) throw new NotForSql(path, 'gzip holding something else than CSV');
      first = false;
      bytes += chunk.length;
      tokenizer.push(chunk as Uint8Array);
    }
    if (bytes === 0) throw new NotForSql(path, 'nothing inside the gzip layer');
    tokenizer.end();
  } catch (error) {
    if (error !== STOP) throw error instanceof NotForSql || (error instanceof Error && 'file' in error) ? error : new NotForSql(path, String(error));
  } finally {
    raw.destroy();
  }
  if (!names) throw new NotForSql(path, 'no header line');
  if (format === 'csv.gz') await checkGzip(path);
  if (encoding !== 'windows-1252' && tokenizer.encoding !== 'utf-8') throw new NotForSql(path, 'header not UTF-8');
  return { path, format, names, delimiter: tokenizer.delimiter };
}

/**
 * Decompress a whole gzip file once (Node's zlib checks the CRC-32 and length trailer, which
 * DuckDB does not): a damaged file is left to the loader, which names the damage.
 */
async function checkGzip(path: string): Promise<void> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of raw.pipe(createGunzip())) void chunk;
  } catch (error) {
    throw new NotForSql(path, `damaged gzip data (${(error as Error).message})`);
  } finally {
    raw.destroy();
  }
}
