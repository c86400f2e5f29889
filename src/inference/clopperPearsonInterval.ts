import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { checkProportion, type ProportionInterval } from './proportionInterval.js';

/**
 * Exact (Clopper–Pearson) interval for a binomial proportion, as R `binom.test`:
 * [qbeta(α/2, x, n−x+1), qbeta(1−α/2, x+1, n−x)], with lower end 0 at x = 0 and upper end 1 at x = n.
 *
 * @example
 * import { clopperPearsonInterval } from 'participation-effects';
 * clopperPearsonInterval(0, 10).ci_high.toFixed(4); // '0.3085'
 * (1 - 0.025 ** (1 / 10)).toFixed(4); // '0.3085'
 */
export function clopperPearsonInterval(count: number, n: number, level = 0.95): ProportionInterval {
  checkProportion(count, n, level);
  const alpha = 1 - level;
  return {
    estimate: count / n,
    ci_low: count === 0 ? 0 : betaQuantile(alpha / 2, count, n - count + 1),
    ci_high: count === n ? 1 : betaQuantile(1 - alpha / 2, count + 1, n - count),
    level,
    method: 'clopper-pearson',
  };
}
