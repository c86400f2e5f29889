/**
 * The 2×2 difference-in-differences estimators for panel data of Sant'Anna & Zhao (2020), each
 * with its influence function: outcome regression (`reg`, R `DRDID::reg_did_panel`), normalized
 * inverse probability weighting (`ipw`, `std_ipw_did_panel`) and the locally efficient doubly
 * robust estimator (`dr`, `drdid_panel`). See docs/methods/staggered.md.
 */
import { SpecificationError } from '../core/errors.js';
import { cholesky, choleskyInverse } from '../core/linalg.js';
import { logisticRegression } from '../compare/logisticRegression.js';

/** How ATT(g,t) adjusts for covariates. */
export type AttGtMethod = 'reg' | 'ipw' | 'dr';

/** One 2×2 estimate: the ATT and its influence function (one value per unit of the subset). */
export interface TwoByTwo {
  readonly att: number;
  readonly influence: Float64Array;
}

/** Propensity scores at or above this value exclude a comparison unit (R `DRDID` trim.level). */
const TRIM = 0.995;

/**
 * ATT and influence function from the outcome change `dy`, the treated indicator `d`, a design
 * `x` (row-major `m × p`, first column the intercept) and weights `w` of m units. The influence
 * function is scaled as in R `DRDID`: the estimate's error is about the mean of it over the m units.
 *
 * @example
 * // Without covariates every method is the difference of mean changes.
 * const r = twoByTwo('dr', new Float64Array([1, 3, 0, 1]), new Uint8Array([1, 1, 0, 0]), new Float64Array([1, 1, 1, 1]), 1, new Float64Array([1, 1, 1, 1]));
 * r.att; // 1.5
 * Array.from(r.influence); // [-2, 2, 1, -1]
 */
export function twoByTwo(method: AttGtMethod, dy: Float64Array, d: Uint8Array, x: Float64Array, p: number, w: Float64Array): TwoByTwo {
  const m = dy.length;
  let wMean = 0;
  for (let i = 0; i < m; i++) wMean += w[i];
  wMean /= m;
  const wn = new Float64Array(m);
  for (let i = 0; i < m; i++) wn[i] = w[i] / wMean;
  if (method === 'reg') return regression(dy, d, x, p, wn);
  const ps = propensity(d, x, p, wn);
  return weighting(method, dy, d, x, p, wn, ps);
}

/** Weighted least squares of dy on x among comparison units: coefficients and (X'WX / m)⁻¹. */
function controlRegression(dy: Float64Array, d: Uint8Array, x: Float64Array, p: number, w: Float64Array): { beta: Float64Array; inv: Float64Array } {
  const m = dy.length;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let i = 0; i < m; i++) {
    if (d[i] === 1) continue;
    const wi = w[i];
    const o = i * p;
    for (let a = 0; a < p; a++) {
      xty[a] += wi * x[o + a] * dy[i];
      for (let b = 0; b <= a; b++) xtx[a * p + b] += wi * x[o + a] * x[o + b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) xtx[a * p + b] = xtx[b * p + a];
  const ch = cholesky(xtx, p, 1e-12);
  if (!ch.ok) throw new SpecificationError('the outcome regression among comparison units is singular (too few comparison units or a covariate without variation)');
  const inv = choleskyInverse(ch.factor, p);
  const beta = new Float64Array(p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) beta[a] += inv[a * p + b] * xty[b];
  for (let k = 0; k < p * p; k++) inv[k] *= m;
  return { beta, inv };
}

function predict(x: Float64Array, p: number, beta: Float64Array, i: number): number {
  let s = 0;
  for (let a = 0; a < p; a++) s += x[i * p + a] * beta[a];
  return s;
}

/** Per unit: the weighted OLS residual times x, times (X'WX/m)⁻¹, dotted with M (the OLS estimation effect). */
function olsEffect(dy: Float64Array, d: Uint8Array, x: Float64Array, p: number, w: Float64Array, beta: Float64Array, inv: Float64Array, M: Float64Array): Float64Array {
  const m = dy.length;
  const v = new Float64Array(p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) v[a] += inv[a * p + b] * M[b];
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    if (d[i] === 1) continue;
    const e = w[i] * (dy[i] - predict(x, p, beta, i));
    let s = 0;
    for (let a = 0; a < p; a++) s += x[i * p + a] * v[a];
    out[i] = e * s;
  }
  return out;
}

