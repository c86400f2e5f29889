import { SpecificationError } from '../io/errors.js';
import type { ResolvedRules } from './resolveRules.js';
import { determinedCells } from './linkedTotals.js';
import { withholdRow, type SuppressionState } from './suppressionState.js';

/**
 * One additive line of a table with margins: the cells that differ only in one dimension, and the cell
 * that is their total. Publishing the total and all but one of the cells reveals the last one.
 */
export interface TableLine {
  /** The dimension that varies along the line. */
  readonly dimension: string;
  /** Row index of the total cell. */
  readonly total: number;
  /** Row indices of the other cells. */
  readonly cells: readonly number[];
}

/**
 * The additive lines of a tidy table with margins: for each dimension, the rows that agree on every other
 * dimension and on the `by` columns, when one of them carries that dimension's total label.
 * Throws `SpecificationError` when two rows describe the same cell.
 *
 * @example
 * const rows = [
 *   { sex: 'M', n: 30 }, { sex: 'V', n: 25 }, { sex: 'Totaal', n: 55 },
 * ];
 * tableLines(rows, { dimensions: [{ column: 'sex', total: 'Totaal' }], by: [] });
 * // [{ dimension: 'sex', total: 2, cells: [0, 1] }]
 */
export function tableLines(rows: readonly Record<string, unknown>[], structure: NonNullable<ResolvedRules['secondary']>): TableLine[] {
  const { dimensions, by } = structure;
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const key = JSON.stringify([...by, ...dimensions.map((d) => d.column)].map((c) => row[c]));
    const before = seen.get(key);
    if (before !== undefined)
      throw new SpecificationError(
        `output control: rows ${before + 1} and ${i + 1} describe the same cell (${[...by, ...dimensions.map((d) => d.column)].join(', ')} = ${key}); name the columns that tell them apart in rules.secondary.by`,
      );
    seen.set(key, i);
  });
  const lines: TableLine[] = [];
  for (const dim of dimensions) {
    const fixed = [...by, ...dimensions.filter((d) => d !== dim).map((d) => d.column)];
    const groups = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const key = JSON.stringify(fixed.map((c) => row[c]));
      const group = groups.get(key);
      if (group) group.push(i);
      else groups.set(key, [i]);
    });
    for (const members of groups.values()) {
      const total = members.find((i) => String(rows[i][dim.column]) === String(dim.total));
      if (total === undefined || members.length < 2) continue;
      lines.push({ dimension: dim.column, total, cells: members.filter((i) => i !== total) });
    }
  }
  return lines;
}

/**
 * Secondary suppression: while some line has exactly one withheld cell (it could be recovered by
 * subtraction from the total), also withhold the published cell of that line with the fewest persons
 * (the total only when no other cell is left). Repeats over all lines until nothing changes.
 * The reason is `secondary:complement` in a two-group line, `secondary:total` otherwise.
 * Then solves all lines together (`determinedCells`): while a withheld cell is still determined exactly,
 * withholds the smallest published cell on a line through it (`secondary:linked-totals`) and repeats.
 *
 * @example
 * import { newSuppressionState, withholdRow } from './suppressionState.js';
 * import { resolveRules } from './resolveRules.js';
 * const rows = [{ sex: 'M', n: 4 }, { sex: 'V', n: 51 }, { sex: 'Totaal', n: 55 }];
 * const state = newSuppressionState(rows);
 * withholdRow(state, 0, 'primary:min-persons');
 * applySecondarySuppression(state, resolveRules(['sex', 'n'], rows));
 * Array.from(state.whole); // [1, 1, 0]
 */
export function applySecondarySuppression(state: SuppressionState, rules: ResolvedRules): void {
  if (!rules.secondary) return;
  const lines = tableLines(state.rows, rules.secondary);
  const persons = (i: number): number => state.rows[i][rules.personsColumn] as number;
  /** The published cell of these lines with the fewest persons; a total only when no other cell is left. */
  const smallestPublished = (among: readonly TableLine[]): number => {
    let pick = -1;
    for (const line of among) for (const i of line.cells) if (!state.whole[i] && (pick < 0 || persons(i) < persons(pick))) pick = i;
    if (pick < 0) for (const line of among) if (!state.whole[line.total] && (pick < 0 || persons(line.total) < persons(pick))) pick = line.total;
    return pick;
  };
  for (;;) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const line of lines) {
        let withheld = state.whole[line.total];
        for (const i of line.cells) withheld += state.whole[i];
        if (withheld !== 1) continue;
        withholdRow(state, smallestPublished([line]), line.cells.length === 2 ? 'secondary:complement' : 'secondary:total');
        changed = true;
      }
    }
    // No line gives a cell away on its own; combining lines still can (e.g. a cell linked to two
    // sub-tables that each pin down its sum). Open up one such cell at a time and check again.
    const determined = determinedCells(lines, state.whole);
    if (determined.length === 0) return;
    const d = determined[0];
    const through = lines.filter((l) => l.total === d || l.cells.includes(d));
    let pick = smallestPublished(through);
    if (pick < 0) pick = smallestPublished(lines.filter((l) => state.whole[l.total] || l.cells.some((i) => state.whole[i])));
    if (pick < 0) return;
    withholdRow(state, pick, 'secondary:linked-totals');
  }
}
