/**
 * Logistic regression with one intercept per group (a fixed-effects logit), fitted by Newton's
 * method with the group intercepts handled as a diagonal block: each Newton step solves the small
 * q×q Schur complement system of the covariates and gets the intercepts by back-substitution, so a
 * step costs O(n q² + G q²) instead of O(n (q + G)²). Newton's method is invariant under linear
 * reparametrisation, so the iterates, the maximum and the standard errors are those of
 * {@link logisticRegression} with an intercept and G − 1 group indicators, which is how the result
 * is reported.
 */
import { DataError, SpecificationError } from '../core/errors.js';
import { cholesky, choleskyInverse, choleskySolve } from '../core/linalg.js';
import type { LogisticFit } from './logisticRegression.js';

/** Options of {@link groupedLogistic}. */
export interface GroupedLogisticOptions {
  /** Frequency weights per row (default 1). */
  readonly weights?: ArrayLike<number>;
  /** Names of the covariate columns. */
  readonly names: readonly string[];
  /** Names of the groups; group g > 0 is reported as the coefficient of its indicator. */
  readonly groupNames: readonly string[];
  /** Maximum Newton iterations (default 50). */
  readonly maxIter?: number;
  /** Convergence on the relative change in deviance, as {@link logisticRegression} (default 1e-10). */
  readonly tol?: number;
}

/** The centred and scaled problem. */
interface Problem {
  readonly n: number;
  readonly q: number;
  readonly G: number;
  readonly Z: readonly Float64Array[];
  readonly group: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly w: Float64Array;
  readonly shift: Float64Array;
  readonly scale: Float64Array;
}

/** Sufficient statistics of one Newton step: gradient and Hessian blocks. */
interface Blocks {
  /** q gradient of the covariates, then G of the intercepts. */
  readonly grad: Float64Array;
  /** q×q covariate block. */
  readonly A: Float64Array;
  /** G×q: Σ over group g of w v z. */
  readonly B: Float64Array;
  /** G diagonal intercept block. */
  readonly D: Float64Array;
}

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Check the inputs and centre and scale the columns (weighted mean and SD over all rows). */
function prepare(columns: readonly ArrayLike<number>[], group: ArrayLike<number>, G: number, y: ArrayLike<number>, options: GroupedLogisticOptions): Problem {
  const n = y.length;
  const q = columns.length;
  const w = new Float64Array(n);
  let wSum = 0;
  for (let i = 0; i < n; i++) {
    const wi = options.weights ? options.weights[i] : 1;
    if (!(wi >= 0) || !Number.isFinite(wi)) throw new DataError({ file: 'weights', row: i + 1, value: wi, expected: 'a finite weight ≥ 0' });
    if (!(y[i] >= 0 && y[i] <= 1)) throw new DataError({ file: 'y', row: i + 1, value: y[i], expected: 'an outcome in [0, 1]' });
    const g = group[i];
    if (!(Number.isInteger(g) && g >= 0 && g < G)) throw new DataError({ file: 'group', row: i + 1, value: g, expected: `a group number 0…${G - 1}` });
    w[i] = wi;
    wSum += wi;
  }
  if (!(wSum > 0)) throw new SpecificationError('logistic regression: all weights are zero');
  const shift = new Float64Array(q);
  const scale = new Float64Array(q);
  const Z = columns.map((c, j) => {
    if (c.length !== n) throw new SpecificationError(`column ${options.names[j]} has ${c.length} rows, y has ${n}`);
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(c[i])) throw new DataError({ file: 'design matrix', row: i + 1, column: options.names[j], value: c[i], expected: 'a finite number' });
      m += w[i] * c[i];
    }
    m /= wSum;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += w[i] * (c[i] - m) * (c[i] - m);
    const s = Math.sqrt(ss / wSum);
    if (!(s > 0)) throw new SpecificationError(`column ${options.names[j]} is constant: collinear with the intercept`);
    shift[j] = m;
    scale[j] = s;
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = (c[i] - m) / s;
    return z;
  });
  return { n, q, G, Z, group, y, w, shift, scale };
}

