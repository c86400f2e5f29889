import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { checkLevel } from './level.js';

// checkLevel moved to level.ts (t critical values need it without the normal); re-exported for importers.
export { checkLevel } from './level.js';

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

