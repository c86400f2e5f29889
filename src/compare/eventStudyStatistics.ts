import type { PanelCells } from '../panel/panelCells.js';
import type { EventColumns } from './eventColumns.js';

/** Point estimates and per-cluster influence functions of an event study. */
export interface EventStudyStatistics {
  /** ATT per column. */
  readonly att: Float64Array;
  /** 1 where both groups are observed at the column and in the reference window. */
  readonly defined: Uint8Array;
  /** Whether both groups have someone observed in the reference window. */
  readonly referenceObserved: boolean;
  /** Cluster influence functions, row-major clusters × columns (Σ over a cluster's persons). */
  readonly psi: Float64Array;
  /** Clusters with at least one used person. */
  readonly clustersUsed: number;
  /** Clusters with treated (index 0) and with control persons (index 1). */
  readonly clustersPerGroup: readonly [number, number];
}

/**
 * ATT(k) = [ȳ_T(k) − ȳ_T(ref)] − [ȳ_C(k) − ȳ_C(ref)] and its influence functions, as R `did`:
 * ψ_i(k) = ±[w_i 1_ik (y_ik − ȳ_g(k)) / Σw 1_k − w_i 1_i,ref (r_i − ȳ_g(ref)) / Σw 1_ref], summed per
 * cluster. ȳ_g(ref) averages persons' own means r_i over their observed reference months.
 * `side` is +1 for treated, −1 for control and 0 for persons not used. A cell of m person-months
 * with outcome sum s enters as m rows would: w·m in Σw 1_k, w·s in the sums, w (s − m ȳ_g(k)) in ψ.
 *
 * @example
 * // used by eventStudy; see its example
 */
export function eventStudyStatistics(panel: PanelCells, side: Int8Array, cols: EventColumns, clusterOf: Int32Array, nClusters: number, reference: readonly [number, number]): EventStudyStatistics {
  const J = cols.count;
  const { person, n } = panel;
  const outcome = panel.sumY;
  const weight = panel.persons.weight;
  const ref = referenceMeans(panel, side, reference);
  const D = new Float64Array(2 * J);
  const S = new Float64Array(2 * J);
  for (let r = 0; r < panel.length; r++) {
    const j = cols.rowColumn[r];
    if (j < 0) continue;
    const p = person[r];
    const g = side[p] === 1 ? 0 : J;
    D[g + j] += weight[p] * (n === null ? 1 : n[r]);
    S[g + j] += weight[p] * outcome[r];
  }
  const mean = Float64Array.from(D, (d, i) => (d > 0 ? S[i] / d : NaN));
  const referenceObserved = ref.D[0] > 0 && ref.D[1] > 0;
  const att = new Float64Array(J);
  const defined = new Uint8Array(J);
  for (let j = 0; j < J; j++) {
    att[j] = mean[j] - ref.mean[0] - (mean[J + j] - ref.mean[1]);
    defined[j] = referenceObserved && D[j] > 0 && D[J + j] > 0 ? 1 : 0;
  }
  const psi = new Float64Array(nClusters * J);
  for (let r = 0; r < panel.length; r++) {
    const j = cols.rowColumn[r];
    if (j < 0) continue;
    const p = person[r];
    const g = side[p] === 1 ? 0 : J;
    const m = n === null ? 1 : n[r];
    psi[clusterOf[p] * J + j] += (side[p] * weight[p] * (outcome[r] - m * mean[g + j])) / D[g + j];
  }
  const refPsi = new Float64Array(nClusters);
  const seen = new Uint8Array(nClusters * 2);
  for (let p = 0; p < panel.persons.length; p++) {
    if (side[p] === 0) continue;
    const g = side[p] === 1 ? 0 : 1;
    seen[clusterOf[p] * 2 + g] = 1;
    if (ref.n[p] > 0) refPsi[clusterOf[p]] += (side[p] * weight[p] * (ref.sum[p] / ref.n[p] - ref.mean[g])) / ref.D[g];
  }
  for (let c = 0; c < nClusters; c++) if (refPsi[c] !== 0) for (let j = 0; j < J; j++) psi[c * J + j] -= refPsi[c];
  let used = 0;
  const perGroup: [number, number] = [0, 0];
  for (let c = 0; c < nClusters; c++) {
    perGroup[0] += seen[c * 2];
    perGroup[1] += seen[c * 2 + 1];
    used += seen[c * 2] | seen[c * 2 + 1];
  }
  return { att, defined, referenceObserved, psi, clustersUsed: used, clustersPerGroup: perGroup };
}

/** Per person: outcome sum and months in the reference window; per group: Σw and the mean of person means. */
function referenceMeans(panel: PanelCells, side: Int8Array, [lo, hi]: readonly [number, number]) {
  const P = panel.persons.length;
  const sum = new Float64Array(P);
  const n = new Float64Array(P);
  const months = panel.n;
  for (let r = 0; r < panel.length; r++) {
    if (panel.phase[r] !== 0 || panel.eventTime[r] < lo || panel.eventTime[r] > hi) continue;
    sum[panel.person[r]] += panel.sumY[r];
    n[panel.person[r]] += months === null ? 1 : months[r];
  }
  const D = [0, 0];
  const S = [0, 0];
  const w = panel.persons.weight;
  for (let p = 0; p < P; p++) {
    if (side[p] === 0 || n[p] === 0) continue;
    const g = side[p] === 1 ? 0 : 1;
    D[g] += w[p];
    S[g] += (w[p] * sum[p]) / n[p];
  }
  return { sum, n, D, mean: [S[0] / D[0], S[1] / D[1]] };
}