function regression(dy: Float64Array, d: Uint8Array, x: Float64Array, p: number, w: Float64Array): TwoByTwo {
  const m = dy.length;
  const { beta, inv } = controlRegression(dy, d, x, p, w);
  let sw = 0;
  let sy = 0;
  let so = 0;
  const M1 = new Float64Array(p);
  const od = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    od[i] = predict(x, p, beta, i);
    if (d[i] === 0) continue;
    sw += w[i];
    sy += w[i] * dy[i];
    so += w[i] * od[i];
    for (let a = 0; a < p; a++) M1[a] += (w[i] * x[i * p + a]) / m;
  }
  if (!(sw > 0)) throw new SpecificationError('no treated units');
  const etaT = sy / sw;
  const etaC = so / sw;
  const meanWT = sw / m;
  const ols = olsEffect(dy, d, x, p, w, beta, inv, M1);
  const influence = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const wt = d[i] === 1 ? w[i] : 0;
    const infT = (wt * dy[i] - wt * etaT) / meanWT;
    const infC = (wt * od[i] - wt * etaC + ols[i]) / meanWT;
    influence[i] = infT - infC;
  }
  return { att: etaT - etaC, influence };
}

/** A fitted propensity score with its asymptotic linear representation. */
export interface Propensity {
  readonly ps: Float64Array;
  /** Per unit: score × (X'WX)⁻¹ × m, row-major m × p (the logit's asymptotic linear representation). */
  readonly alr: Float64Array;
}

/**
 * Weighted logit of `d` on `x` (R `glm(D ~ -1 + x, binomial)`), fitted values capped at 1 − 10⁻⁶,
 * and per unit score × (X'WX / m)⁻¹ (R DRDID's `asy.lin.rep.ps`).
 *
 * @example
 * // Intercept only: the fitted probability is the share treated.
 * Array.from(propensity(new Uint8Array([1, 0, 0, 0]), new Float64Array([1, 1, 1, 1]), 1, new Float64Array([1, 1, 1, 1])).ps); // [0.25, 0.25, 0.25, 0.25]
 */
export function propensity(d: Uint8Array, x: Float64Array, p: number, w: Float64Array): Propensity {
  const m = d.length;
  const ps = new Float64Array(m);
  if (p === 1) {
    // Intercept only: the fitted probability is the weighted share treated.
    let sw = 0;
    let st = 0;
    for (let i = 0; i < m; i++) {
      sw += w[i];
      st += w[i] * d[i];
    }
    ps.fill(st / sw);
  } else ps.set(logitFitted(d, x, p, w));
  const xwx = new Float64Array(p * p);
  for (let i = 0; i < m; i++) {
    if (ps[i] > 1 - 1e-6) ps[i] = 1 - 1e-6;
    const wi = ps[i] * (1 - ps[i]) * w[i];
    for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) xwx[a * p + b] += wi * x[i * p + a] * x[i * p + b];
  }
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) xwx[a * p + b] = xwx[b * p + a];
  const ch = cholesky(xwx, p, 1e-12);
  if (!ch.ok) throw new SpecificationError('the propensity score design is singular (a covariate without variation)');
  const inv = choleskyInverse(ch.factor, p);
  const alr = new Float64Array(m * p);
  for (let i = 0; i < m; i++) {
    const s = w[i] * (d[i] - ps[i]);
    for (let b = 0; b < p; b++) {
      let v = 0;
      for (let a = 0; a < p; a++) v += s * x[i * p + a] * inv[a * p + b];
      alr[i * p + b] = v * m;
    }
  }
  return { ps, alr };
}

/**
 * Fitted probabilities of the weighted logit of d on x. Units sharing a covariate row and d are
 * fitted as one row with their summed weight (the same likelihood, so the same estimate), which
 * makes the fit many times faster for discrete covariates (birth year, sex, shares of 24 months).
 */