/**
 * Gradient and Hessian blocks at linear predictor `eta`; with `prior` the Hessian is X'WX with
 * the prior weights only (for the collinearity check) and the gradient is not used.
 */
function accumulate(pr: Problem, eta: Float64Array, prior: boolean): Blocks {
  const { n, q, G, Z, group, y, w } = pr;
  const grad = new Float64Array(q + G);
  const A = new Float64Array(q * q);
  const B = new Float64Array(G * q);
  const D = new Float64Array(G);
  const z = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    if (wi === 0) continue;
    let wv = wi;
    let wr = 0;
    if (!prior) {
      const e = eta[i];
      const ex = Math.exp(-Math.abs(e));
      const prob = e >= 0 ? 1 / (1 + ex) : ex / (1 + ex);
      wv = wi * (ex / (1 + ex)) * (1 / (1 + ex)); // w p(1 − p), stable in both tails
      wr = wi * (y[i] - prob);
    }
    const g = group[i];
    for (let a = 0; a < q; a++) z[a] = Z[a][i];
    for (let a = 0; a < q; a++) {
      grad[a] += wr * z[a];
      const wa = wv * z[a];
      B[g * q + a] += wa;
      for (let b = 0; b <= a; b++) A[a * q + b] += wa * z[b];
    }
    grad[q + g] += wr;
    D[g] += wv;
  }
  for (let a = 0; a < q; a++) for (let b = a + 1; b < q; b++) A[a * q + b] = A[b * q + a];
  return { grad, A, B, D };
}

/** Schur complement S = A − Σ_g B_g B_gᵀ / D_g (q×q); undefined when some D_g is not positive. */
function schur(bl: Blocks, q: number, G: number): Float64Array | undefined {
  const S = bl.A.slice();
  for (let g = 0; g < G; g++) {
    const d = bl.D[g];
    if (!(d > 0)) return undefined;
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) S[a * q + b] -= (bl.B[g * q + a] * bl.B[g * q + b]) / d;
  }
  return S;
}

/** Newton step (q covariate steps, then G intercept steps); undefined when the Hessian is singular. */
function newtonStep(bl: Blocks, q: number, G: number): { step: Float64Array; factor: Float64Array } | undefined {
  const S = schur(bl, q, G);
  if (!S) return undefined;
  const ch = q > 0 ? cholesky(S, q, 1e-12) : { ok: true as const, factor: new Float64Array(0) };
  if (!ch.ok) return undefined;
  const rhs = new Float64Array(q);
  for (let a = 0; a < q; a++) {
    let s = bl.grad[a];
    for (let g = 0; g < G; g++) s -= (bl.B[g * q + a] * bl.grad[q + g]) / bl.D[g];
    rhs[a] = s;
  }
  const db = q > 0 ? choleskySolve(ch.factor, q, rhs) : rhs;
  const step = new Float64Array(q + G);
  step.set(db);
  for (let g = 0; g < G; g++) {
    let s = bl.grad[q + g];
    for (let a = 0; a < q; a++) s -= bl.B[g * q + a] * db[a];
    step[q + g] = s / bl.D[g];
  }
  return { step, factor: ch.factor };
}

/** Linear predictor and deviance at θ = (β, α). */
function deviance(pr: Problem, theta: Float64Array, eta: Float64Array): number {
  const { n, q, Z, group, y, w } = pr;
  let dev = 0;
  for (let i = 0; i < n; i++) {
    let e = theta[q + group[i]];
    for (let a = 0; a < q; a++) e += Z[a][i] * theta[a];
    eta[i] = e;
    if (w[i] > 0) dev += 2 * w[i] * (y[i] * softplus(-e) + (1 - y[i]) * softplus(e));
  }
  return dev;
}

const separation = (): SpecificationError =>
  new SpecificationError(
    'logistic regression: (quasi-)complete separation — some combination of the covariates predicts the outcome perfectly, so the coefficients diverge; drop or coarsen the covariate, or use exact matching on it',
  );

