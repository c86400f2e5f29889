import { DataError, SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import { cholesky, choleskyInverse, choleskySolve } from '../core/linalg.js';

/** Options of {@link logisticRegression}. */
export interface LogisticOptions {
  /** Prior (frequency) weights per row, as R `glm(weights =)`; default 1. Rows with weight 0 are ignored. */
  readonly weights?: ArrayLike<number>;
  /** Add an intercept column (default true). */
  readonly intercept?: boolean;
  /** Maximum Newton iterations (default 50). */
  readonly maxIter?: number;
  /** Convergence: relative change in deviance `|dev − dev_old| / (|dev| + 0.1)` below this (R's rule; default 1e-10, stricter than R's 1e-8). */
  readonly tol?: number;
  /** Names of the design columns (without the intercept), for messages and output. */
  readonly names?: readonly string[];
}

/** A fitted binomial GLM with logit link. */
export interface LogisticFit {
  /** Coefficient names: `(Intercept)` first when an intercept was fitted. */
  readonly names: readonly string[];
  readonly coefficients: Float64Array;
  /** Standard errors from the inverse of the observed (= expected) information. */
  readonly se: Float64Array;
  /** Inverse information, p×p row-major. */
  readonly covariance: Float64Array;
  /** Linear predictor (logit of the fitted probability) per row. */
  readonly linearPredictor: Float64Array;
  /** Fitted probability per row. */
  readonly fitted: Float64Array;
  /** Residual deviance, −2 × weighted log-likelihood. */
  readonly deviance: number;
  readonly iterations: number;
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * Logistic regression (binomial GLM, logit link) by Newton–Raphson, which for the canonical link is
 * exactly R's IRLS: coefficients equal `glm(y ~ X, family = binomial, weights = w)`.
 *
 * The design is given without an intercept column, either as an array of columns or as one
 * column-major Float64Array (`n = y.length` rows). Columns are centred and scaled internally for
 * numerical stability; results are on the original scale.
 *
 * Errors instead of nonsense: a column that is a linear combination of others (singular X'WX)
 * throws a `SpecificationError` naming it; so does (quasi-)complete separation, detected because a
 * further Newton step after convergence still moves fitted logits (the likelihood keeps increasing
 * as coefficients grow, so no finite maximum exists).
 *
 * @example
 * // One binary covariate: slope = log odds ratio of the 2×2 table, intercept = log odds at x = 0.
 * const x = [0, 0, 0, 0, 1, 1, 1, 1, 1];
 * const y = [1, 0, 0, 0, 1, 1, 0, 1, 0];
 * const fit = logisticRegression([x], y);
 * fit.coefficients[0]; // ≈ Math.log(1 / 3)
 * fit.coefficients[1]; // ≈ Math.log((3 / 2) / (1 / 3))
 */
export function logisticRegression(
  X: Float64Array | readonly ArrayLike<number>[],
  y: ArrayLike<number>,
  options: LogisticOptions = {},
): LogisticFit {
  const arrayLike = (v: unknown): v is ArrayLike<number> => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  if (!(X instanceof Float64Array) && !(Array.isArray(X) && X.every(arrayLike))) {
    throw new SpecificationError(`logisticRegression expects a design matrix: a column-major Float64Array or an array of columns; got ${describeValue(X)}`);
  }
  if (!arrayLike(y)) throw new SpecificationError(`logisticRegression expects the outcomes y as an array of 0/1 values; got ${describeValue(y)}`);
  checkOptions('logisticRegression', options, { weights: true, intercept: true, maxIter: true, tol: true, names: true });
  for (const [j, c] of columns0(X).entries()) if (c.length !== y.length) throw new SpecificationError(`logisticRegression: column ${j + 1} has ${c.length} values for ${y.length} outcomes`);
  const n = y.length;
  const intercept = options.intercept ?? true;
  const columns = designColumns(X, n);
  const q = columns.length;
  const p = q + (intercept ? 1 : 0);
  if (p === 0) throw new SpecificationError('logistic regression needs at least one column or an intercept');
  const colNames = options.names ?? columns.map((_, j) => `x${j + 1}`);
  if (colNames.length !== q) throw new SpecificationError(`${colNames.length} names given for ${q} columns`);
  const names = intercept ? ['(Intercept)', ...colNames] : [...colNames];
  const { w, wSum } = checkedWeights(y, options.weights);
  const { Z, shift, scale } = standardise(columns, w, wSum, intercept, colNames);
  const pr: Problem = { n, p, q, intercept, Z, w, y, xRow: new Float64Array(p), hess: new Float64Array(p * p), grad: new Float64Array(p) };
  checkRank(pr, names);
  const { beta, eta, dev, iterations } = iterate(pr, options.maxIter ?? 50, options.tol ?? 1e-10);
  const covZ = finiteMaximumCovariance(pr, eta);
  const { coefficients, covariance } = toOriginalScale(beta, covZ, shift, scale, intercept, p, q);
  const se = new Float64Array(p);
  for (let a = 0; a < p; a++) se[a] = Math.sqrt(covariance[a * p + a]);
  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) fitted[i] = 1 / (1 + Math.exp(-eta[i]));
  return { names, coefficients, se, covariance, linearPredictor: eta, fitted, deviance: dev, iterations };
}

/** The centred and scaled problem, with scratch space for a design row, the Hessian and the gradient. */
interface Problem {
  readonly n: number;
  readonly p: number;
  readonly q: number;
  readonly intercept: boolean;
  readonly Z: readonly Float64Array[];
  readonly w: Float64Array;
  readonly y: ArrayLike<number>;
  readonly xRow: Float64Array;
  readonly hess: Float64Array;
  readonly grad: Float64Array;
}

/** The design as columns: an array of columns as given, or a column-major matrix of n rows cut into columns. */
function designColumns(X: Float64Array | readonly ArrayLike<number>[], n: number): ArrayLike<number>[] {
  if (!(X instanceof Float64Array)) return X.slice();
  if (n === 0 || X.length % n !== 0) throw new SpecificationError(`design matrix has ${X.length} values, not a multiple of ${n} rows`);
  const columns: ArrayLike<number>[] = [];
  for (let j = 0; j < X.length / n; j++) columns.push(X.subarray(j * n, (j + 1) * n));
  return columns;
}

/** Prior weights (default 1) after checking them and the outcomes. */
function checkedWeights(y: ArrayLike<number>, weights: ArrayLike<number> | undefined): { w: Float64Array; wSum: number } {
  const n = y.length;
  const w = new Float64Array(n);
  let wSum = 0;
  for (let i = 0; i < n; i++) {
    const wi = weights ? weights[i] : 1;
    if (!(wi >= 0) || !Number.isFinite(wi)) throw new DataError({ file: 'weights', row: i + 1, value: wi, expected: 'a finite weight ≥ 0' });
    const yi = y[i];
    if (!(yi >= 0 && yi <= 1)) throw new DataError({ file: 'y', row: i + 1, value: yi, expected: 'an outcome in [0, 1]' });
    w[i] = wi;
    wSum += wi;
  }
  if (!(wSum > 0)) throw new SpecificationError('logistic regression: all weights are zero');
  return { w, wSum };
}

/** Centre (with an intercept) and scale each column, so X'WX is well conditioned. */
function standardise(columns: readonly ArrayLike<number>[], w: Float64Array, wSum: number, intercept: boolean, colNames: readonly string[]): { Z: Float64Array[]; shift: Float64Array; scale: Float64Array } {
  const n = w.length;
  const q = columns.length;
  const shift = new Float64Array(q);
  const scale = new Float64Array(q);
  const Z: Float64Array[] = [];
  for (let j = 0; j < q; j++) {
    const c = columns[j];
    if (c.length !== n) throw new SpecificationError(`column ${colNames[j]} has ${c.length} rows, y has ${n}`);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = c[i];
      if (!Number.isFinite(v)) throw new DataError({ file: 'design matrix', row: i + 1, column: colNames[j], value: v, expected: 'a finite number' });
      m += w[i] * v;
    }
    m = intercept ? m / wSum : 0;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += w[i] * (c[i] - m) * (c[i] - m);
    const s = Math.sqrt(ss / wSum);
    if (!(s > 0)) {
      throw new SpecificationError(
        intercept ? `column ${colNames[j]} is constant: collinear with the intercept` : `column ${colNames[j]} is zero in every weighted row`,
      );
    }
    shift[j] = m;
    scale[j] = s;
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = (c[i] - m) / s;
    Z.push(z);
  }
  return { Z, shift, scale };
}

/** Row i of the scaled design (1 first with an intercept) into `pr.xRow`. */
function fillRow(pr: Problem, i: number): void {
  let k = 0;
  if (pr.intercept) pr.xRow[k++] = 1;
  for (let j = 0; j < pr.q; j++) pr.xRow[k++] = pr.Z[j][i];
}

/** Collinearity: X'WX with prior weights only must be positive definite. */
function checkRank(pr: Problem, names: readonly string[]): void {
  const { n, p, w, xRow } = pr;
  const gram = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    if (wi === 0) continue;
    fillRow(pr, i);
    for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) gram[a * p + b] += wi * xRow[a] * xRow[b];
  }
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) gram[a * p + b] = gram[b * p + a];
  const rank = cholesky(gram, p, 1e-9);
  if (!rank.ok) throw new SpecificationError(`column ${names[rank.pivot]} is (nearly) a linear combination of the other columns: X'WX is singular`);
}

