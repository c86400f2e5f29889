import { SpecificationError } from './errors.js';

/** Throws unless `level` is a number with 0 < level < 1 (a string such as `'0.9'` is refused, not coerced). */
export function checkLevel(level: number): void {
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new SpecificationError(`level must lie strictly between 0 and 1, got ${JSON.stringify(level)}`);
  }
}
