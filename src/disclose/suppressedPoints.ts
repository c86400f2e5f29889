import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';
import type { ControlledRow, ControlledTable } from './applyOutputControl.js';

/**
 * Whether output control withheld anything in this row, or, given a column, that column's value
 * (so a figure can leave the point out).
 *
 * @example
 * isSuppressed({ group: 'A', estimate: null, suppressed: true, suppression_reason: 'primary:min-persons' }); // true
 * isSuppressed({ group: 'B', estimate: 0.3, median: null, suppressed: true, suppression_reason: 'primary:percentile-sides' }, 'estimate'); // false
 */
export function isSuppressed(row: Readonly<Record<string, unknown>>, column?: string): boolean {
  if (typeof row !== 'object' || row === null) throw new SpecificationError(`isSuppressed expects a row of a controlled table, got ${describeValue(row)}`);
  if (row.suppressed !== true) return false;
  return column === undefined || row[column] === null || row[column] === undefined;
}

/**
 * Labels of the rows whose `column` (or any value) was withheld, e.g. for a figure caption
 * ("not shown: Pantar 2019"). Labels are the values of `keyColumns` joined by a space.
 *
 * @example
 * import { applyOutputControl } from './applyOutputControl.js';
 * const result = applyOutputControl([{ group: 'A', n: 4 }, { group: 'B', n: 12 }]);
 * suppressedKeys(result, ['group']); // ['A']
 */
export function suppressedKeys(result: ControlledTable | readonly ControlledRow[], keyColumns: readonly string[], column?: string): string[] {
  const rows = Array.isArray(result) ? (result as readonly ControlledRow[]) : (result as ControlledTable | null)?.rows;
  if (!Array.isArray(rows)) throw new SpecificationError(`suppressedKeys expects a controlled table (from applyOutputControl) or its rows, got ${describeValue(result)}`);
  if (!Array.isArray(keyColumns)) throw new SpecificationError(`suppressedKeys: keyColumns must be a list of column names, got ${describeValue(keyColumns)}`);
  return rows.filter((row) => isSuppressed(row, column)).map((row) => keyColumns.map((c) => String(row[c])).join(' '));
}