function logitFitted(d: Uint8Array, x: Float64Array, p: number, w: Float64Array): Float64Array {
  const m = d.length;
  const order = Int32Array.from({ length: m }, (_, i) => i);
  const compare = (i: number, j: number): number => {
    if (d[i] !== d[j]) return d[i] - d[j];
    for (let a = 1; a < p; a++) {
      const diff = x[i * p + a] - x[j * p + a];
      if (diff !== 0) return diff;
    }
    return 0;
  };
  order.sort(compare);
  const pattern = new Int32Array(m);
  const rows: number[] = [];
  for (let r = 0; r < m; r++) {
    const i = order[r];
    if (r === 0 || compare(order[r - 1], i) !== 0) rows.push(i);
    pattern[i] = rows.length - 1;
  }
  const weight = new Float64Array(rows.length);
  for (let i = 0; i < m; i++) weight[pattern[i]] += w[i];
  const cols: Float64Array[] = [];
  for (let a = 1; a < p; a++) cols.push(Float64Array.from(rows, (i) => x[i * p + a]));
  const fitted = logisticRegression(cols, Uint8Array.from(rows, (i) => d[i]), { weights: weight }).fitted;
  return Float64Array.from(pattern, (k) => fitted[k]);
}

/** `ipw` (normalized, Hajek) and `dr` (locally efficient, traditional nuisance estimators). */
function weighting(method: 'ipw' | 'dr', dy: Float64Array, d: Uint8Array, x: Float64Array, p: number, w: Float64Array, prop: Propensity): TwoByTwo {
  const m = dy.length;
  const { ps, alr } = prop;
  const od = new Float64Array(m);
  let reg: { beta: Float64Array; inv: Float64Array } | undefined;
  if (method === 'dr') {
    reg = controlRegression(dy, d, x, p, w);
    for (let i = 0; i < m; i++) od[i] = predict(x, p, reg.beta, i);
  }
  const wT = new Float64Array(m);
  const wC = new Float64Array(m);
  let sT = 0;
  let sC = 0;
  let aT = 0;
  let aC = 0;
  for (let i = 0; i < m; i++) {
    if (d[i] === 1) wT[i] = w[i];
    else if (ps[i] < TRIM) wC[i] = (w[i] * ps[i]) / (1 - ps[i]);
    sT += wT[i];
    sC += wC[i];
    aT += wT[i] * (dy[i] - od[i]);
    aC += wC[i] * (dy[i] - od[i]);
  }
  if (!(sT > 0)) throw new SpecificationError('no treated units');
  if (!(sC > 0)) throw new SpecificationError('no comparison units with a propensity score below the trimming level');
  const etaT = aT / sT;
  const etaC = aC / sC;
  const M1 = new Float64Array(p);
  const M2 = new Float64Array(p);
  const M3 = new Float64Array(p);
  for (let i = 0; i < m; i++) {
    const r = dy[i] - od[i] - etaC;
    for (let a = 0; a < p; a++) {
      const xa = x[i * p + a];
      M1[a] += (wT[i] * xa) / m;
      M2[a] += (wC[i] * r * xa) / m;
      M3[a] += (wC[i] * xa) / m;
    }
  }
  const olsT = reg ? olsEffect(dy, d, x, p, w, reg.beta, reg.inv, M1) : undefined;
  const olsC = reg ? olsEffect(dy, d, x, p, w, reg.beta, reg.inv, M3) : undefined;
  const meanT = sT / m;
  const meanC = sC / m;
  const influence = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const e = dy[i] - od[i];
    let psEffect = 0;
    for (let a = 0; a < p; a++) psEffect += alr[i * p + a] * M2[a];
    const infT = (wT[i] * e - wT[i] * etaT - (olsT ? olsT[i] : 0)) / meanT;
    const infC = (wC[i] * e - wC[i] * etaC + psEffect - (olsC ? olsC[i] : 0)) / meanC;
    influence[i] = infT - infC;
  }
  return { att: etaT - etaC, influence };
}
