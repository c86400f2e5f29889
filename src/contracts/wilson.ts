import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** A share with its Wilson score interval. */
export interface ShareInterval {
  /** count / n; `null` when n = 0. */
  readonly estimate: number | null;
  /** Binomial standard error sqrt(p(1-p)/n); `null` when n = 0. */
  readonly se: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
}

/**
 * Share `count / n` with the Wilson score interval at confidence `level`
 * (the interval R's `prop.test(correct = FALSE)` reports).
 *
 * @example
 * const s = shareWithWilson(27, 100, 0.95);
 * s.estimate; // 0.27
 * Math.round((s.ci_low ?? 0) * 1e4) / 1e4; // 0.1927
 */
export function shareWithWilson(count: number, n: number, level: number): ShareInterval {
  if (n <= 0) return { estimate: null, se: null, ci_low: null, ci_high: null };
  const p = count / n;
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return {
    estimate: p,
    se: Math.sqrt((p * (1 - p)) / n),
    ci_low: Math.max(0, centre - half),
    ci_high: Math.min(1, centre + half),
  };
}
