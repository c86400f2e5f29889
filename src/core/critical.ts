import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { SpecificationError } from './errors.js';

/** Throws unless `level` is a number with 0 < level < 1 (a string such as `'0.9'` is refused, not coerced). */
export function checkLevel(level: number): void {
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new SpecificationError(`level must lie strictly between 0 and 1, got ${JSON.stringify(level)}`);
  }
}

/**
 * Two-sided critical value of the standard normal for a confidence level.
 *
 * @example
 * import { normalCritical } from 'participation-effects';
 * normalCritical(0.95).toFixed(4); // '1.9600'
 */
export function normalCritical(level: number): number {
  checkLevel(level);
  return normalQuantile(1 - (1 - level) / 2, 0, 1);
}

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
