/** Checks of a CSV header line. */
import { DataError } from '../core/errors.js';
import { findColumn } from './rawTable.js';

/**
 * Positions of the `wanted` columns in a header (matched as {@link findColumn} does). A name that
 * occurs twice in the header is a {@link DataError}: which copy is meant cannot be told.
 *
 * @example
 * checkHeader('x.csv', ['RINPERSOONS', 'RINPERSOON', 'AANVBUS'], ['aanvbus', 'RINPERSOON']); // [2, 1]
 */
export function checkHeader(file: string, names: readonly string[], wanted: readonly string[]): number[] {
  const seen = new Map<string, number>();
  names.forEach((name, k) => {
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new DataError({ file, row: 0, column: name, value: name, expected: `column names that occur once in the header line (columns ${earlier + 1} and ${k + 1} are both named ${JSON.stringify(name)})` });
    }
    seen.set(name, k);
  });
  return wanted.map((w) => names.indexOf(findColumn({ file, columnNames: names }, w)));
}
