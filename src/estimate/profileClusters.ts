/**
 * Cluster-robust (CR1) variances of the profile's cell means for non-binary outcomes when panel
 * persons share a cluster (a control matched in two sets, a person anchored twice): residuals are
 * summed within a cluster before squaring. With every person its own cluster this is the
 * person-level formula the profile uses otherwise (docs/methods/README.md).
 */
import type { PanelCells } from '../panel/panelCells.js';
import type { EventPanel } from '../panel/types.js';
import type { ProfileCells } from './profileCells.js';

/**
 * Whether some panel persons share a cluster id (so person-level and cluster-level CR1 differ).
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * sharesClusters(panelFromLong([{ id: 'a', k: -1, y: 2 }], { id: 'id', eventTime: 'k', outcome: 'y' })); // false
 */
export function sharesClusters(panel: Pick<EventPanel, 'persons'>): boolean {
  const seen = new Set<number>();
  for (const c of panel.persons.cluster) {
    if (c < 0) continue;
    if (seen.has(c)) return true;
    seen.add(c);
  }
  return false;
}

/**
 * Per cell: CR1 variance of the (weighted) mean, G/(G−1) Σ_g (Σ_{i∈g} w_i (s_i − m_i m))² / (Σ w m)², and
 * the number of clusters G; NaN when G < 2 (s_i, m_i: outcome sum and person-months of person i's
 * input cell; m_i = 1 in a monthly panel).
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * import { panelCells } from '../panel/panelCells.js';
 * import { profileCells } from './profileCells.js';
 * const panel = panelCells('demo', panelFromLong([{ id: 'a', k: -1, y: 2 }, { id: 'b', k: -1, y: 4 }], { id: 'id', eventTime: 'k', outcome: 'y' }));
 * const cells = profileCells(panel, false);
 * profileClusterVariance(panel, cells, false).variance[-1 - cells.kMin]; // 2 (G/(G−1) · (1 + 1) / 2²)
 */
export function profileClusterVariance(panel: PanelCells, cells: ProfileCells, weighted: boolean): { variance: Float64Array; clusters: Float64Array } {
  const size = cells.n.length;
  const mean = new Float64Array(size);
  for (let c = 0; c < size; c++) mean[c] = cells.sw[c] > 0 ? cells.swy[c] / cells.sw[c] : NaN;
  // Compact cluster index per panel person: shared ids map together, -1 is the person alone.
  const ids = new Map<number, number>();
  const index = new Int32Array(panel.persons.length);
  let G = 0;
  for (let p = 0; p < panel.persons.length; p++) {
    const c = panel.persons.cluster[p];
    if (c < 0) index[p] = G++;
    else {
      let k = ids.get(c);
      if (k === undefined) ids.set(c, (k = G++));
      index[p] = k;
    }
  }
  const score = new Map<number, number>();
  const pw = panel.persons.weight;
  const months = panel.n;
  for (let r = 0; r < panel.length; r++) {
    const p = panel.person[r];
    if (!(pw[p] > 0)) continue;
    const c = (panel.persons.group[p] * 3 + panel.phase[r]) * cells.span + (panel.eventTime[r] - cells.kMin);
    const key = c * G + index[p];
    const w = weighted ? pw[p] : 1;
    const m = months === null ? 1 : months[r];
    score.set(key, (score.get(key) ?? 0) + w * (panel.sumY[r] - m * mean[c]));
  }
  const ss = new Float64Array(size);
  const clusters = new Float64Array(size);
  for (const [key, s] of score) {
    const c = Math.floor(key / G);
    ss[c] += s * s;
    clusters[c]++;
  }
  const variance = new Float64Array(size);
  for (let c = 0; c < size; c++) {
    const g = clusters[c];
    variance[c] = g < 2 ? NaN : ((g / (g - 1)) * ss[c]) / (cells.sw[c] * cells.sw[c]);
  }
  return { variance, clusters };
}
