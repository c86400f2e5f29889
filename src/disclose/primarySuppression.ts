import { DataError } from '../core/errors.js';
import { describesDifference, impliedCount } from './impliedCounts.js';
import type { ResolvedRules } from './resolveRules.js';
import { withholdCell, withholdRow, type SuppressionState } from './suppressionState.js';

/**
 * Primary suppression: withhold every row with fewer than `minPersons` persons, or a count (or, for a
 * derived rate, its complement `denominator − count`) below `minCount`, or a share whose implied count
 * (`share × n`, or its complement) is below `minCount`; withhold a row whose person count or count is
 * missing (unknown, so it cannot be shown to be safe); withhold percentile values (and their side counts)
 * without `minEachSide` persons on each side. Only the table's own rows are checked (not margins).
 * Throws `DataError` for a person count or count that is neither a non-negative number nor missing.
 *
 * @example
 * import { newSuppressionState } from './suppressionState.js';
 * import { resolveRules } from './resolveRules.js';
 * const rows = [{ group: 'A', n: 4 }, { group: 'B', n: 40 }, { group: 'C', n: null }];
 * const state = newSuppressionState(rows);
 * applyPrimarySuppression(state, resolveRules(['group', 'n'], rows));
 * Array.from(state.whole); // [1, 0, 1]
 * state.reasons[2]; // ['primary:count-unknown']
 */
export function applyPrimarySuppression(state: SuppressionState, rules: ResolvedRules): void {
  for (let i = 0; i < state.tableRows; i++) {
    const row = state.rows[i];
    const persons = checkedCount(row[rules.personsColumn], i, rules.personsColumn);
    if (persons === null) withholdRow(state, i, 'primary:count-unknown');
    else if (persons < rules.minPersons) withholdRow(state, i, 'primary:min-persons');
    countChecks(state, rules, i);
    impliedCountChecks(state, rules, i);
    percentileChecks(state, rules, i);
  }
}

/** Count columns and complements of derived rates. */
function countChecks(state: SuppressionState, rules: ResolvedRules, i: number): void {
  const row = state.rows[i];
  for (const c of rules.countColumns) {
    const v = checkedCount(row[c], i, c);
    if (v === null) withholdRow(state, i, 'primary:count-unknown');
    else if (v < rules.minCount) withholdRow(state, i, 'primary:min-count');
  }
  if (!rules.complementCounts) return;
  for (const r of rules.rates) {
    const count = checkedCount(row[r.count], i, r.count);
    const den = checkedCount(row[r.denominator], i, r.denominator);
    if (count !== null && den !== null && den - count < rules.minCount) withholdRow(state, i, 'primary:min-count-complement');
  }
}

/** Shares published with their number of persons: the count they imply, and its complement. */
function impliedCountChecks(state: SuppressionState, rules: ResolvedRules, i: number): void {
  const row = state.rows[i];
  for (const rule of rules.impliedCounts) {
    const implied = impliedCount(row, rule);
    if (implied === undefined) continue;
    if (rule.detected && describesDifference(row, rules.labelColumns)) continue;
    if (implied === null) {
      withholdRow(state, i, 'primary:count-unknown');
      continue;
    }
    if (implied < rules.minCount) withholdRow(state, i, 'primary:implied-count');
    else if (rules.complementCounts && (row[rule.denominator] as number) - implied < rules.minCount) withholdRow(state, i, 'primary:implied-count-complement');
  }
}

/** A percentile whose side counts are unknown or small cannot be shown to be safe. */
function percentileChecks(state: SuppressionState, rules: ResolvedRules, i: number): void {
  const row = state.rows[i];
  for (const p of rules.percentiles) {
    const below = checkedCount(row[p.below], i, p.below);
    const above = checkedCount(row[p.above], i, p.above);
    if (below === null || above === null || below < p.minEachSide || above < p.minEachSide) {
      // The side counts go too: a published "9 persons below" is itself a cell under the threshold.
      for (const c of [...p.columns, p.below, p.above]) if (row[c] !== null && row[c] !== undefined) withholdCell(state, i, c, 'primary:percentile-sides');
    }
  }
}

function checkedCount(value: unknown, row: number, column: string): number | null {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return null;
  if (typeof value !== 'number' || !(value >= 0) || value === Infinity) throw new DataError({ file: 'output table', row: row + 1, column, value, expected: 'a finite, non-negative count of persons, or null when unknown' });
  return value;
}
