import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { cholesky, choleskySolve } from '../core/linalg.js';
import type { HypothesisTest } from '../core/result.js';

/** Upper tail of the chi-square distribution. */
export function chiSquareP(statistic: number, df: number): number {
  return 1 - chisquareCdf(statistic, df);
}

/** A chi-square test in the result protocol's shape, with a note when the p-value underflows. */
export function chiSquareTest(name: string, statistic: number | null, df: number, nullHypothesis: string, note?: string): HypothesisTest {
  const p = statistic === null ? null : chiSquareP(statistic, df);
  const notes = [note, p === 0 ? 'p-value below double precision (< 1e-16), reported as 0' : undefined].filter((x): x is string => x !== undefined);
  return { name, statistic, distribution: 'chi2', df, df2: null, p_value: p, null_hypothesis: nullHypothesis, ...(notes.length ? { note: notes.join('; ') } : {}) };
}

/** bᵀ A⁻¹ b for a symmetric positive-definite A (null when A is singular). */
export function quadraticForm(a: Float64Array, b: Float64Array, p: number): number | null {
  const ch = cholesky(a, p);
  if (!ch.ok) return null;
  const x = choleskySolve(ch.factor, p, b);
  let s = 0;
  for (let j = 0; j < p; j++) s += x[j] * b[j];
  return s;
}

/** bᵀ V⁻¹ b restricted to the indices `idx` of a p × p matrix V (a joint Wald test of some coefficients). */
export function subsetQuadraticForm(v: Float64Array, b: ArrayLike<number>, p: number, idx: readonly number[]): number | null {
  const k = idx.length;
  const a = new Float64Array(k * k);
  const c = new Float64Array(k);
  idx.forEach((r, i) => {
    c[i] = b[r];
    idx.forEach((s, j) => (a[i * k + j] = v[r * p + s]));
  });
  return quadraticForm(a, c, k);
}
