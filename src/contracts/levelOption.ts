import { checkLevel } from '../core/critical.js';
import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';

/**
 * The confidence level option of a contracts function: a number strictly between 0 and 1
 * (default 0.95), checked with the core's `checkLevel`.
 */
export function levelOption(fn: string, value: unknown): number {
  if (value === undefined) return 0.95;
  if (typeof value !== 'number') throw new SpecificationError(`${fn}: level must be a number strictly between 0 and 1, got ${describeValue(value)}`);
  checkLevel(value);
  return value;
}
