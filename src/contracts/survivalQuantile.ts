import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';

const TOLERANCE = Math.sqrt(2.220446049250313e-16);

/**
 * R's `findq` (quantile.survfit): where a horizontal line at `p` meets the step curve y = 1 − S
 * drawn through (x, y); a flat stretch exactly at `p` gives the midpoint of the stretch.
 * Returns NaN when the curve never gets there. Other quantiles: `p` = 0.25, 0.75, …
 *
 * @example
 * import { kaplanMeier, survivalQuantile } from 'participation-effects';
 * const c = kaplanMeier({ time: [1, 2, 3, 4], event: [1, 1, 1, 1] }).curves[0];
 * survivalQuantile([0, ...c.time], [0, ...c.surv.map((s) => 1 - s)], 0.5); // 2.5
 * survivalQuantile([0, ...c.time], [0, ...c.surv.map((s) => 1 - s)], 0.25); // 1.5
 */
export function survivalQuantile(x: readonly number[], y: readonly number[], p: number, tol = TOLERANCE): number {
  if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) {
    throw new SpecificationError(`survivalQuantile expects two arrays of one length (times x and 1 − S at those times y); got ${describeValue(x)} and ${describeValue(y)}`);
  }
  if (typeof p !== 'number' || !(p > 0 && p < 1)) throw new SpecificationError(`survivalQuantile: p must lie strictly between 0 and 1, got ${describeValue(p)}`);
  let maxY = -Infinity;
  for (const v of y) if (!Number.isNaN(v) && v > maxY) maxY = v;
  if (!(maxY >= p)) return NaN;
  const xmax = x[x.length - 1];
  const { xs, ys } = firstOfEachLevel(x, y);
  const i1 = smallestAtLeast(ys, p - tol);
  const i2 = smallestAtLeast(ys, p + tol);
  const last = ys[ys.length - 1];
  if (!Number.isNaN(last) && Math.abs(p - last) < tol) return i1 < 0 ? NaN : (xs[i1] + xmax) / 2;
  if (i1 < 0 || i2 < 0) return NaN;
  return (xs[i1] + xs[i2]) / 2;
}

/** Drop repeated y values (censorings), keeping the first occurrence; NaN repeats count too. */
function firstOfEachLevel(x: readonly number[], y: readonly number[]): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  const seen = new Set<number>();
  let seenNaN = false;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (Number.isNaN(v)) {
      if (seenNaN) continue;
      seenNaN = true;
    } else if (seen.has(v)) continue;
    else seen.add(v);
    xs.push(x[i]);
    ys.push(v);
  }
  return { xs, ys };
}

/** approx(y, 1:n, target, method = 'constant', f = 1): the index of the smallest y ≥ target, or -1. */
function smallestAtLeast(ys: readonly number[], target: number): number {
  let best = -1;
  for (let i = 0; i < ys.length; i++) if (!Number.isNaN(ys[i]) && ys[i] >= target && (best < 0 || ys[i] < ys[best])) best = i;
  return best;
}
