/**
 * The 2×2 difference-in-differences estimators for repeated cross sections of Sant'Anna & Zhao
 * (2020), each with its influence function per observation: outcome regression (`reg`, R
 * `DRDID::reg_did_rc`), normalized inverse probability weighting (`ipw`, `std_ipw_did_rc`) and
 * the locally efficient doubly robust estimator (`dr`, `drdid_rc`). `attGt` uses them for
 * unbalanced panels (`allowUnbalanced`), as R `did` does. See docs/methods/staggered.md.
 */
import { SpecificationError } from '../core/errors.js';
import { cholesky, choleskyInverse } from '../core/linalg.js';
import { propensity, type AttGtMethod, type TwoByTwo } from './twoByTwo.js';

/** Propensity scores at or above this value exclude a comparison observation (R `DRDID` trim.level). */
const TRIM = 0.995;

/** One observation set of a 2×2 repeated-cross-section comparison. */
export interface RcData {
  /** Outcome of each observation. */
  readonly y: Float64Array;
  /** 1 = observed in the later (`post`) period t, 0 = in the base period. */
  readonly post: Uint8Array;
  /** 1 = treated cohort, 0 = comparison group. */
  readonly d: Uint8Array;
  /** Design, row-major m × p, first column the intercept. */
  readonly x: Float64Array;
  readonly p: number;
  /** Weight of each observation. */
  readonly w: Float64Array;
}

/**
 * ATT and influence function (one value per observation, scaled as R `DRDID`: the error of the
 * estimate is about the mean over the m observations) of the repeated-cross-section 2×2 DiD.
 * Without covariates every method is the difference of four cell means,
 * (ȳ_treated,post − ȳ_treated,base) − (ȳ_comparison,post − ȳ_comparison,base).
 *
 * @example
 * const one = new Float64Array([1, 1, 1, 1, 1, 1]);
 * const r = twoByTwoRc('reg', { y: new Float64Array([1, 4, 0, 2, 3, 1]), post: new Uint8Array([0, 1, 1, 0, 1, 0]), d: new Uint8Array([1, 1, 1, 0, 0, 0]), x: one, p: 1, w: one });
 * r.att; // ≈ -0.5: treated (4 + 0) / 2 − 1 = 1, comparison 3 − (2 + 1) / 2 = 1.5
 */
export function twoByTwoRc(method: AttGtMethod, data: RcData): TwoByTwo {
  const m = data.y.length;
  let sw = 0;
  for (let i = 0; i < m; i++) sw += data.w[i];
  if (!(sw > 0)) throw new SpecificationError('all weights are zero');
  const w = Float64Array.from(data.w, (v) => (v * m) / sw);
  const z = { ...data, w };
  if (method === 'reg') return regressionRc(z);
  return method === 'ipw' ? ipwRc(z) : drRc(z);
}

/** Observations of one (treated, post) cell: mask. */
function cellMask(d: Uint8Array, post: Uint8Array, treated: number, later: number): Uint8Array {
  return Uint8Array.from(d, (v, i) => (v === treated && post[i] === later ? 1 : 0));
}

interface Ols {
  readonly beta: Float64Array;
  /** (Σ_mask w x x' / m)⁻¹. */
  readonly inv: Float64Array;
  readonly mask: Uint8Array;
  readonly fitted: Float64Array;
}

