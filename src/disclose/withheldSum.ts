import type { ResolvedRules } from './resolveRules.js';
import type { TableLine } from './secondarySuppression.js';
import { canWithhold, type SuppressionState } from './suppressionState.js';

/** One additive quantity of a line: its value per row and the minimum a withheld group must hold. */
interface Quantity {
  readonly value: (row: Readonly<Record<string, unknown>>) => number | null;
  readonly threshold: number;
}

/**
 * A published cell that must also be withheld because the withheld cells of some line together hold
 * more than 0 but fewer than the threshold (persons for the person count, `minCount` for counts and
 * rate complements): the line's published total minus its published cells gives that small sum away.
 * Returns the published cell of the first such line with the smallest value of the offending quantity
 * (the total row only when no other cell is left), or -1 when no line needs one.
 * Lines whose total is withheld are skipped here (their sum is not published; `determinedCells`
 * checks what combining lines pins down); only quantities that add up exactly on the line count.
 *
 * @example
 * import { newSuppressionState, withholdRow } from './suppressionState.js';
 * import { resolveRules } from './resolveRules.js';
 * const rows = [{ g: 'a', n: 1 }, { g: 'b', n: 3 }, { g: 'c', n: 12 }, { g: 'd', n: 40 }, { g: 'Totaal', n: 56 }];
 * const state = newSuppressionState(rows);
 * withholdRow(state, 0, 'primary:min-persons');
 * withholdRow(state, 1, 'primary:min-persons');
 * const lines = [{ dimension: 'g', total: 4, cells: [0, 1, 2, 3] }];
 * withheldSumPick(state, lines, resolveRules(['g', 'n'], rows)); // 2
 */
export function withheldSumPick(state: SuppressionState, lines: readonly TableLine[], rules: ResolvedRules): number {
  const totalQuantities = quantitiesOf(rules);
  for (const line of lines) {
    if (line.total !== null && state.whole[line.total]) continue;
    const quantities: readonly Quantity[] = line.count !== undefined ? [{ value: numberIn(line.count), threshold: rules.minCount }] : totalQuantities;
    for (const q of quantities) {
      if (line.total !== null && !addsUp(state.rows, line, q)) continue;
      let sum = 0;
      let anyWithheld = false;
      for (const i of line.cells) {
        if (!state.whole[i]) continue;
        anyWithheld = true;
        sum += q.value(state.rows[i]) ?? 0;
      }
      if (!anyWithheld || sum <= 0 || sum >= q.threshold) continue;
      let pick = -1;
      let best = Infinity;
      for (const i of line.cells) {
        const v = q.value(state.rows[i]) ?? Infinity;
        if (canWithhold(state, i) && (pick < 0 || v < best)) [pick, best] = [i, v];
      }
      if (pick < 0 && line.total !== null && canWithhold(state, line.total)) pick = line.total;
      if (pick >= 0) return pick;
    }
  }
  return -1;
}

function quantitiesOf(rules: ResolvedRules): Quantity[] {
  const qs: Quantity[] = [{ value: numberIn(rules.personsColumn), threshold: rules.minPersons }];
  for (const c of rules.countColumns) qs.push({ value: numberIn(c), threshold: rules.minCount });
  if (rules.complementCounts)
    for (const r of rules.rates) {
      const count = numberIn(r.count);
      const den = numberIn(r.denominator);
      qs.push({ value: (row) => (count(row) === null || den(row) === null ? null : den(row)! - count(row)!), threshold: rules.minCount });
    }
  return qs;
}

function numberIn(column: string): (row: Readonly<Record<string, unknown>>) => number | null {
  return (row) => {
    const v = row[column];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
}

/** Whether the total row holds exactly the sum of the line's cells for this quantity (else its remainder is no exact sum). */
function addsUp(rows: readonly Readonly<Record<string, unknown>>[], line: TableLine, q: Quantity): boolean {
  const total = q.value(rows[line.total!]);
  if (total === null) return false;
  let sum = 0;
  for (const i of line.cells) {
    const v = q.value(rows[i]);
    if (v === null) return false;
    sum += v;
  }
  return Math.abs(sum - total) <= 1e-9 * Math.max(1, Math.abs(total));
}
