import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { checkLevel } from './level.js';
import { SpecificationError } from './errors.js';

/**
 * Two-sided critical value of Student's t with `df` degrees of freedom.
 *
 * @example
 * import { tCritical } from 'participation-effects';
 * tCritical(0.95, 10).toFixed(4); // '2.2281'
 */
export function tCritical(level: number, df: number): number {
  checkLevel(level);
  if (!(df > 0)) throw new SpecificationError(`degrees of freedom must be positive, got ${df}`);
  return tQuantile(1 - (1 - level) / 2, df);
}
