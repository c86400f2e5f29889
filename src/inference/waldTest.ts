import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import fCdf from '@stdlib/stats-base-dists-f-cdf';
import { cholesky, choleskySolve } from '../core/linalg.js';
import { SpecificationError } from '../core/errors.js';
import type { HypothesisTest } from '../core/result.js';

/** Reference distribution of a cluster-robust Wald test. */
export type WaldDistribution = 'F' | 'chi2';

/** What {@link waldTest} needs besides the estimates and their covariance. */
export interface WaldTestOptions {
  readonly name: string;
  readonly null_hypothesis: string;
  /** `F` (default): the Hotelling-type correction W·(G−m)/(m(G−1)) ~ F(m, G−m); `chi2`: W ~ χ²(m). */
  readonly distribution?: WaldDistribution;
  /** Number of clusters G (needed for `F`). */
  readonly clusters: number;
}

/**
 * Wald test of θ = 0 for m estimates with a cluster-robust (CR1) covariance V:
 * W = θᵀV⁻¹θ. With G clusters W is Hotelling's T² of the cluster means, so for a modest G
 * the χ²(m) reference over-rejects; the default `F` reference uses W·(G−m)/(m(G−1)) ~ F(m, G−m),
 * which is exact for normal cluster scores. The statistic is `null` (with a note) when V is
 * singular or G ≤ m for the F reference.
 *
 * @example
 * import { waldTest } from 'participation-effects';
 * const t = waldTest(Float64Array.of(1, 1), Float64Array.of(1, 0, 0, 4), { name: 'joint', null_hypothesis: 'both zero', clusters: 11 });
 * [t.distribution, t.df, t.df2, t.statistic]; // ['F', 2, 9, 0.5625]
 * waldTest(Float64Array.of(1, 1), Float64Array.of(1, 0, 0, 4), { name: 'joint', null_hypothesis: 'both zero', clusters: 11, distribution: 'chi2' }).statistic; // 1.25
 */
export function waldTest(theta: Float64Array, covariance: Float64Array, options: WaldTestOptions): HypothesisTest {
  const m = theta.length;
  const distribution = options.distribution ?? 'F';
  if (distribution !== 'F' && distribution !== 'chi2') throw new SpecificationError(`test distribution must be 'F' or 'chi2', got ${JSON.stringify(distribution)}`);
  const G = options.clusters;
  const base = { name: options.name, null_hypothesis: options.null_hypothesis, distribution };
  const F = distribution === 'F';
  const df2 = F ? G - m : null;
  const missing = (note: string): HypothesisTest => ({ ...base, statistic: null, df: m, df2, p_value: null, note });
  if (m === 0) return missing('nothing to test');
  if (F && !(G > m)) return missing(`the F reference needs more clusters (${G}) than restrictions (${m})`);
  const ch = cholesky(covariance, m, 1e-10);
  if (!ch.ok) return missing('the covariance of the estimates is singular (too few clusters or no variation)');
  const x = choleskySolve(ch.factor, m, theta);
  let w = 0;
  for (let a = 0; a < m; a++) w += theta[a] * x[a];
  if (!F) return { ...base, statistic: w, df: m, df2: null, p_value: 1 - chisquareCdf(w, m) };
  const stat = (w * (G - m)) / (m * (G - 1));
  return { ...base, statistic: stat, df: m, df2: G - m, p_value: 1 - fCdf(stat, m, G - m) };
}
