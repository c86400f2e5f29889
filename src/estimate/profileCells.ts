import type { PanelCells } from '../panel/panelCells.js';

/**
 * Per group × phase × event time sums of a participation profile: persons, person-months, outcome
 * sums and, for weighted or non-binary profiles, the weighted sums a mean and its variance need.
 * Cell index `(group * 3 + phase) * span + (k − kMin)`. An input cell of person i with m
 * person-months and outcome sum s adds m to `n`, s to `sy`, w·m to `sw`, w·s to `swy`, w²·m to
 * `sw2` (Kish), and, for the person-clustered variance, w²·m·s to `sw2y`, w²·s² to `sw2y2` and
 * w²·m² to `sw2n2` (m = 1 in a monthly panel, where `sw2n2` equals `sw2`).
 */
export interface ProfileCells {
  readonly kMin: number;
  readonly span: number;
  /** Event-time range per phase (the panel's windows, widened to anything observed). */
  readonly lo: readonly number[];
  readonly hi: readonly number[];
  /** Person-months (the trials of a binary interval; persons when every cell holds one month). */
  readonly n: Float64Array;
  /** Persons (input cells). */
  readonly persons: Float64Array;
  readonly sy: Float64Array;
  readonly sw: Float64Array;
  readonly swy: Float64Array;
  readonly sw2: Float64Array;
  readonly sw2y: Float64Array;
  readonly sw2y2: Float64Array;
  readonly sw2n2: Float64Array;
}

/**
 * One pass over the input's cells (persons with weight 0 left out).
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * import { panelCells } from '../panel/panelCells.js';
 * const panel = panelFromLong([{ id: 'a', k: -1, y: 1 }, { id: 'b', k: -1, y: 0 }], { id: 'id', eventTime: 'k', outcome: 'y' });
 * const cells = profileCells(panelCells('demo', panel), false);
 * const at = -1 - cells.kMin; // group 0, phase before, k = -1
 * [cells.n[at], cells.sy[at]]; // [2, 1]
 */
export function profileCells(panel: PanelCells, weighted: boolean): ProfileCells {
  const lo = [-panel.spec.before, 0, 1];
  const hi = [-1, panel.spec.during ? 0 : -1, panel.spec.after];
  for (let r = 0; r < panel.length; r++) {
    const ph = panel.phase[r];
    const k = panel.eventTime[r];
    if (k < lo[ph]) lo[ph] = k;
    if (k > hi[ph]) hi[ph] = k;
  }
  const kMin = Math.min(...lo);
  const span = Math.max(...hi) - kMin + 1;
  const size = panel.groups.length * 3 * span;
  const array = () => new Float64Array(size);
  const cells = { kMin, span, lo, hi, n: array(), persons: array(), sy: array(), sw: array(), swy: array(), sw2: array(), sw2y: array(), sw2y2: array(), sw2n2: array() };
  const { n, persons, sy, sw, swy, sw2, sw2y, sw2y2, sw2n2 } = cells;
  const months = panel.n;
  const pw = panel.persons.weight;
  const group = panel.persons.group;
  // Unweighted 0/1 outcomes need only n and the count (the common, large case).
  const plain = !weighted && panel.binary;
  for (let r = 0; r < panel.length; r++) {
    const p = panel.person[r];
    if (!(pw[p] > 0)) continue;
    const c = (group[p] * 3 + panel.phase[r]) * span + (panel.eventTime[r] - kMin);
    const y = panel.sumY[r];
    const m = months === null ? 1 : months[r];
    n[c] += m;
    persons[c]++;
    sy[c] += y;
    if (plain) continue;
    const w = weighted ? pw[p] : 1;
    sw[c] += w * m;
    swy[c] += w * y;
    sw2[c] += w * w * m;
    sw2y[c] += w * w * m * y;
    sw2y2[c] += w * w * y * y;
    sw2n2[c] += w * w * m * m;
  }
  return cells;
}
