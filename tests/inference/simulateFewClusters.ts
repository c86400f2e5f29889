import type { Row } from '../compare/helpers.js';

/**
 * A panel of G clusters of 12 persons, 6 months before and 6 after; half the clusters treated
 * (treatment nested in clusters) unless `oneGroup`. Each cluster gets a common shock after support
 * (sd 0.08) and each person a level (sd 0.1): outcomes are correlated within clusters, so inference
 * must cluster. `effect` is added to treated persons after support.
 */
export function simulateFewClusters(G: number, effect: number, z: () => number, u: () => number, options: { oneGroup?: boolean } = {}): { rows: Row[]; cluster: Record<string, number> } {
  const rows: Row[] = [];
  const cluster: Record<string, number> = {};
  for (let g = 0; g < G; g++) {
    const treated = options.oneGroup || g < G / 2;
    const shock = 0.08 * z();
    for (let i = 0; i < 12; i++) {
      const id = `g${g}p${i}`;
      cluster[id] = g;
      const level = 0.4 + 0.1 * z();
      for (const k of [-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6]) {
        const after = k > 0;
        const p = Math.min(0.97, Math.max(0.03, level + (after ? shock + (treated ? effect : 0) : 0)));
        rows.push({ id, group: treated ? 'supported' : 'control', phase: after ? 'after' : 'before', k, y: u() < p ? 1 : 0 });
      }
    }
  }
  return { rows, cluster };
}
