/**
 * The files of one input into a DuckDB table of text cells, one row per data row in file order
 * (the table's rowid + 1 is the loader's 1-based row over all files of the input).
 */
import type { DuckdbConnection } from './types.js';
import { NotForSql, type InputFile } from './files.js';
import { ident, lit } from './sql.js';

/** A raw input table: its name, the files it holds and the first row index of each file. */
export interface RawInput {
  readonly table: string;
  readonly files: InputFile[];
  /** Rows before file k (so file k's row r is index offsets[k] + r). */
  readonly offsets: number[];
  /** Rows read. */
  rows: number;
  /** Files read as Latin-1 (not UTF-8) and the 1-based row of the first byte that is not UTF-8 in each. */
  readonly latin1: { file: number; row: number }[];
}

/**
 * Create `name` with a column `f` (file index), `dec` (decimal separator of the file) and one
 * VARCHAR column per entry of `columns`.
 */
export async function createRawTable(connection: DuckdbConnection, name: string, columns: readonly string[]): Promise<RawInput> {
  const cols = ['f INTEGER', 'dec VARCHAR', ...columns.map((c) => `${ident(c)} VARCHAR`)];
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${ident(name)} (${cols.join(', ')})`);
  return { table: name, files: [], offsets: [], rows: 0, latin1: [] };
}

/**
 * Append file `file` to a raw table: `pick[c]` is the header position whose cells fill column c
 * (CSV). CSV is read as text, RFC 4180 quotes, every record
 * checked against the header's field count; a file DuckDB cannot read is {@link NotForSql}.
 */
export async function appendFile(connection: DuckdbConnection, raw: RawInput, file: InputFile, pick: readonly number[], decimal: string, encoding: 'auto' | 'utf-8' | 'windows-1252'): Promise<number> {
  const k = raw.files.length;
  if (file.format === 'parquet') throw new NotForSql(file.path, 'Parquet is not read by the SQL validation yet');
  const columns = file.names.map((_, j) => `${lit(`c${j}`)}: 'VARCHAR'`).join(', ');
  const read = (encoding: string): string => {
    const options = [
      'header = false',
      'skip = 1',
      `delim = ${lit(file.delimiter)}`,
      `quote = '"'`,
      `escape = '"'`,
      `columns = {${columns}}`,
      'null_padding = false',
      'strict_mode = true',
      'auto_detect = false',
      `compression = ${file.format === 'csv.gz' ? "'gzip'" : "'none'"}`,
      `encoding = ${lit(encoding)}`,
    ];
    const cells = pick.map((c) => (c < 0 ? 'CAST(NULL AS VARCHAR)' : ident(`c${c}`)));
    return `INSERT INTO ${ident(raw.table)} SELECT ${k}, ${lit(decimal)}, ${cells.join(', ')} FROM read_csv(${lit(file.path)}, ${options.join(', ')})`;
  };
  const before = raw.rows;
  try {
    await connection.run(read(encoding === 'windows-1252' ? 'latin-1' : 'utf-8'));
  } catch (error) {
    const message = (error as Error).message;
    const line = /CSV Error on Line: (\d+)/.exec(message);
    // Not UTF-8 under encoding 'auto': read as Latin-1 and flagged at the row DuckDB names, as the
    // loader reads Windows-1252 (the two differ in bytes 80–9F only, which Latin-1 refuses).
    if (encoding !== 'auto' || !/invalid unicode/i.test(message) || !line) throw new NotForSql(file.path, `DuckDB could not read it: ${message.split('\n')[0]}`);
    try {
      await connection.run(read('latin-1'));
    } catch (again) {
      throw new NotForSql(file.path, `DuckDB could not read it: ${(again as Error).message.split('\n')[0]}`);
    }
    raw.latin1.push({ file: k, row: Number(line[1]) - 1 });
  }
  const count = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${ident(raw.table)}`);
  raw.rows = Number(count.getRowObjects()[0]!.n);
  raw.files.push(file);
  raw.offsets.push(before);
  return raw.rows - before;
}
