import { wilsonInterval } from '../inference/wilsonInterval.js';

/** A share with its Wilson score interval; all null when n = 0. */
export interface ShareInterval {
  readonly estimate: number | null;
  /** Binomial standard error sqrt(p(1-p)/n). */
  readonly se: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
}

/**
 * Share `count / n` with the Wilson score interval (the estimate stage's `wilsonInterval`), plus
 * the binomial standard error, and nulls instead of an error when nobody is counted.
 *
 * @example
 * const s = shareWithWilson(27, 100, 0.95);
 * s.estimate; // 0.27
 * Math.round((s.ci_low ?? 0) * 1e4) / 1e4; // 0.1927
 * shareWithWilson(0, 0, 0.95).estimate; // null
 */
export function shareWithWilson(count: number, n: number, level: number): ShareInterval {
  if (n <= 0) return { estimate: null, se: null, ci_low: null, ci_high: null };
  const ci = wilsonInterval(count, n, level);
  return { estimate: ci.estimate, se: Math.sqrt((ci.estimate * (1 - ci.estimate)) / n), ci_low: ci.ci_low, ci_high: ci.ci_high };
}
