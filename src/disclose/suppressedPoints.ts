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
  const rows = Array.isArray(result) ? (result as readonly ControlledRow[]) : (result as ControlledTable).rows;
  return rows.filter((row) => isSuppressed(row, column)).map((row) => keyColumns.map((c) => String(row[c])).join(' '));
}
