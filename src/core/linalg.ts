/**
 * Small dense symmetric linear algebra for the estimators in this folder (p is a handful of
 * coefficients, so plain loops over row-major Float64Arrays are the clearest choice).
 */

/**
 * Cholesky factor L (row-major, lower triangle) of a symmetric p×p matrix, or the index of the
 * first pivot that is not positive relative to the matrix's own scale (then the matrix is
 * singular or not positive definite).
 *
 * @example
 * const r = cholesky(new Float64Array([4, 2, 2, 3]), 2);
 * r.ok && Array.from(r.factor); // [2, 0, 1, 1.4142135623730951]
 */
export function cholesky(
  a: Float64Array,
  p: number,
  relTol = 1e-10,
): { ok: true; factor: Float64Array } | { ok: false; pivot: number } {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j];
    for (let k = 0; k < j; k++) d -= l[j * p + k] * l[j * p + k];
    // A pivot that lost (almost) all of its diagonal mass means column j is a combination of earlier ones.
    if (!(d > relTol * Math.abs(a[j * p + j])) || !(a[j * p + j] > 0)) return { ok: false, pivot: j };
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = s / ljj;
    }
  }
  return { ok: true, factor: l };
}

/**
 * Solve (L Lᵀ) x = b for a Cholesky factor L.
 *
 * @example
 * const r = cholesky(new Float64Array([4, 2, 2, 3]), 2);
 * // Floating point leaves the last digit off: round to compare.
 * r.ok && Array.from(choleskySolve(r.factor, 2, new Float64Array([6, 5])), (x) => Math.round(x * 1e12) / 1e12); // [1, 1]
 */
export function choleskySolve(l: Float64Array, p: number, b: Float64Array): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * y[k];
    y[i] = s / l[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * x[k];
    x[i] = s / l[i * p + i];
  }
  return x;
}

/**
 * Inverse (row-major) of a symmetric positive-definite matrix from its Cholesky factor.
 *
 * @example
 * const r = cholesky(new Float64Array([2, 0, 0, 4]), 2);
 * r.ok && Array.from(choleskyInverse(r.factor, 2), (x) => Math.round(x * 1e12) / 1e12); // [0.5, 0, 0, 0.25]
 */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, p, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i];
  }
  return inv;
}

/**
 * A lower-triangular square root L (L Lᵀ = A) of a symmetric positive semi-definite matrix:
 * Cholesky that sets a column to zero where the pivot has (numerically) vanished, instead of failing.
 *
 * @example
 * Array.from(psdSquareRoot(new Float64Array([1, 1, 1, 1]), 2)); // [1, 0, 1, 0]
 */
export function psdSquareRoot(a: Float64Array, p: number, relTol = 1e-12): Float64Array {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j];
    for (let k = 0; k < j; k++) d -= l[j * p + k] * l[j * p + k];
    if (!(d > relTol * Math.abs(a[j * p + j]))) continue; // column j is spanned by earlier ones
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = s / ljj;
    }
  }
  return l;
}
