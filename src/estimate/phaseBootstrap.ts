import type { HypothesisTest } from '../core/result.js';
import type { ResolvedBootstrap } from '../inference/multiplierBootstrap.js';
import { wildClusterBootstrapT } from '../inference/wildBootstrap.js';
import { clusterBootstrapPhaseMeans, percentileInterval, type BootstrapScheme } from './clusterBootstrap.js';
import type { PhaseAverageRow } from './phaseAverages.js';
import type { GroupPhaseSums } from './phaseSums.js';

/**
 * Replace the analytic intervals of one group by cluster-bootstrap percentile intervals.
 *
 * @example
 * // used by phaseAverages with a bootstrap; see its example
 */
export function clusterBootstrapRows(rows: readonly PhaseAverageRow[], s: GroupPhaseSums, boot: { replications: number; seed: number; scheme: BootstrapScheme }, level: number): PhaseAverageRow[] {
  const { replications, seed, scheme } = boot;
  const reps = clusterBootstrapPhaseMeans(s.sums, s.clusters, replications, seed, scheme);
  const method = scheme === 'poisson' ? 'cluster-bootstrap-poisson-percentile' : 'cluster-bootstrap-percentile';
  return rows.map((row) => {
    // The analytic note (e.g. a single cluster) does not carry over to the bootstrap row.
    const { note, ...rest } = row;
    if (row.estimate === null) return { ...rest, method, note };
    const pi = percentileInterval(reps[row.quantity], level);
    if (pi.valid < 2) return { ...rest, se: null, ci_low: null, ci_high: null, method, note: 'too few valid bootstrap replicates' };
    const out: PhaseAverageRow = { ...rest, se: pi.sd, ci_low: pi.low, ci_high: pi.high, method };
    const dropped = replications - pi.valid;
    return dropped > 0 ? { ...out, note: `${dropped} of ${replications} replicates had no person-months in a phase and were left out` } : out;
  });
}

/**
 * The change row of one group with a wild cluster bootstrap-t interval (null imposed: one common
 * mean before and after), and the test of no change.
 *
 * @example
 * // used by phaseAverages with inference: 'wild-bootstrap'
 */
export function wildChangeRow(row: PhaseAverageRow, s: GroupPhaseSums, boot: ResolvedBootstrap, level: number): { row: PhaseAverageRow; test: HypothesisTest } {
  const G = s.clusters;
  const weight = new Float64Array(G * 2);
  const weightedY = new Float64Array(G * 2);
  for (let j = 0; j < G; j++) {
    weightedY[j * 2] = s.sums[j * 6];
    weight[j * 2] = s.sums[j * 6 + 1];
    weightedY[j * 2 + 1] = s.sums[j * 6 + 4];
    weight[j * 2 + 1] = s.sums[j * 6 + 5];
  }
  const res = wildClusterBootstrapT({ cells: 2, clusters: G, weight, weightedY, sign: [-1, 1], restricted: [[1], [1]] }, boot, level);
  const how = res.enumerated ? `all ${res.draws} Rademacher sign vectors` : `${res.draws} ${boot.weights} draws, seed ${boot.seed}`;
  const test: HypothesisTest = {
    name: `change after − before = 0, ${row.group} (wild cluster bootstrap-t, null imposed)`,
    statistic: row.estimate! / row.se!,
    distribution: 't',
    df: G - 1,
    df2: null,
    p_value: res.p_value,
    null_hypothesis: 'no change between the before and after phases',
    note: `p-value from ${how}, not from the t distribution`,
  };
  const est = row.estimate!;
  const se = row.se!;
  // The bootstrap t's use the se without the CR1 factor; rescale the critical value to CR1 t units.
  const critical = res.critical * (res.t !== 0 && Number.isFinite(res.t) ? Math.abs(est / se / res.t) : 1);
  return { row: { ...row, method: `wild-cluster-bootstrap-t-${boot.weights}`, ci_low: est - critical * se, ci_high: est + critical * se }, test };
}
