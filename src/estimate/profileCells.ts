import type { EventPanel } from '../panel/types.js';

/**
 * Per group × phase × event time sums of a participation profile: counts, outcome sums and, for
 * weighted or non-binary profiles, the weighted sums a mean and its variance need.
 * Cell index `(group * 3 + phase) * span + (k − kMin)`.
 */
export interface ProfileCells {
  readonly kMin: number;
  readonly span: number;
  /** Event-time range per phase (the panel's windows, widened to anything observed). */
  readonly lo: readonly number[];
  readonly hi: readonly number[];
  readonly n: Float64Array;
  readonly sy: Float64Array;
  readonly sw: Float64Array;
  readonly swy: Float64Array;
  readonly sw2: Float64Array;
  readonly sw2y: Float64Array;
  readonly sw2y2: Float64Array;
}

/**
 * One pass over the panel's rows (persons with weight 0 left out).
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * const panel = panelFromLong([{ id: 'a', k: -1, y: 1 }, { id: 'b', k: -1, y: 0 }], { id: 'id', eventTime: 'k', outcome: 'y' });
 * const cells = profileCells(panel, false);
 * const at = -1 - cells.kMin; // group 0, phase before, k = -1
 * [cells.n[at], cells.sy[at]]; // [2, 1]
 */
export function profileCells(panel: EventPanel, weighted: boolean): ProfileCells {
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
  const cells = { kMin, span, lo, hi, n: new Float64Array(size), sy: new Float64Array(size), sw: new Float64Array(size), swy: new Float64Array(size), sw2: new Float64Array(size), sw2y: new Float64Array(size), sw2y2: new Float64Array(size) };
  const { n, sy, sw, swy, sw2, sw2y, sw2y2 } = cells;
  const pw = panel.persons.weight;
  const group = panel.persons.group;
  // Unweighted 0/1 outcomes need only n and the count (the common, large case).
  const plain = !weighted && panel.binary;
  for (let r = 0; r < panel.length; r++) {
    const p = panel.person[r];
    if (!(pw[p] > 0)) continue;
    const c = (group[p] * 3 + panel.phase[r]) * span + (panel.eventTime[r] - kMin);
    const y = panel.outcome[r];
    n[c]++;
    sy[c] += y;
    if (plain) continue;
    const w = weighted ? pw[p] : 1;
    sw[c] += w;
    swy[c] += w * y;
    sw2[c] += w * w;
    sw2y[c] += w * w * y;
    sw2y2[c] += w * w * y * y;
  }
  return cells;
}