/** Weighted least squares of y on x over the masked observations, with fitted values for all. */
function ols(z: RcData, mask: Uint8Array, what: string): Ols {
  const { y, x, p, w } = z;
  const m = y.length;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let i = 0; i < m; i++) {
    if (mask[i] === 0) continue;
    const o = i * p;
    for (let a = 0; a < p; a++) {
      xty[a] += w[i] * x[o + a] * y[i];
      for (let b = 0; b <= a; b++) xtx[a * p + b] += w[i] * x[o + a] * x[o + b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) xtx[a * p + b] = xtx[b * p + a];
  const ch = cholesky(xtx, p, 1e-12);
  if (!ch.ok) throw new SpecificationError(`the outcome regression among ${what} is singular (too few observations or a covariate without variation)`);
  const inv = choleskyInverse(ch.factor, p);
  const beta = new Float64Array(p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) beta[a] += inv[a * p + b] * xty[b];
  for (let k = 0; k < p * p; k++) inv[k] *= m;
  const fitted = new Float64Array(m);
  for (let i = 0; i < m; i++) for (let a = 0; a < p; a++) fitted[i] += x[i * p + a] * beta[a];
  return { beta, inv, mask, fitted };
}

/** Per observation: the OLS fit's asymptotic linear representation dotted with M (zero outside the fit's mask). */
function olsEffect(z: RcData, fit: Ols, M: Float64Array): Float64Array {
  const { y, x, p, w } = z;
  const v = new Float64Array(p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) v[a] += fit.inv[a * p + b] * M[b];
  return Float64Array.from(y, (yi, i) => {
    if (fit.mask[i] === 0) return 0;
    let s = 0;
    for (let a = 0; a < p; a++) s += x[i * p + a] * v[a];
    return w[i] * (yi - fit.fitted[i]) * s;
  });
}

/** colMeans(v · x) over the m observations, divided by `by`. */
function momentOf(v: Float64Array, x: Float64Array, p: number, by = 1): Float64Array {
  const m = v.length;
  const out = new Float64Array(p);
  for (let i = 0; i < m; i++) if (v[i] !== 0) for (let a = 0; a < p; a++) out[a] += (v[i] * x[i * p + a]) / m;
  for (let a = 0; a < p; a++) out[a] /= by;
  return out;
}

/** A weighted mean Σ v·r / Σ v with its mean weight mean(v); throws when the weights are all zero. */
function ratio(v: Float64Array, r: ArrayLike<number>, what: string): { est: number; mean: number } {
  let s = 0;
  let a = 0;
  for (let i = 0; i < v.length; i++) {
    s += v[i];
    if (v[i] !== 0) a += v[i] * r[i];
  }
  if (!(s > 0)) throw new SpecificationError(`no ${what}`);
  return { est: a / s, mean: s / v.length };
}

/** Leading influence term v (r − est) / mean(v). */
function lead(v: Float64Array, r: ArrayLike<number>, q: { est: number; mean: number }): Float64Array {
  return Float64Array.from(v, (vi, i) => (vi === 0 ? 0 : (vi * (r[i] - q.est)) / q.mean));
}

function weightsWhere(z: RcData, treated: number, later: number | null): Float64Array {
  return Float64Array.from(z.w, (wi, i) => (z.d[i] === treated && (later === null || z.post[i] === later) ? wi : 0));
}

/** `reg_did_rc`: treated change minus the comparison regressions' predicted change over the treated. */
function regressionRc(z: RcData): TwoByTwo {
  const { y, d, post, x, p } = z;
  const m = y.length;
  const pre = ols(z, cellMask(d, post, 0, 0), 'comparison observations in the base period');
  const pst = ols(z, cellMask(d, post, 0, 1), 'comparison observations in period t');
  const wTpre = weightsWhere(z, 1, 0);
  const wTpost = weightsWhere(z, 1, 1);
  const wC = weightsWhere(z, 1, null);
  const change = Float64Array.from(pst.fitted, (f, i) => f - pre.fitted[i]);
  const tPre = ratio(wTpre, y, 'treated observations in the base period');
  const tPost = ratio(wTpost, y, 'treated observations in period t');
  const c = ratio(wC, change, 'treated observations');
  const M1 = momentOf(wC, x, p);
  const effPost = olsEffect(z, pst, M1);
  const effPre = olsEffect(z, pre, M1);
  const infTpost = lead(wTpost, y, tPost);
  const infTpre = lead(wTpre, y, tPre);
  const infC = lead(wC, change, c);
  const influence = new Float64Array(m);
  for (let i = 0; i < m; i++) influence[i] = infTpost[i] - infTpre[i] - (infC[i] + (effPost[i] - effPre[i]) / c.mean);
  return { att: tPost.est - tPre.est - c.est, influence };
}

/** Comparison weights w p̂/(1 − p̂) (zero at p̂ ≥ 0.995) in one period. */
function comparisonWeights(z: RcData, ps: Float64Array, later: number): Float64Array {
  return Float64Array.from(z.w, (wi, i) => (z.d[i] === 0 && z.post[i] === later && ps[i] < TRIM ? (wi * ps[i]) / (1 - ps[i]) : 0));
}

/** Per observation: the logit's asymptotic linear representation dotted with M. */
function psEffect(alr: Float64Array, p: number, M: Float64Array): Float64Array {
  const m = alr.length / p;
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) for (let a = 0; a < p; a++) out[i] += alr[i * p + a] * M[a];
  return out;
}

