import type { EventPanel } from '../panel/types.js';
import { clusterIndex } from './clusters.js';

/**
 * Distinct persons (by person key) observed at each event-study column, per group: a control
 * matched to several sets (with replacement) is one person. Layout: treated columns, then control
 * columns. `side` is +1 treated, −1 control, 0 unused; `rowColumn` the column of each panel row
 * (or statistics cell).
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * const panel = panelFromLong([{ id: 'a', k: -1, y: 1 }, { id: 'b', k: -1, y: 0 }], { id: 'id', eventTime: 'k', outcome: 'y' });
 * // a is treated, b a control; both observed at the one column
 * Array.from(distinctPersonsAt(panel, Int8Array.of(1, -1), Int32Array.of(0, 0), 1)); // [1, 1]
 */
export function distinctPersonsAt(panel: Pick<EventPanel, 'persons' | 'offsets'>, side: Int8Array, rowColumn: Int32Array, J: number): Float64Array {
  const { index: keyOf, count: nKeys } = clusterIndex(panel, 'person');
  const P = panel.persons.length;
  // Panel persons grouped by key (CSR), so one stamp per key and column suffices.
  const start = new Int32Array(nKeys + 1);
  for (let p = 0; p < P; p++) start[keyOf[p] + 1]++;
  for (let u = 0; u < nKeys; u++) start[u + 1] += start[u];
  const fill = start.slice(0, nKeys);
  const members = new Int32Array(P);
  for (let p = 0; p < P; p++) members[fill[keyOf[p]]++] = p;
  const stamp = new Int32Array(J).fill(-1);
  const n = new Float64Array(2 * J);
  for (let u = 0; u < nKeys; u++) {
    for (let i = start[u]; i < start[u + 1]; i++) {
      const p = members[i];
      if (side[p] === 0) continue;
      const g = side[p] === 1 ? 0 : J;
      for (let r = panel.offsets[p]; r < panel.offsets[p + 1]; r++) {
        const j = rowColumn[r];
        if (j < 0 || stamp[j] === u) continue;
        stamp[j] = u;
        n[g + j]++;
      }
    }
  }
  return n;
}

/**
 * Person-months at each event-study column, per group (same layout as {@link distinctPersonsAt}):
 * the panel rows there, or the summed `n` of statistics cells (a cell may pool several months). A
 * control matched to several sets counts in each, as in the estimate.
 *
 * @example
 * // three cells of one treated person at column 0, holding 1, 2 and 3 person-months
 * Array.from(personMonthsAt(Int32Array.of(1, 2, 3), Int32Array.of(0, 3), Int8Array.of(1), Int32Array.of(0, 0, 0), 1)); // [6, 0]
 */
export function personMonthsAt(n: Int32Array | null, offsets: Int32Array, side: Int8Array, rowColumn: Int32Array, J: number): Float64Array {
  const months = new Float64Array(2 * J);
  for (let p = 0; p < side.length; p++) {
    if (side[p] === 0) continue;
    const g = side[p] === 1 ? 0 : J;
    for (let r = offsets[p]!; r < offsets[p + 1]!; r++) {
      const j = rowColumn[r]!;
      if (j >= 0) months[g + j] += n === null ? 1 : n[r]!;
    }
  }
  return months;
}
