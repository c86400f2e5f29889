import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';
import type { ResolvedRules } from './resolveRules.js';
import { determinedCells } from './linkedTotals.js';
import { marginLines } from './margins.js';
import { shareLines } from './shareLines.js';
import { canWithhold, withholdRow, type SuppressionState } from './suppressionState.js';
import { withheldSumPick } from './withheldSum.js';

/**
 * One additive line of a table: the cells that differ only in one dimension, and their total.
 * Publishing the total and all but one of the cells reveals the last one; publishing the total and
 * all but a few reveals the sum of those few.
 */
export interface TableLine {
  /** The dimension that varies along the line. */
  readonly dimension: string;
  /**
   * Row index of the total cell, or `null` for a distribution over a shared total (the cells' `count`s
   * add up to the denominator published on each of them): that total counts as always known.
   */
  readonly total: number | null;
  /** Row indices of the other cells. */
  readonly cells: readonly number[];
  /** For a shared-total line: the column whose values add up to the total. */
  readonly count?: string;
}

/**
 * The additive lines of a tidy table with margins: for each dimension, the rows that agree on every other
 * dimension and on the `by` columns, when one of them carries that dimension's total label; then the
 * distributions over a shared total (`structure.shares`, see `shareLines`).
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
  if (!Array.isArray(rows)) throw new SpecificationError(`tableLines expects the table's rows, got ${describeValue(rows)}`);
  if (typeof structure !== 'object' || structure === null || !Array.isArray(structure.dimensions) || !Array.isArray(structure.by))
    throw new SpecificationError(`tableLines expects a structure { dimensions, by, shares? }, got ${describeValue(structure)}`);
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
  const seenShares = new Set<string>();
  for (const rule of structure.shares ?? [])
    for (const cells of shareLines(rows, rule)) {
      const key = `${rule.count}:${cells.join(',')}`;
      if (seenShares.has(key)) continue;
      seenShares.add(key);
      lines.push({ dimension: rule.category, total: null, cells, count: rule.count });
    }
  return lines;
}

/**
 * Every additive line: the table's own (totals, shared-total distributions) and those of margins
 * published elsewhere (`rules.margins`, appended to the state as rows that can never be withheld).
 */
export function additiveLines(state: SuppressionState, rules: ResolvedRules): TableLine[] {
  const table = state.rows.slice(0, state.tableRows);
  const own = rules.secondary ? tableLines(table, rules.secondary) : [];
  if (rules.margins.length === 0) return own;
  const dims = rules.secondary?.dimensions ?? [];
  const isTotalRow = (i: number): boolean => dims.some((d) => String(state.rows[i][d.column]) === String(d.total));
  return [...own, ...marginLines(state.rows, state.tableRows, rules.margins, isTotalRow)];
}

/**
 * Secondary suppression: while some line has exactly one withheld cell (it could be recovered by
 * subtraction from the total), also withhold the published cell of that line with the fewest persons
 * (the total only when no other cell is left). Repeats over all lines until nothing changes.
 * The reason is `secondary:complement` in a two-group line, `secondary:total` otherwise.
 * Then, while the withheld cells of some line with a published total together hold more than 0 but
 * fewer than the threshold (total minus published cells would disclose that small group), withholds
 * the smallest published cell of that line (`secondary:withheld-sum`, see `withheldSumPick`).
 * Then solves all lines together (`determinedCells`): while a withheld cell is still determined exactly,
 * withholds the smallest published cell on a line through it (`secondary:linked-totals`) and repeats.
 * Margins published elsewhere (`rules.margins`) add lines whose total can never be withheld.
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
  const lines = additiveLines(state, rules);
  if (lines.length === 0) return;
  const persons = (i: number): number => state.rows[i][rules.personsColumn] as number;
  /** The published cell of these lines with the fewest persons; a total only when no other cell is left; never a margin. */
  const smallestPublished = (among: readonly TableLine[]): number => {
    let pick = -1;
    let best = Infinity;
    for (const line of among)
      for (const i of line.cells) {
        // On a shared-total line every cell has the same persons (the total); its own count is what it holds.
        const v = line.count !== undefined ? (state.rows[i][line.count] as number) : persons(i);
        if (canWithhold(state, i) && (pick < 0 || v < best)) [pick, best] = [i, v];
      }
    if (pick < 0) for (const line of among) if (line.total !== null && canWithhold(state, line.total) && (pick < 0 || persons(line.total) < persons(pick))) pick = line.total;
    return pick;
  };
  for (;;) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const line of lines) {
        let withheld = line.total === null ? 0 : state.whole[line.total];
        for (const i of line.cells) withheld += state.whole[i];
        if (withheld !== 1) continue;
        const pick = smallestPublished([line]);
        if (pick < 0) continue;
        withholdRow(state, pick, line.cells.length === 2 ? 'secondary:complement' : 'secondary:total');
        changed = true;
      }
    }
    const small = withheldSumPick(state, lines, rules);
    if (small >= 0) {
      withholdRow(state, small, 'secondary:withheld-sum');
      continue;
    }
    // No line gives a cell away on its own; combining lines still can (e.g. a cell linked to two
    // sub-tables that each pin down its sum). Open up one such cell at a time and check again.
    const determined = determinedCells(lines, state.whole);
    if (determined.length === 0) return;
    const d = determined[0];
    const through = lines.filter((l) => l.total === d || l.cells.includes(d));
    let pick = smallestPublished(through);
    if (pick < 0) pick = smallestPublished(lines.filter((l) => (l.total !== null && state.whole[l.total]) || l.cells.some((i) => state.whole[i])));
    // Nothing left to withhold: every cell of the lines is out already or a margin published elsewhere.
    if (pick < 0) return;
    withholdRow(state, pick, 'secondary:linked-totals');
  }
}
