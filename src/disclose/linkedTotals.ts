import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';
import type { TableLine } from './secondarySuppression.js';

/**
 * Withheld cells that the published cells and totals still pin down exactly, when all additive lines
 * of the table are combined (not just one line at a time). Each line says `sum(cells) − total = 0`;
 * with published values moved to the right-hand side this is a linear system in the withheld cells.
 * A withheld cell is determined exactly when its unit vector lies in the row space of that system,
 * i.e. when its pivot row in reduced row-echelon form has no other non-zero entry.
 *
 * @example
 * // Two one-way lines through cell 0: 0 + 1 = 2 and 0 + 3 = 4, with 1 and 2 withheld and 3, 4 published.
 * const lines = [{ dimension: 'a', total: 2, cells: [0, 1] }, { dimension: 'b', total: 4, cells: [0, 3] }];
 * determinedCells(lines, Uint8Array.from([1, 1, 1, 0, 0])); // [0]
 */
export function determinedCells(lines: readonly TableLine[], withheld: Uint8Array): number[] {
  if (!Array.isArray(lines) || !(withheld instanceof Uint8Array)) throw new SpecificationError(`determinedCells expects additive lines and a Uint8Array of withheld rows, got ${describeValue(lines)} and ${describeValue(withheld)}`);
  const unknown = new Map<number, number>();
  const equations: Map<number, number>[] = [];
  for (const line of lines) {
    const coef = new Map<number, number>();
    for (const i of line.cells) if (withheld[i]) coef.set(i, 1);
    // A shared total (null) is known: it is published on the line's rows or with the group sizes.
    if (line.total !== null && withheld[line.total]) coef.set(line.total, -1);
    if (coef.size === 0) continue;
    for (const i of coef.keys()) if (!unknown.has(i)) unknown.set(i, unknown.size);
    equations.push(coef);
  }
  const u = unknown.size;
  if (u === 0) return [];
  const m = equations.map((coef) => {
    const row = new Float64Array(u);
    for (const [i, c] of coef) row[unknown.get(i)!] = c;
    return row;
  });
  const pivotOf = rref(m, u);
  const cellOf = [...unknown.keys()];
  const determined: number[] = [];
  pivotOf.forEach((col, r) => {
    let alone = true;
    for (let j = 0; j < u && alone; j++) if (j !== col && Math.abs(m[r][j]) > 1e-9) alone = false;
    if (alone) determined.push(cellOf[col]);
  });
  return determined.sort((a, b) => a - b);
}

/** Reduced row-echelon form in place (partial pivoting); returns the pivot column of each leading row. */
function rref(m: Float64Array[], cols: number): number[] {
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i][c]) > Math.abs(m[best][c])) best = i;
    if (Math.abs(m[best][c]) < 1e-9) continue;
    [m[r], m[best]] = [m[best], m[r]];
    const p = m[r][c];
    for (let j = 0; j < cols; j++) m[r][j] /= p;
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i][c];
      if (f !== 0) for (let j = 0; j < cols; j++) m[i][j] -= f * m[r][j];
    }
    pivots.push(c);
    r++;
  }
  return pivots;
}
