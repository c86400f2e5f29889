import { normalCritical } from '../core/critical.js';
import { checkProportion, type ProportionInterval } from './proportionInterval.js';

/**
 * Wilson score interval for a proportion (as R `prop.test(x, n, correct = FALSE)`):
 * the set of p whose score test is not rejected. Exactly 0 (1) at the lower (upper) end when count = 0 (n).
 *
 * @example
 * import { wilsonInterval } from 'participation-effects';
 * const ci = wilsonInterval(3, 10); // level 0.95
 * [ci.ci_low.toFixed(4), ci.ci_high.toFixed(4)]; // ['0.1078', '0.6032']
 */
export function wilsonInterval(count: number, n: number, level = 0.95): ProportionInterval {
  checkProportion(count, n, level);
  const z = normalCritical(level);
  const p = count / n;
  const z2n = (z * z) / n;
  const center = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return {
    estimate: p,
    ci_low: count === 0 ? 0 : Math.max(0, center - half),
    ci_high: count === n ? 1 : Math.min(1, center + half),
    level,
    method: 'wilson',
  };
}