/** `std_ipw_did_rc`: normalized (Hajek) IPW of the four cells. */
function ipwRc(z: RcData): TwoByTwo {
  const { y, d, x, p, w } = z;
  const m = y.length;
  const prop = propensity(d, x, p, w);
  const wTpre = weightsWhere(z, 1, 0);
  const wTpost = weightsWhere(z, 1, 1);
  const wCpre = comparisonWeights(z, prop.ps, 0);
  const wCpost = comparisonWeights(z, prop.ps, 1);
  const tPre = ratio(wTpre, y, 'treated observations in the base period');
  const tPost = ratio(wTpost, y, 'treated observations in period t');
  const cPre = ratio(wCpre, y, 'comparison observations in the base period with a propensity score below the trimming level');
  const cPost = ratio(wCpost, y, 'comparison observations in period t with a propensity score below the trimming level');
  const centred = (v: Float64Array, q: { est: number; mean: number }) => Float64Array.from(v, (vi, i) => vi * (y[i] - q.est));
  const M2post = momentOf(centred(wCpost, cPost), x, p, cPost.mean);
  const M2pre = momentOf(centred(wCpre, cPre), x, p, cPre.mean);
  const eff = psEffect(prop.alr, p, M2post.map((v, a) => v - M2pre[a]));
  const a1 = lead(wTpost, y, tPost);
  const a2 = lead(wTpre, y, tPre);
  const b1 = lead(wCpost, y, cPost);
  const b2 = lead(wCpre, y, cPre);
  const influence = new Float64Array(m);
  for (let i = 0; i < m; i++) influence[i] = a1[i] - a2[i] - (b1[i] - b2[i] + eff[i]);
  return { att: tPost.est - tPre.est - (cPost.est - cPre.est), influence };
}

/** `drdid_rc`: the locally efficient doubly robust estimator (traditional nuisance estimators). */
function drRc(z: RcData): TwoByTwo {
  const { y, d, post, x, p, w } = z;
  const prop = propensity(d, x, p, w);
  const cPreFit = ols(z, cellMask(d, post, 0, 0), 'comparison observations in the base period');
  const cPostFit = ols(z, cellMask(d, post, 0, 1), 'comparison observations in period t');
  const tPreFit = ols(z, cellMask(d, post, 1, 0), 'treated observations in the base period');
  const tPostFit = ols(z, cellMask(d, post, 1, 1), 'treated observations in period t');
  const r = Float64Array.from(y, (yi, i) => yi - (post[i] === 1 ? cPostFit.fitted[i] : cPreFit.fitted[i]));
  const diffPost = Float64Array.from(tPostFit.fitted, (f, i) => f - cPostFit.fitted[i]);
  const diffPre = Float64Array.from(tPreFit.fitted, (f, i) => f - cPreFit.fitted[i]);
  const wTpre = weightsWhere(z, 1, 0);
  const wTpost = weightsWhere(z, 1, 1);
  const wD = weightsWhere(z, 1, null);
  const wCpre = comparisonWeights(z, prop.ps, 0);
  const wCpost = comparisonWeights(z, prop.ps, 1);
  const q = {
    tPre: ratio(wTpre, r, 'treated observations in the base period'),
    tPost: ratio(wTpost, r, 'treated observations in period t'),
    cPre: ratio(wCpre, r, 'comparison observations in the base period with a propensity score below the trimming level'),
    cPost: ratio(wCpost, r, 'comparison observations in period t with a propensity score below the trimming level'),
    dPost: ratio(wD, diffPost, 'treated observations'),
    dt1Post: ratio(wTpost, diffPost, 'treated observations in period t'),
    dPre: ratio(wD, diffPre, 'treated observations'),
    dt0Pre: ratio(wTpre, diffPre, 'treated observations in the base period'),
  };
  const att = q.tPost.est - q.tPre.est - (q.cPost.est - q.cPre.est) + (q.dPost.est - q.dt1Post.est) - (q.dPre.est - q.dt0Pre.est);
  const fits = { cPreFit, cPostFit, tPreFit, tPostFit };
  const weights = { wTpre, wTpost, wD, wCpre, wCpost };
  return { att, influence: drInfluence(z, prop.alr, fits, weights, q, { r, diffPost, diffPre }) };
}

