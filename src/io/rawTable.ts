/**
 * The format-neutral view of one input that the loader converts: named columns of cells.
 * Every reader (CSV, Arrow, Parquet, arquero) produces one of these.
 */
import type { ColumnTable } from 'arquero';
import type { Cell } from './cells.js';
import { DataError } from '../core/errors.js';
import type { PersonKeys } from './personKeys.js';

/** Named columns of raw cells, plus what is needed to read them. */
export interface RawTable {
  /** Name used in errors: the input name or file path. */
  readonly file: string;
  readonly columnNames: readonly string[];
  readonly length: number;
  /** Decimal separator of numbers stored as text. */
  readonly decimal: string;
  column(name: string): ArrayLike<Cell>;
  /** File and 1-based row of row `i` when the table joins several files (default: `file`, `i + 1`). */
  locate?(i: number): { file: string; row: number };
  /** Row index in the file of this table's first row, when it is one part of a file read in parts (default 0). */
  readonly firstRow?: number;
  /** Rows of the whole file when this table is one part of it and the total is known (a Parquet footer says). */
  readonly fileLength?: number;
  /** Person keys already read from bytes (a CSV persons file whose keys are all ASCII). */
  readonly keys?: PersonKeys;
  /**
   * A column as codes into its distinct values (row `i` holds `levels[codes[i]]`), when the reader
   * dictionary-encoded it as it streamed (CSV persons files): the loader then converts each
   * distinct value once. `undefined` for columns read otherwise.
   */
  coded?(name: string): { readonly codes: Int32Array; readonly levels: readonly string[] } | undefined;
}

/** Where row `i` of a raw table came from. */
export function where(raw: RawTable, i: number): { file: string; row: number } {
  return raw.locate ? raw.locate(i) : { file: raw.file, row: (raw.firstRow ?? 0) + i + 1 };
}

/** Whether a value looks like an arquero table (duck-typed so any arquero copy works). */
export function isArqueroTable(value: unknown): value is ColumnTable {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ColumnTable).columnNames === 'function' &&
    typeof (value as ColumnTable).array === 'function' &&
    typeof (value as ColumnTable).numRows === 'function'
  );
}

/** A {@link RawTable} over an arquero table (respecting its filter and order). */
export function rawFromArquero(table: ColumnTable, file: string, decimal: string): RawTable {
  return {
    file,
    columnNames: table.columnNames(),
    length: table.numRows(),
    decimal,
    column: (name) => table.array(name) as ArrayLike<Cell>,
  };
}

/**
 * Whether {@link findColumn} would find `name` among `names` (exactly, or once ignoring case and surrounding spaces).
 *
 * @example
 * hasColumn(['RINPERSOON', 'sbasisloon'], 'SBASISLOON'); // true
 */
export function hasColumn(names: readonly string[], name: string): boolean {
  if (names.includes(name)) return true;
  const lower = name.trim().toLowerCase();
  return names.filter((c) => c.trim().toLowerCase() === lower).length === 1;
}

/**
 * The column of `raw` that a mapped name refers to: an exact match, else the single match
 * that ignores case and surrounding spaces. A missing column is a {@link DataError} listing the columns found.
 */
export function findColumn(raw: Pick<RawTable, 'file' | 'columnNames'>, name: string): string {
  if (raw.columnNames.includes(name)) return name;
  const lower = name.trim().toLowerCase();
  const matches = raw.columnNames.filter((c) => c.trim().toLowerCase() === lower);
  if (matches.length === 1) return matches[0]!;
  throw new DataError({
    file: raw.file,
    column: name,
    expected: `a column named "${name}" (columns found: ${raw.columnNames.map((c) => JSON.stringify(c)).join(', ') || 'none'}); map your own name with options.columns`,
  });
}