/** Deviance at coefficients b (scaled design), with the linear predictor into `out`. */
function deviance(pr: Problem, b: Float64Array, out: Float64Array): number {
  const { n, p, w, y, xRow } = pr;
  let dev = 0;
  for (let i = 0; i < n; i++) {
    fillRow(pr, i);
    let e = 0;
    for (let a = 0; a < p; a++) e += xRow[a] * b[a];
    out[i] = e;
    if (w[i] > 0) dev += 2 * w[i] * (y[i] * softplus(-e) + (1 - y[i]) * softplus(e));
  }
  return dev;
}

/** Newton step at the linear predictor `eta` (Hessian left in `pr.hess`); undefined when the information matrix is singular. */
function newtonStep(pr: Problem, eta: Float64Array): Float64Array | undefined {
  const { n, p, w, y, xRow, hess, grad } = pr;
  hess.fill(0);
  grad.fill(0);
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    if (wi === 0) continue;
    fillRow(pr, i);
    const e = eta[i];
    const ex = Math.exp(-Math.abs(e));
    const prob = e >= 0 ? 1 / (1 + ex) : ex / (1 + ex);
    const v = (ex / (1 + ex)) * (1 / (1 + ex)); // p(1 − p), stable in both tails
    const r = y[i] - prob;
    for (let a = 0; a < p; a++) {
      grad[a] += wi * r * xRow[a];
      const wa = wi * v * xRow[a];
      for (let b = 0; b <= a; b++) hess[a * p + b] += wa * xRow[b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) hess[a * p + b] = hess[b * p + a];
  const ch = cholesky(hess, p, 1e-12);
  if (!ch.ok) return undefined;
  return choleskySolve(ch.factor, p, grad);
}

function separation(): SpecificationError {
  return new SpecificationError(
    'logistic regression: (quasi-)complete separation — some combination of the covariates predicts the outcome perfectly, so the coefficients diverge; drop or coarsen the covariate, or use exact matching on it',
  );
}

/** Newton–Raphson with step halving from zero until the relative change in deviance is below `tol`. */
function iterate(pr: Problem, maxIter: number, tol: number): { beta: Float64Array; eta: Float64Array; dev: number; iterations: number } {
  const { n, p } = pr;
  const beta = new Float64Array(p);
  const eta = new Float64Array(n);
  let dev = deviance(pr, beta, eta);
  let iterations = 0;
  const trial = new Float64Array(p);
  const trialEta = new Float64Array(n);
  while (iterations < maxIter) {
    iterations++;
    const step = newtonStep(pr, eta);
    if (!step) throw separation();
    // Step halving keeps every iteration an ascent step (R halves only on non-finite deviance).
    let f = 1;
    let devNew = Infinity;
    for (let h = 0; h < 30; h++) {
      for (let a = 0; a < p; a++) trial[a] = beta[a] + f * step[a];
      devNew = deviance(pr, trial, trialEta);
      if (devNew <= dev * (1 + 1e-12) + 1e-12) break;
      f /= 2;
    }
    beta.set(trial);
    eta.set(trialEta);
    const change = Math.abs(devNew - dev) / (Math.abs(devNew) + 0.1);
    dev = devNew;
    if (change < tol) return { beta, eta, dev, iterations };
  }
  throw new SpecificationError(`logistic regression did not converge in ${maxIter} iterations (separation is the usual cause)`);
}

/**
 * Inverse information at the maximum (scaled design). At a finite maximum a further Newton step is
 * negligible; under separation it still moves the logits, which is refused.
 */
function finiteMaximumCovariance(pr: Problem, eta: Float64Array): Float64Array {
  const { n, p, w, xRow } = pr;
  const extra = newtonStep(pr, eta);
  if (!extra) throw separation();
  let maxMove = 0;
  for (let i = 0; i < n; i++) {
    if (w[i] === 0) continue;
    fillRow(pr, i);
    let d = 0;
    for (let a = 0; a < p; a++) d += xRow[a] * extra[a];
    if (Math.abs(d) > maxMove) maxMove = Math.abs(d);
  }
  if (maxMove > 1e-3) throw separation();
  const ch = cholesky(pr.hess, p, 1e-12);
  if (!ch.ok) throw separation();
  return choleskyInverse(ch.factor, p);
}

/** Coefficients and covariance back on the original scale: beta = T b with T linear. */
function toOriginalScale(beta: Float64Array, covZ: Float64Array, shift: Float64Array, scale: Float64Array, intercept: boolean, p: number, q: number): { coefficients: Float64Array; covariance: Float64Array } {
  const T = new Float64Array(p * p);
  const off = intercept ? 1 : 0;
  if (intercept) {
    T[0] = 1;
    for (let j = 0; j < q; j++) T[0 * p + off + j] = -shift[j] / scale[j];
  }
  for (let j = 0; j < q; j++) T[(off + j) * p + off + j] = 1 / scale[j];
  const coefficients = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    let s = 0;
    for (let b = 0; b < p; b++) s += T[a * p + b] * beta[b];
    coefficients[a] = s;
  }
  const covariance = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let c = 0; c < p; c++) {
        const tac = T[a * p + c];
        if (tac === 0) continue;
        for (let d = 0; d < p; d++) s += tac * covZ[c * p + d] * T[b * p + d];
      }
      covariance[a * p + b] = s;
    }
  }
  return { coefficients, covariance };
}

/** The columns of an array-of-columns design (a Float64Array design is checked against n later). */
function columns0(X: Float64Array | readonly ArrayLike<number>[]): readonly ArrayLike<number>[] {
  return X instanceof Float64Array ? [] : X;
}
