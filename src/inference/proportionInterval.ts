import { SpecificationError } from '../core/errors.js';
import { checkLevel } from '../core/critical.js';

/** A confidence interval for a proportion `count / n`. */
export interface ProportionInterval {
  readonly estimate: number;
  readonly ci_low: number;
  readonly ci_high: number;
  readonly level: number;
  readonly method: 'wilson' | 'clopper-pearson' | 'wald';
}

/** Shared argument checks: n > 0 and 0 ≤ count ≤ n (count may be a weighted, non-integer count). */
export function checkProportion(count: number, n: number, level: number): void {
  checkLevel(level);
  if (!(n > 0) || !Number.isFinite(n)) throw new SpecificationError(`n must be a positive number, got ${n}`);
  if (!(count >= 0 && count <= n)) throw new SpecificationError(`count must lie between 0 and n = ${n}, got ${count}`);
}
