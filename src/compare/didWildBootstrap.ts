import type { HypothesisTest } from '../core/result.js';
import type { ResolvedBootstrap } from '../inference/multiplierBootstrap.js';
import { wildClusterBootstrapT } from '../inference/wildBootstrap.js';
import type { DidCellSums } from './didCells.js';

/**
 * Wild cluster bootstrap-t of the DiD with the null (no DiD) imposed: the restricted model is
 * `y ~ treated + after`. Returns the critical value for the interval and the test of DiD = 0.
 *
 * @example
 * // used by diffInDiff with inference: 'wild-bootstrap'
 */
export function didWildBootstrap(s: DidCellSums, boot: ResolvedBootstrap, level: number, tCr1: number): { critical: number; weights: string; test: HypothesisTest } {
  const res = wildClusterBootstrapT(
    { cells: 4, clusters: s.clusters, weight: s.clusterW, weightedY: s.clusterWY, sign: [-1, 1, 1, -1], restricted: [[1, 1, 0], [1, 1, 1], [1, 0, 0], [1, 0, 1]] },
    boot,
    level,
  );
  const how = res.enumerated ? `all ${res.draws} Rademacher sign vectors` : `${res.draws} ${boot.weights} draws, seed ${boot.seed}`;
  // The bootstrap t's use the se without the CR1 factor; rescale the critical value to CR1 t units.
  const scale = res.t !== 0 && Number.isFinite(res.t) ? Math.abs(tCr1 / res.t) : 1;
  return {
    critical: res.critical * scale,
    weights: boot.weights,
    test: {
      name: 'treated:after = 0 (wild cluster bootstrap-t, null imposed)',
      statistic: tCr1,
      distribution: 't',
      df: s.clusters - 1,
      df2: null,
      p_value: res.p_value,
      null_hypothesis: 'no difference-in-differences',
      note: `p-value from ${how}, not from the t distribution (the CR1 factor cancels in the bootstrap t ratios)`,
    },
  };
}
