import { normalCritical } from '../core/critical.js';
import { tCritical } from '../core/tCritical.js';
import { contrastVariance, cr1Factor } from '../inference/clusterCovariance.js';
import type { GroupPhaseSums } from './phaseSums.js';
import type { PhaseAverageRow, PhaseQuantity } from './phaseAverages.js';

const PHASE_NAMES = ['before', 'during', 'after'] as const;

/**
 * The analytic CR1 rows of one group: the phase means (intercept-only WLS, so the factor is G/(G−1))
 * and the change after − before (`y ~ after`, factor G/(G−1)·(N−1)/(N−2)), all from per-cluster
 * scores s_g = (Σw·y − m Σw)/W, the CR1 variance of `clusterCovariance`.
 *
 * @example
 * // used by phaseAverages; see its example
 */
export function phaseRows(group: string, s: GroupPhaseSums, withDuring: boolean, level: number, df: 'normal' | 'cluster', method: string): PhaseAverageRow[] {
  const G = s.clusters;
  const W = [0, 0, 0];
  const S = [0, 0, 0];
  const Gph = [0, 0, 0];
  let Gchange = 0;
  for (let j = 0; j < G; j++) {
    for (let ph = 0; ph < 3; ph++) ((W[ph] += s.sums[j * 6 + ph * 2 + 1]), (S[ph] += s.sums[j * 6 + ph * 2]), (Gph[ph] += s.sums[j * 6 + ph * 2 + 1] > 0 ? 1 : 0));
    if (s.sums[j * 6 + 1] > 0 || s.sums[j * 6 + 5] > 0) Gchange++;
  }
  const mean = W.map((w, ph) => (w > 0 ? S[ph] / w : NaN));
  // Scores per cluster: before, during, after.
  const scores = new Float64Array(G * 3);
  for (let j = 0; j < G; j++) for (let ph = 0; ph < 3; ph++) if (W[ph] > 0) scores[j * 3 + ph] = (s.sums[j * 6 + ph * 2] - mean[ph] * s.sums[j * 6 + ph * 2 + 1]) / W[ph];
  const methodName = df === 'normal' ? method : `${method}-t`;
  const make = (quantity: PhaseQuantity, estimate: number, variance: number, nClusters: number, nPersons: number, nMonths: number, missing: string | undefined): PhaseAverageRow => {
    const base = { group, quantity, level, method: methodName, n_persons: nPersons, n_person_months: nMonths, n_clusters: nClusters };
    if (missing !== undefined) return { ...base, estimate: null, se: null, ci_low: null, ci_high: null, note: missing };
    if (nClusters < 2) return { ...base, estimate, se: null, ci_low: null, ci_high: null, note: 'a single cluster: no clustered standard error' };
    const se = Math.sqrt(variance);
    const z = df === 'normal' ? normalCritical(level) : tCritical(level, nClusters - 1);
    return { ...base, estimate, se, ci_low: estimate - z * se, ci_high: estimate + z * se };
  };
  const phaseRow = (ph: number): PhaseAverageRow => {
    const unit = [0, 0, 0];
    unit[ph] = 1;
    const v = contrastVariance(scores, G, 3, unit, cr1Factor(Gph[ph]));
    return make(PHASE_NAMES[ph], mean[ph], v, Gph[ph], s.persons[ph], s.months[ph], W[ph] > 0 ? undefined : `no person-months in phase ${PHASE_NAMES[ph]}`);
  };
  const rows = [phaseRow(0), ...(withDuring ? [phaseRow(1)] : []), phaseRow(2)];
  const N = s.months[0] + s.months[2];
  const missingChange = W[0] > 0 && W[2] > 0 ? undefined : `no person-months in phase ${W[0] > 0 ? 'after' : 'before'}: no change`;
  // Row 2 of (X'WX)⁻¹ s_g for y ~ after reduces to the after score minus the before score.
  const vChange = contrastVariance(scores, G, 3, [-1, 0, 1], cr1Factor(Gchange, N, 2));
  rows.push(make('change', mean[2] - mean[0], vChange, Gchange, s.personsEither, N, missingChange));
  return rows;
}