/** Newton iterations with step halving, as {@link logisticRegression}. */
function iterate(pr: Problem, maxIter: number, tol: number): { theta: Float64Array; eta: Float64Array; dev: number; iterations: number } {
  const p = pr.q + pr.G;
  const theta = new Float64Array(p);
  const eta = new Float64Array(pr.n);
  const trial = new Float64Array(p);
  const trialEta = new Float64Array(pr.n);
  let dev = deviance(pr, theta, eta);
  for (let iterations = 1; iterations <= maxIter; iterations++) {
    const nt = newtonStep(accumulate(pr, eta, false), pr.q, pr.G);
    if (!nt) throw separation();
    let f = 1;
    let devNew = Infinity;
    for (let h = 0; h < 30; h++) {
      for (let a = 0; a < p; a++) trial[a] = theta[a] + f * nt.step[a];
      devNew = deviance(pr, trial, trialEta);
      if (devNew <= dev * (1 + 1e-12) + 1e-12) break;
      f /= 2;
    }
    theta.set(trial);
    eta.set(trialEta);
    const change = Math.abs(devNew - dev) / (Math.abs(devNew) + 0.1);
    dev = devNew;
    if (change < tol) return { theta, eta, dev, iterations };
  }
  throw new SpecificationError(`logistic regression did not converge in ${maxIter} iterations (separation is the usual cause)`);
}

/** Inverse of the full (q + G)² Hessian from its blocks, row-major, order (β, α). */
function blockInverse(bl: Blocks, factor: Float64Array, q: number, G: number): Float64Array {
  const p = q + G;
  const inv = new Float64Array(p * p);
  const Sinv = q > 0 ? choleskyInverse(factor, q) : new Float64Array(0);
  // E = −S⁻¹ B_g / D_g (column g of the β–α block).
  const E = new Float64Array(q * G);
  for (let g = 0; g < G; g++)
    for (let a = 0; a < q; a++) {
      let s = 0;
      for (let b = 0; b < q; b++) s += Sinv[a * q + b] * bl.B[g * q + b];
      E[a * G + g] = -s / bl.D[g];
    }
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) inv[a * p + b] = Sinv[a * q + b];
    for (let g = 0; g < G; g++) inv[a * p + q + g] = inv[(q + g) * p + a] = E[a * G + g];
  }
  // α–α block: D⁻¹ + D⁻¹ Bᵀ S⁻¹ B D⁻¹ = D⁻¹ − D⁻¹ Bᵀ E.
  for (let g = 0; g < G; g++)
    for (let h = 0; h < G; h++) {
      let s = 0;
      for (let a = 0; a < q; a++) s += bl.B[g * q + a] * E[a * G + h];
      inv[(q + g) * p + q + h] = (g === h ? 1 / bl.D[g] : 0) - s / bl.D[g];
    }
  return inv;
}

/**
 * Map θ = (β on the scaled columns, α per group) to the reported coefficients (intercept = α of
 * group 0, slopes on the original scale, group g > 0: α_g − α_0) and the covariance likewise.
 */
function report(pr: Problem, theta: Float64Array, covTheta: Float64Array): { coefficients: Float64Array; covariance: Float64Array } {
  const { q, G, shift, scale } = pr;
  const p = q + G;
  const T = new Float64Array(p * p); // reported index × θ index
  T[q] = 1;
  for (let j = 0; j < q; j++) {
    T[j] = -shift[j] / scale[j];
    T[(1 + j) * p + j] = 1 / scale[j];
  }
  for (let g = 1; g < G; g++) {
    T[(q + g) * p + q + g] = 1;
    T[(q + g) * p + q] = -1;
  }
  const coefficients = new Float64Array(p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) coefficients[a] += T[a * p + b] * theta[b];
  const TC = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let c = 0; c < p; c++) {
      const t = T[a * p + c];
      if (t === 0) continue;
      for (let d = 0; d < p; d++) TC[a * p + d] += t * covTheta[c * p + d];
    }
  const covariance = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let d = 0; d < p; d++) if (T[b * p + d] !== 0) s += TC[a * p + d] * T[b * p + d];
      covariance[a * p + b] = s;
    }
  return { coefficients, covariance };
}

