import { clopperPearsonInterval } from '../inference/clopperPearsonInterval.js';
import { waldInterval } from '../inference/waldInterval.js';
import { wilsonInterval } from '../inference/wilsonInterval.js';

/** Binomial interval methods that can be recomputed from a count and a denominator alone. */
export type ProportionIntervalMethod = 'wilson' | 'clopper-pearson' | 'wald';

/**
 * Confidence interval for a proportion `count / n`, used to recompute intervals after counts are rounded
 * (an interval computed from the exact counts would let a reader solve for them). The same intervals
 * as the estimators (`wilsonInterval`, `clopperPearsonInterval`, `waldInterval`), so a recomputed
 * interval equals the original digit for digit when the counts are unchanged.
 *
 * @example
 * const ci = proportionInterval(5, 20, 0.95, 'wilson');
 * ci.low.toFixed(4);  // '0.1119'
 * ci.high.toFixed(4); // '0.4687'
 * proportionInterval(57, 57, 0.95, 'wilson').high; // 1
 */
export function proportionInterval(count: number, n: number, level: number, method: ProportionIntervalMethod): { low: number; high: number } {
  const c = Math.min(n, Math.max(0, count));
  const f = method === 'clopper-pearson' ? clopperPearsonInterval : method === 'wald' ? waldInterval : wilsonInterval;
  const ci = f(c, n, level);
  return { low: ci.ci_low, high: ci.ci_high };
}
