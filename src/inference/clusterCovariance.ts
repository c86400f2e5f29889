/**
 * Cluster-robust (CR1) covariance from per-cluster scores: the one implementation every
 * estimator of the library uses. See the methods documentation, "Inference".
 */

/**
 * The CR1 small-sample factor G/(G−1) · (N−1)/(N−K) of Stata's `vce(cluster)` and R
 * `sandwich::vcovCL(type = "HC1")`; `NaN` when G < 2 or N ≤ K. Without N and K only G/(G−1)
 * (influence-function estimators such as the event study, where there is no regression N and K).
 *
 * @example
 * import { cr1Factor } from 'participation-effects';
 * cr1Factor(5); // 1.25
 * cr1Factor(5, 11, 2); // 1.3888888888888888
 * Number.isNaN(cr1Factor(1)); // true
 */
export function cr1Factor(clusters: number, observations?: number, parameters?: number): number {
  if (!(clusters > 1)) return NaN;
  const g = clusters / (clusters - 1);
  if (observations === undefined || parameters === undefined) return g;
  return observations > parameters ? (g * (observations - 1)) / (observations - parameters) : NaN;
}

/**
 * Σ_g s_g s_gᵀ · factor for per-cluster scores `scores` (row-major, `rows` × `p`): the sandwich
 * covariance once the bread is folded into the scores (s_g = (X'WX)⁻¹ Σ_{i∈g} w_i u_i x_i, or the
 * cluster sums of influence functions). Rows of zeros (clusters that do not take part) add nothing.
 * Returns the full symmetric p × p matrix, row-major.
 *
 * @example
 * import { clusterCovariance } from 'participation-effects';
 * // three clusters, two coefficients
 * Array.from(clusterCovariance(Float64Array.of(1, 0, -1, 2, 0, -2), 3, 2)); // [2, -2, -2, 8]
 * Array.from(clusterCovariance(Float64Array.of(1, 0, -1, 2, 0, -2), 3, 2, 1.5)); // [3, -3, -3, 12]
 */
export function clusterCovariance(scores: Float64Array, rows: number, p: number, factor = 1): Float64Array {
  const v = new Float64Array(p * p);
  for (let g = 0; g < rows; g++) {
    const o = g * p;
    for (let a = 0; a < p; a++) {
      const sa = scores[o + a];
      if (sa === 0) continue;
      for (let b = 0; b <= a; b++) v[a * p + b] += sa * scores[o + b];
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      v[a * p + b] *= factor;
      v[b * p + a] = v[a * p + b];
    }
  }
  return v;
}

/**
 * Variance of the linear combination cᵀθ from per-cluster scores, factor · Σ_g (cᵀ s_g)², without
 * forming the covariance matrix (one pass over the scores).
 *
 * @example
 * import { contrastVariance } from 'participation-effects';
 * // scores of clusters (1, 0), (−1, 2), (0, −2); variance of θ₂ − θ₁
 * contrastVariance(Float64Array.of(1, 0, -1, 2, 0, -2), 3, 2, [-1, 1]); // 14
 */
export function contrastVariance(scores: Float64Array, rows: number, p: number, contrast: ArrayLike<number>, factor = 1): number {
  let v = 0;
  for (let g = 0; g < rows; g++) {
    let u = 0;
    for (let a = 0; a < p; a++) u += contrast[a] * scores[g * p + a];
    v += u * u;
  }
  return factor * v;
}