/**
 * Logistic regression of `y` on the covariate `columns` with one intercept per group (`group[i]`
 * in 0…G−1, every group present). Reported as R's `glm(y ~ x + factor(group), binomial)`: names
 * `(Intercept)`, the covariate names, then `groupNames[g]` for g ≥ 1. Errors as
 * {@link logisticRegression}: collinear columns (also a covariate constant within every group)
 * and (quasi-)complete separation are {@link SpecificationError}s.
 *
 * @example
 * // Two 2×2 tables (groups) sharing one odds ratio: with equal tables the common log odds ratio is each table's.
 * const x = [0, 0, 1, 1, 0, 0, 1, 1];
 * const y = [1, 0, 1, 0, 1, 0, 1, 0];
 * const fit = groupedLogistic([x], [0, 0, 0, 0, 1, 1, 1, 1], 2, y, { names: ['x'], groupNames: ['a', 'b'], weights: [7, 13, 11, 5, 7, 13, 11, 5] });
 * fit.names; // ['(Intercept)', 'x', 'b']
 * Math.abs(fit.coefficients[1] - Math.log((11 / 5) / (7 / 13))) < 1e-9; // true
 * Math.abs(fit.coefficients[2]) < 1e-9; // true
 */
export function groupedLogistic(
  columns: readonly ArrayLike<number>[],
  group: ArrayLike<number>,
  G: number,
  y: ArrayLike<number>,
  options: GroupedLogisticOptions,
): LogisticFit {
  const q = columns.length;
  if (!(Number.isInteger(G) && G >= 1)) throw new SpecificationError(`groupedLogistic: need at least one group, got ${G}`);
  if (options.names.length !== q) throw new SpecificationError(`${options.names.length} names given for ${q} columns`);
  if (options.groupNames.length !== G) throw new SpecificationError(`${options.groupNames.length} group names given for ${G} groups`);
  const names = ['(Intercept)', ...options.names, ...options.groupNames.slice(1)];
  const pr = prepare(columns, group, G, y, options);
  const prior = accumulate(pr, new Float64Array(pr.n), true);
  const S0 = schur(prior, q, G);
  if (!S0) throw new SpecificationError(`logistic regression: a group has no rows with a positive weight`);
  // The Cholesky test is relative to the Schur complement's own diagonal, so first catch a column
  // that the intercepts explain (nearly) entirely: constant within every group.
  for (let a = 0; a < q; a++) {
    if (!(S0[a * q + a] > 1e-9 * prior.A[a * q + a])) throw new SpecificationError(`column ${options.names[a]} is (nearly) constant within every group: collinear with the group intercepts`);
  }
  const rank = q > 0 ? cholesky(S0, q, 1e-9) : { ok: true as const };
  if (!rank.ok) throw new SpecificationError(`column ${options.names[rank.pivot]} is (nearly) a linear combination of the other columns: X'WX is singular`);

  const { theta, eta, dev, iterations } = iterate(pr, options.maxIter ?? 50, options.tol ?? 1e-10);
  // At a finite maximum a further Newton step is negligible; under separation it still moves the logits.
  const blocks = accumulate(pr, eta, false);
  const extra = newtonStep(blocks, q, G);
  if (!extra) throw separation();
  let maxMove = 0;
  for (let i = 0; i < pr.n; i++) {
    if (pr.w[i] === 0) continue;
    let d = extra.step[q + pr.group[i]];
    for (let a = 0; a < q; a++) d += pr.Z[a][i] * extra.step[a];
    if (Math.abs(d) > maxMove) maxMove = Math.abs(d);
  }
  if (maxMove > 1e-3) throw separation();
  const { coefficients, covariance } = report(pr, theta, blockInverse(blocks, extra.factor, q, G));
  const p = q + G;
  const se = new Float64Array(p);
  for (let a = 0; a < p; a++) se[a] = Math.sqrt(covariance[a * p + a]);
  const fitted = new Float64Array(pr.n);
  for (let i = 0; i < pr.n; i++) fitted[i] = 1 / (1 + Math.exp(-eta[i]));
  return { names, coefficients, se, covariance, linearPredictor: eta, fitted, deviance: dev, iterations };
}
