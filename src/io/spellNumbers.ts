/**
 * Numeric columns of spell inputs (the wage and hours of an employment spell): which columns a
 * file has, and reading a cell as a number where empty is missing (NaN) and anything else that
 * is not a number is a {@link DataError}.
 */
import { numberCell, cellText, type Cell } from './cells.js';
import { DataError } from '../core/errors.js';
import { hasColumn } from './rawTable.js';
import type { SpellRows } from './spellRows.js';

/** A numeric column of a spell input: its mapped name, and whether it must be present. */
export interface NumericColumn {
  readonly name: string;
  /** A column the user mapped must be present; a default name may be absent (the column is then left out). */
  readonly required: boolean;
}

/**
 * Which numeric columns to read from a file with header `names`: the first file decides for an
 * optional column (absent there → left out everywhere); a column read from the first file must
 * be in every later file. Returns the mapped name per column, or undefined when left out.
 *
 * @example
 * import { SpellRows } from './spellRows.js';
 * const rows = new SpellRows(0, 2);
 * presentNumbers(rows, 'employment.csv', ['SBASISLOON'], [{ name: 'SBASISLOON', required: false }, { name: 'SBASISUREN', required: false }]); // ['SBASISLOON', undefined]
 */
export function presentNumbers(rows: SpellRows, file: string, names: readonly string[], wanted: readonly NumericColumn[]): (string | undefined)[] {
  if (rows.numberPresent === undefined) rows.numberPresent = wanted.map((w) => w.required || hasColumn(names, w.name));
  const present = rows.numberPresent;
  return wanted.map((w, c) => {
    if (!present[c]) return undefined;
    if (!hasColumn(names, w.name)) {
      throw new DataError({ file, row: 0, column: w.name, expected: `a column named "${w.name}"${w.required ? '' : ' (the first file has it)'} (columns found: ${names.map((n) => JSON.stringify(n)).join(', ') || 'none'}); map your own name with options.columns` });
    }
    return w.name;
  });
}

/**
 * A numeric cell: NaN when empty, a {@link DataError} naming file, row and column when the text is
 * not a number (`decimal` is the decimal separator of text values).
 *
 * @example
 * numericCell('2143,50', ',', 'employment.csv', 1, 'SBASISLOON'); // 2143.5
 * Number.isNaN(numericCell('', ',', 'employment.csv', 1, 'SBASISLOON')); // true
 */
export function numericCell(value: Cell, decimal: string, file: string, row: number, column: string): number {
  const x = numberCell(value, decimal);
  if (x === null) return NaN;
  if (x === undefined || !Number.isFinite(x)) throw new DataError({ file, row, column, value: cellText(value), expected: `a number (decimal separator ${JSON.stringify(decimal)}, no thousands separators), or empty when unknown` });
  return x;
}
