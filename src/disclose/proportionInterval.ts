import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** Binomial interval methods that can be recomputed from a count and a denominator alone. */
export type ProportionIntervalMethod = 'wilson' | 'clopper-pearson' | 'wald';

/**
 * Confidence interval for a proportion `count / n`, used to recompute intervals after counts are rounded
 * (an interval computed from the exact counts would let a reader solve for them).
 * Wilson score; Clopper–Pearson exact (beta quantiles); Wald `p ± z·√(p(1−p)/n)`, clipped to [0, 1].
 *
 * @example
 * const ci = proportionInterval(5, 20, 0.95, 'wilson');
 * ci.low.toFixed(4);  // '0.1119'
 * ci.high.toFixed(4); // '0.4687'
 */
export function proportionInterval(count: number, n: number, level: number, method: ProportionIntervalMethod): { low: number; high: number } {
  const p = count / n;
  const alpha = 1 - level;
  if (method === 'clopper-pearson') {
    return {
      low: count <= 0 ? 0 : betaQuantile(alpha / 2, count, n - count + 1),
      high: count >= n ? 1 : betaQuantile(1 - alpha / 2, count + 1, n - count),
    };
  }
  const z = normalQuantile(1 - alpha / 2, 0, 1);
  if (method === 'wald') {
    const half = z * Math.sqrt((p * (1 - p)) / n);
    return { low: Math.max(0, p - half), high: Math.min(1, p + half) };
  }
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