type Q = { est: number; mean: number };

/** The influence function of `drdid_rc` (its variable names in the comments). */
function drInfluence(
  z: RcData,
  alrPs: Float64Array,
  f: { cPreFit: Ols; cPostFit: Ols; tPreFit: Ols; tPostFit: Ols },
  v: { wTpre: Float64Array; wTpost: Float64Array; wD: Float64Array; wCpre: Float64Array; wCpost: Float64Array },
  q: Record<'tPre' | 'tPost' | 'cPre' | 'cPost' | 'dPost' | 'dt1Post' | 'dPre' | 'dt0Pre', Q>,
  s: { r: Float64Array; diffPost: Float64Array; diffPre: Float64Array },
): Float64Array {
  const { x, p } = z;
  const neg = (u: Float64Array) => u.map((a) => -a);
  // inf.treat: leading terms and the effect of the comparison regressions (M1). The base-period
  // effect enters with a minus sign, as the base-period mean does (R DRDID adds it; see
  // docs/methods/staggered.md); likewise for M3 below.
  const treatOr = sub(olsEffect(z, f.cPostFit, neg(momentOf(v.wTpost, x, p, q.tPost.mean))), olsEffect(z, f.cPreFit, neg(momentOf(v.wTpre, x, p, q.tPre.mean))));
  const infTreat = combine([lead(v.wTpost, s.r, q.tPost), lead(v.wTpre, s.r, q.tPre), treatOr], [1, -1, 1]);
  // inf.cont: leading terms, the propensity score (M2) and the comparison regressions (M3).
  const centred = (u: Float64Array, c: Q) => Float64Array.from(u, (ui, i) => ui * (s.r[i] - c.est));
  const M2 = momentOf(centred(v.wCpost, q.cPost), x, p, q.cPost.mean).map((a, k) => a - momentOf(centred(v.wCpre, q.cPre), x, p, q.cPre.mean)[k]);
  const contOr = sub(olsEffect(z, f.cPostFit, neg(momentOf(v.wCpost, x, p, q.cPost.mean))), olsEffect(z, f.cPreFit, neg(momentOf(v.wCpre, x, p, q.cPre.mean))));
  const infCont = combine([lead(v.wCpost, s.r, q.cPost), lead(v.wCpre, s.r, q.cPre), psEffect(alrPs, p, M2), contOr], [1, -1, 1, 1]);
  // inf.eff: the local-efficiency adjustment terms as if the regressions were known.
  const infEff = combine([lead(v.wD, s.diffPost, q.dPost), lead(v.wTpost, s.diffPost, q.dt1Post), lead(v.wD, s.diffPre, q.dPre), lead(v.wTpre, s.diffPre, q.dt0Pre)], [1, -1, -1, 1]);
  // inf.or: estimation effect of the four regressions in the adjustment terms.
  const scaled = (a: Float64Array, qa: Q, b: Float64Array, qb: Q) => Float64Array.from(a, (ai, i) => ai / qa.mean - b[i] / qb.mean);
  const momPost = momentOf(scaled(v.wD, q.dPost, v.wTpost, q.dt1Post), x, p);
  const momPre = momentOf(scaled(v.wD, q.dPre, v.wTpre, q.dt0Pre), x, p);
  const infOr = combine([olsEffect(z, f.tPostFit, momPost), olsEffect(z, f.cPostFit, momPost), olsEffect(z, f.tPreFit, momPre), olsEffect(z, f.cPreFit, momPre)], [1, -1, -1, 1]);
  return Float64Array.from(infTreat, (a, i) => a - infCont[i] + infEff[i] + infOr[i]);
}

function sub(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((v, i) => v - b[i]);
}

function combine(parts: readonly Float64Array[], signs: readonly number[]): Float64Array {
  const out = new Float64Array(parts[0].length);
  parts.forEach((u, k) => {
    for (let i = 0; i < out.length; i++) out[i] += signs[k] * u[i];
  });
  return out;
}
