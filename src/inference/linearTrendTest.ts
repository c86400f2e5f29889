import fCdf from '@stdlib/stats-base-dists-f-cdf';
import { tCritical } from '../core/tCritical.js';
import type { HypothesisTest } from '../core/result.js';

/** The least-squares slope of estimates over event time, with its interval and 1-df test. */
export interface LinearTrend {
  /** Slope per month of event time; `null` when fewer than two event times. */
  readonly slope: number | null;
  readonly se: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly level: number;
  /** Test of slope = 0: t² ~ F(1, G − 1) (the Hotelling correction with one restriction). */
  readonly test: HypothesisTest;
}

/**
 * Linear trend of m estimates θ_k over their event times k: the OLS slope b = Σ (k − k̄) θ_k / Σ (k − k̄)²,
 * its variance aᵀVa from the estimates' cluster-robust covariance V, an interval with Student t
 * (G − 1 df) and the 1-df test of b = 0. Against a steady pre-trend it has far more power than the
 * joint test of all m estimates. Adding a constant to every θ_k leaves b unchanged, so the reference
 * window does not matter.
 *
 * @example
 * import { linearTrendTest } from 'participation-effects';
 * const tr = linearTrendTest(Float64Array.of(0.3, 0.2, 0.1), [-3, -2, -1], Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1), 21, 0.95);
 * [tr.slope?.toFixed(12), tr.se]; // ['-0.100000000000', 0.7071067811865476]
 * tr.test.statistic?.toFixed(6); // '0.020000'
 * tr.test.df2; // 20
 */
export function linearTrendTest(theta: Float64Array, eventTimes: readonly number[], covariance: Float64Array, clusters: number, level: number): LinearTrend {
  const m = theta.length;
  const base = { name: 'pre-trend (linear slope)', distribution: 'F' as const, df: 1, df2: clusters - 1, null_hypothesis: 'no linear trend in ATT(k) before support' };
  const missing = (note: string): LinearTrend => ({ slope: null, se: null, ci_low: null, ci_high: null, level, test: { ...base, statistic: null, p_value: null, note } });
  if (m < 2) return missing('fewer than two pre-support event times');
  let kBar = 0;
  for (const k of eventTimes) kBar += k / m;
  let sxx = 0;
  for (const k of eventTimes) sxx += (k - kBar) ** 2;
  const a = eventTimes.map((k) => (k - kBar) / sxx);
  let slope = 0;
  let v = 0;
  for (let i = 0; i < m; i++) {
    slope += a[i] * theta[i];
    for (let j = 0; j < m; j++) v += a[i] * covariance[i * m + j] * a[j];
  }
  if (!(clusters > 1)) return { ...missing('fewer than two clusters'), slope };
  const se = Math.sqrt(v);
  if (!(se > 0)) return { ...missing('no variation in the pre-support estimates'), slope };
  const crit = tCritical(level, clusters - 1);
  const stat = (slope / se) ** 2;
  return { slope, se, ci_low: slope - crit * se, ci_high: slope + crit * se, level, test: { ...base, statistic: stat, p_value: 1 - fCdf(stat, 1, clusters - 1) } };
}
