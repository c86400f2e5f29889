import type { HypothesisTest } from '../core/result.js';
import { clusterCovariance, cr1Factor } from '../inference/clusterCovariance.js';
import { linearTrendTest, type LinearTrend } from '../inference/linearTrendTest.js';
import { waldTest, type WaldDistribution } from '../inference/waldTest.js';
import type { EventColumns } from './eventColumns.js';
import type { EventStudyStatistics } from './eventStudyStatistics.js';

/** The pre-trend tests of an event study and the pre-support slope. */
export interface PreTrend {
  /** Joint Wald test of every pre-support ATT(k) outside the reference window, then the 1-df linear test. */
  readonly tests: readonly HypothesisTest[];
  /** Least-squares slope of ATT(k) over all identified pre-support k (per month), with its interval. */
  readonly slope: LinearTrend;
}

/** ψ restricted to the given columns (clusters × m), so the covariance helpers see only them. */
function columnsOf(psi: Float64Array, clusters: number, J: number, cols: readonly number[]): Float64Array {
  const m = cols.length;
  const out = new Float64Array(clusters * m);
  for (let c = 0; c < clusters; c++) for (let a = 0; a < m; a++) out[c * m + a] = psi[c * J + cols[a]];
  return out;
}

/**
 * Pre-trend checks from the influence functions, both with the CR1 covariance G/(G−1) Σ ψψᵀ:
 * the joint Wald test (F-corrected by default, see `waldTest`) of ATT(k) = 0 for the pre-support k
 * outside the reference window, and the linear slope of ATT(k) over all pre-support k with its
 * 1-df test (more power against a steady trend).
 *
 * @example
 * import { panelFromLong, eventStudy } from 'participation-effects';
 * // see eventStudy: `res.tests` holds both tests, `res.pre_trend_slope` the slope
 */
export function preTrendTests(stats: EventStudyStatistics, cols: EventColumns, clusters: number, reference: readonly [number, number], distribution: WaldDistribution, level: number): PreTrend {
  const J = cols.count;
  const G = stats.clustersUsed;
  const joint: number[] = [];
  const skipped: number[] = [];
  const before: number[] = [];
  for (let j = 0; j < J; j++) {
    if (cols.phase[j] !== 'before') continue;
    const k = cols.eventTime[j];
    if (stats.defined[j]) before.push(j);
    if (k >= reference[0] && k <= reference[1]) continue;
    if (stats.defined[j]) joint.push(j);
    else skipped.push(k);
  }
  const factor = cr1Factor(G);
  const cov = (cs: readonly number[]) => clusterCovariance(columnsOf(stats.psi, clusters, J, cs), clusters, cs.length, factor);
  const name = `pre-trend (joint Wald, ${distribution === 'F' ? 'F' : 'chi2'})`;
  const null_hypothesis = 'ATT(k) = 0 for every pre-support k outside the reference window';
  let wald = waldTest(Float64Array.from(joint, (j) => stats.att[j]), joint.length > 0 && G > 1 ? cov(joint) : new Float64Array(0), { name, null_hypothesis, distribution, clusters: G });
  if (joint.length === 0) wald = { ...wald, note: 'no identified pre-support event times outside the reference window' };
  else if (skipped.length > 0 && wald.note === undefined) wald = { ...wald, note: `not identified, left out of the test: k = ${skipped.join(', ')}` };
  const slope = linearTrendTest(
    Float64Array.from(before, (j) => stats.att[j]),
    before.map((j) => cols.eventTime[j]),
    before.length > 1 && G > 1 ? cov(before) : new Float64Array(before.length ** 2),
    G,
    level,
  );
  return { tests: [wald, slope.test], slope };
}
