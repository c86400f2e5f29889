import { normalCritical } from '../core/critical.js';
import { checkProportion, type ProportionInterval } from './proportionInterval.js';

/**
 * Wald interval p ± z·√(p(1−p)/n), truncated to [0, 1]. It collapses to a point at count = 0
 * or n and under-covers for small n; prefer {@link wilsonInterval}.
 *
 * @example
 * import { waldInterval } from 'participation-effects';
 * const ci = waldInterval(30, 100);
 * [ci.ci_low.toFixed(4), ci.ci_high.toFixed(4)]; // ['0.2102', '0.3898']
 */
export function waldInterval(count: number, n: number, level = 0.95): ProportionInterval {
  checkProportion(count, n, level);
  const z = normalCritical(level);
  const p = count / n;
  const half = z * Math.sqrt((p * (1 - p)) / n);
  return { estimate: p, ci_low: Math.max(0, p - half), ci_high: Math.min(1, p + half), level, method: 'wald' };
}
