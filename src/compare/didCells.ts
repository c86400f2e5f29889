import { SpecificationError } from '../core/errors.js';
import type { PanelCells } from '../panel/panelCells.js';
import type { EventPanel } from '../panel/types.js';
import type { BiasAdjustment } from './biasCorrection.js';
import { clusterIndex, type Clustering } from './clusters.js';

/**
 * Sufficient statistics of a difference-in-differences, by cell (treated-before, treated-after,
 * control-before, control-after) and by used cluster: everything the point estimate, its CR1 variance
 * and the wild bootstrap need.
 */
export interface DidCellSums {
  /** Σ w · months per cell. */
  readonly W: Float64Array;
  /** Σ w · y per cell. */
  readonly WY: Float64Array;
  /** Person-months per cell. */
  readonly months: Float64Array;
  /** Distinct persons (by key) per cell. */
  readonly persons: Float64Array;
  /** Distinct persons in any cell. */
  readonly nPersons: number;
  /** Used clusters G (rows of the per-cluster sums). */
  readonly clusters: number;
  /** Σ w·months and Σ w·y per used cluster × cell (row-major, G × 4). */
  readonly clusterW: Float64Array;
  readonly clusterWY: Float64Array;
  /** With a bias correction: the coefficients' influence on Σ w·y per used cluster × cell (G × 4); zeros otherwise. */
  readonly clusterExtra: Float64Array;
  /** Used clusters with treated persons, and with control persons. */
  readonly clustersPerGroup: readonly [number, number];
}

/**
 * Per panel person: months and outcome sums before (phase 0) and after (phase 2), as
 * [before months, before Σy, after months, after Σy], from the panel's rows or its statistics'
 * cells (a cell adds its person-months and Σ outcome).
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * import { panelCells } from '../panel/panelCells.js';
 * const panel = panelFromLong([{ id: 'a', k: -1, y: 1 }, { id: 'a', k: -2, y: 0 }, { id: 'a', k: 1, y: 1 }], { id: 'id', eventTime: 'k', outcome: 'y' });
 * Array.from(personSums(panelCells('demo', panel))); // [2, 1, 1, 1]
 * Array.from(personSums(panelCells('demo', panel.statistics()))); // [2, 1, 1, 1]
 */
export function personSums(panel: PanelCells): Float64Array {
  const out = new Float64Array(panel.persons.length * 4);
  const { n, sumY } = panel;
  for (let r = 0; r < panel.length; r++) {
    const ph = panel.phase[r];
    if (ph === 1) continue;
    const o = panel.person[r] * 4 + (ph === 0 ? 0 : 2);
    out[o] += n === null ? 1 : n[r];
    out[o + 1] += sumY[r];
  }
  return out;
}

/**
 * Cell and cluster sums of the before and after person-months of the treated and control groups;
 * persons with weight 0 are left out (also from the cluster count). With a bias adjustment, each
 * person's outcomes shift by `adjust.shift` (per phase) and the coefficients' influence is summed per cluster.
 *
 * @example
 * // used by diffInDiff; see its example
 */
export function didCellSums(panel: Pick<EventPanel, 'persons'>, codes: { treated: number; control: number }, clustering: Clustering, sums: Float64Array, adjust?: BiasAdjustment): DidCellSums {
  const { weight, group } = panel.persons;
  const { index: keyOf, count: keyCount } = clusterIndex(panel, 'person');
  const seen = new Uint8Array(keyCount * 5);
  const W = new Float64Array(4);
  const WY = new Float64Array(4);
  const months = new Float64Array(4);
  const persons = new Float64Array(4);
  const dense = new Int32Array(clustering.count).fill(-1);
  const cw: number[] = [];
  const cwy: number[] = [];
  const cex: number[] = [];
  const perGroup: [number, number] = [0, 0];
  const groupSeen = new Uint8Array(clustering.count * 2);
  let nPersons = 0;
  for (let p = 0; p < panel.persons.length; p++) {
    const base = group[p] === codes.treated ? 0 : group[p] === codes.control ? 2 : -1;
    const w = weight[p];
    if (base < 0 || w === 0 || sums[p * 4] + sums[p * 4 + 2] === 0) continue;
    if (!(w > 0) || !Number.isFinite(w)) throw new SpecificationError(`diffInDiff: person ${panel.persons.id[p]} has weight ${w}; weights must be finite and ≥ 0`);
    const c = clustering.index[p];
    if (dense[c] < 0) ((dense[c] = cw.length / 4), cw.push(0, 0, 0, 0), cwy.push(0, 0, 0, 0), cex.push(0, 0, 0, 0));
    if (!groupSeen[c * 2 + base / 2]) ((groupSeen[c * 2 + base / 2] = 1), perGroup[base / 2]++);
    if (!seen[keyOf[p] * 5 + 4]) ((seen[keyOf[p] * 5 + 4] = 1), nPersons++);
    for (let h = 0; h < 2; h++) {
      const n = sums[p * 4 + h * 2];
      if (n === 0) continue;
      const cell = base + h;
      const sy = sums[p * 4 + h * 2 + 1] + (adjust ? n * adjust.shift[p * 2 + h] : 0);
      W[cell] += w * n;
      WY[cell] += w * sy;
      months[cell] += n;
      cw[dense[c] * 4 + cell] += w * n;
      cwy[dense[c] * 4 + cell] += w * sy;
      if (adjust) cex[dense[c] * 4 + cell] += adjust.score[p * 2 + h];
      if (!seen[keyOf[p] * 5 + cell]) ((seen[keyOf[p] * 5 + cell] = 1), persons[cell]++);
    }
  }
  return { W, WY, months, persons, nPersons, clusters: cw.length / 4, clusterW: Float64Array.from(cw), clusterWY: Float64Array.from(cwy), clusterExtra: Float64Array.from(cex), clustersPerGroup: perGroup };
}
