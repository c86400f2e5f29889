import { DataError } from '../core/errors.js';
import type { ResolvedRules } from './resolveRules.js';
import { withholdCell, withholdRow, type SuppressionState } from './suppressionState.js';

/**
 * Primary suppression: withhold every row with fewer than `minPersons` persons, or a count (or, for a
 * derived rate, its complement `denominator − count`) below `minCount`; withhold percentile values
 * (and their side counts) without `minEachSide` persons on each side. Throws `DataError` for a person count that is not a
 * non-negative number, since such a row cannot be checked.
 *
 * @example
 * import { newSuppressionState } from './suppressionState.js';
 * import { resolveRules } from './resolveRules.js';
 * const rows = [{ group: 'A', n: 4 }, { group: 'B', n: 40 }];
 * const state = newSuppressionState(rows);
 * applyPrimarySuppression(state, resolveRules(['group', 'n'], rows));
 * Array.from(state.whole); // [1, 0]
 */
export function applyPrimarySuppression(state: SuppressionState, rules: ResolvedRules): void {
  const { rows } = state;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const persons = row[rules.personsColumn];
    if (typeof persons !== 'number' || !(persons >= 0))
      throw new DataError({ file: 'output table', row: i + 1, column: rules.personsColumn, value: persons, expected: 'a non-negative number of persons (every published row needs one)' });
    if (persons < rules.minPersons) withholdRow(state, i, 'primary:min-persons');
    for (const c of rules.countColumns) {
      const v = checkedCount(row[c], i, c);
      if (v !== null && v < rules.minCount) withholdRow(state, i, 'primary:min-count');
    }
    if (rules.complementCounts) {
      for (const r of rules.rates) {
        const count = checkedCount(row[r.count], i, r.count);
        const den = checkedCount(row[r.denominator], i, r.denominator);
        if (count !== null && den !== null && den - count < rules.minCount) withholdRow(state, i, 'primary:min-count-complement');
      }
    }
    for (const p of rules.percentiles) {
      const below = checkedCount(row[p.below], i, p.below);
      const above = checkedCount(row[p.above], i, p.above);
      // A percentile whose side counts are unknown cannot be shown to be safe.
      if (below === null || above === null || below < p.minEachSide || above < p.minEachSide) {
        // The side counts go too: a published "9 persons below" is itself a cell under the threshold.
        for (const c of [...p.columns, p.below, p.above]) if (row[c] !== null && row[c] !== undefined) withholdCell(state, i, c, 'primary:percentile-sides');
      }
    }
  }
}

function checkedCount(value: unknown, row: number, column: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !(value >= 0)) throw new DataError({ file: 'output table', row: row + 1, column, value, expected: 'a non-negative count of persons or null' });
  return value;
}
