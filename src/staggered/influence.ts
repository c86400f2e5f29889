/**
 * The influence functions behind an {@link attGt} result, in one of two representations, and
 * the inference on linear combinations of them that `attGt` and `aggregate` need.
 *
 * - `person`: one value per person and ATT(g,t) (any method, covariates, clusters).
 * - `cohort`: without covariates and with persons as clusters every influence function is
 *   w_i · f_{G_i}'(Y_i, 1) with a coefficient vector f per cohort, so all variances follow from
 *   the per-cohort moment matrices Q_c = Σ_{i∈c} w_i² (Y_i, 1)(Y_i, 1)' — no per-person storage.
 *
 * A combination is Σ_k coef_k ψ_k + w_i · wif[G_i] (the second term is `aggte`'s effect of
 * estimating cohort shares, which depends only on the person's cohort and weight).
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { cholesky, choleskySolve, psdSquareRoot } from '../core/linalg.js';
import { createRandom } from '../core/random.js';
import type { HypothesisTest } from '../core/result.js';
import { analyticSe, clusterSums, multiplierBootstrap, quantile7, type BootstrapSpec } from './inference.js';

/** Per-person influence functions: `values[k * n + i]`. */
export interface PersonInfluence {
  readonly kind: 'person';
  readonly n: number;
  readonly values: Float64Array;
  readonly cluster: Int32Array;
  readonly clusters: number;
}

/** One ATT(g,t)'s influence function in the cohort representation: per cohort code, ±scale · (e_t − e_b − η e_1). */
export interface CohortCell {
  readonly t: number;
  readonly b: number;
  /** Cohort codes with their scale (n/W, negative for comparison cohorts) and mean change η. */
  readonly cohorts: Int32Array;
  readonly scale: Float64Array;
  readonly eta: Float64Array;
}

/** Per-cohort moment matrices and the cells' coefficient vectors. */
export interface CohortInfluence {
  readonly kind: 'cohort';
  readonly n: number;
  /** Periods T; vectors have T + 1 entries (the last is the constant). */
  readonly T: number;
  /** Q_c, (T+1)² row-major, per cohort code. */
  readonly moments: readonly Float64Array[];
  readonly cells: readonly (CohortCell | null)[];
}

/** Everything {@link aggregate} needs from an attGt result. */
export interface AttGtInfluence {
  readonly n: number;
  /** Cohort code per person (index into `cohortValues`). */
  readonly cohortCode: Int32Array;
  /** Cohort value per code (`Infinity` = never treated). */
  readonly cohortValues: Float64Array;
  readonly weight: Float64Array;
  readonly periods: Float64Array;
  readonly representation: PersonInfluence | CohortInfluence;
}

/** Σ_k coef_k ψ_k + w_i · wif[cohort code of i]. */
export interface Combination {
  readonly coef: Float64Array;
  readonly wif: Float64Array;
}

/** A combination that is ATT(g,t) number k itself. */
export function unitCombination(k: number, K: number, codes: number): Combination {
  const coef = new Float64Array(K);
  coef[k] = 1;
  return { coef, wif: new Float64Array(codes) };
}

/** Per-person values of combinations (person representation), estimate-major. */
function personValues(inf: AttGtInfluence, rep: PersonInfluence, combos: readonly Combination[]): Float64Array {
  const { n } = rep;
  const out = new Float64Array(combos.length * n);
  combos.forEach((c, j) => {
    const o = out.subarray(j * n, (j + 1) * n);
    c.coef.forEach((v, k) => {
      if (v === 0) return;
      const col = k * n;
      for (let i = 0; i < n; i++) o[i] += v * rep.values[col + i];
    });
    if (c.wif.some((x) => x !== 0)) for (let i = 0; i < n; i++) o[i] += inf.weight[i] * c.wif[inf.cohortCode[i]];
  });
  return out;
}

/** Per cohort code: the (T+1)-vector of a combination (cohort representation). */
function cohortVectors(rep: CohortInfluence, combo: Combination): Float64Array[] {
  const T1 = rep.T + 1;
  const F = rep.moments.map(() => new Float64Array(T1));
  combo.coef.forEach((v, k) => {
    const cell = rep.cells[k];
    if (v === 0 || cell === null) return;
    for (let j = 0; j < cell.cohorts.length; j++) {
      const f = F[cell.cohorts[j]];
      const s = v * cell.scale[j];
      f[cell.t] += s;
      f[cell.b] -= s;
      f[rep.T] -= s * cell.eta[j];
    }
  });
  combo.wif.forEach((w, c) => {
    F[c][rep.T] += w;
  });
  return F;
}

/** Covariance matrix (m × m) of combinations in the cohort representation: Σ_c F_c' Q_c G_c / n². */
function cohortCovariance(rep: CohortInfluence, combos: readonly Combination[]): Float64Array {
  const m = combos.length;
  const T1 = rep.T + 1;
  const vecs = combos.map((c) => cohortVectors(rep, c));
  const V = new Float64Array(m * m);
  const QF = new Float64Array(T1 * m);
  for (let c = 0; c < rep.moments.length; c++) {
    const Q = rep.moments[c];
    if (Q[T1 * T1 - 1] === 0) continue; // empty cohort
    const active: number[] = [];
    for (let a = 0; a < m; a++) if (vecs[a][c].some((x) => x !== 0)) active.push(a);
    if (active.length === 0) continue;
    for (const a of active) {
      const f = vecs[a][c];
      for (let r = 0; r < T1; r++) {
        let s = 0;
        const row = r * T1;
        for (let q = 0; q < T1; q++) s += Q[row + q] * f[q];
        QF[a * T1 + r] = s;
      }
    }
    for (let x = 0; x < active.length; x++) {
      const a = active[x];
      for (let y = 0; y <= x; y++) {
        const b = active[y];
        const f = vecs[b][c];
        let s = 0;
        for (let r = 0; r < T1; r++) s += f[r] * QF[a * T1 + r];
        V[a * m + b] += s;
      }
    }
  }
  const n2 = rep.n * rep.n;
  for (let a = 0; a < m; a++) for (let b = 0; b <= a; b++) V[b * m + a] = V[a * m + b] = V[a * m + b] / n2;
  return V;
}

/** Standard errors of combinations and, with a bootstrap, bootstrap SEs and the sup-t critical value over the first `bandOver`. */
export function combinationInference(
  inf: AttGtInfluence,
  combos: readonly Combination[],
  bootstrap: BootstrapSpec | null,
  level: number,
  bandOver: number,
): { se: (number | null)[]; critical: number | null; covariance?: Float64Array } {
  const rep = inf.representation;
  const m = combos.length;
  if (rep.kind === 'person') {
    const sums = clusterSums(personValues(inf, rep, combos), rep.n, m, rep.cluster, rep.clusters);
    if (bootstrap) return multiplierBootstrap(sums, rep.clusters, m, bootstrap, level, bandOver);
    return { se: analyticSe(sums, rep.clusters, m), critical: null };
  }
  const V = cohortCovariance(rep, combos);
  const tiny = Math.sqrt(2.220446049250313e-16) * 10;
  const se = Array.from({ length: m }, (_, a) => {
    const s = Math.sqrt(Math.max(V[a * m + a], 0));
    return s > tiny ? s : null;
  });
  if (!bootstrap) return { se, critical: null, covariance: V };
  return { se, critical: gaussianCritical(V, m, se, bootstrap, level, bandOver), covariance: V };
}

/** Sup-t critical value from Gaussian draws with covariance V (exact for Gaussian multipliers). */
function gaussianCritical(V: Float64Array, m: number, se: readonly (number | null)[], boot: BootstrapSpec, level: number, bandOver: number): number | null {
  const idx = se.map((s, a) => (s !== null && a < bandOver ? a : -1)).filter((a) => a >= 0);
  const p = idx.length;
  if (p === 0) return null;
  const sub = new Float64Array(p * p);
  for (let x = 0; x < p; x++) for (let y = 0; y < p; y++) sub[x * p + y] = V[idx[x] * m + idx[y]];
  const L = psdSquareRoot(sub, p);
  const rng = createRandom(boot.seed);
  const z = new Float64Array(p);
  const maxT = new Float64Array(boot.replications);
  for (let b = 0; b < boot.replications; b++) {
    for (let x = 0; x < p; x++) z[x] = rng.normal();
    let mx = 0;
    for (let x = 0; x < p; x++) {
      let s = 0;
      for (let y = 0; y <= x; y++) s += L[x * p + y] * z[y];
      const t = Math.abs(s) / se[idx[x]]!;
      if (t > mx) mx = t;
    }
    maxT[b] = mx;
  }
  maxT.sort();
  return quantile7(maxT, level);
}

/** Joint Wald test that the given combinations are zero. */
export function combinationWald(inf: AttGtInfluence, combos: readonly Combination[], estimates: readonly number[], name: string, nullHypothesis: string): HypothesisTest {
  const m = combos.length;
  const base = { name, distribution: 'chi2' as const, df2: null, null_hypothesis: nullHypothesis };
  if (m === 0) return { ...base, statistic: null, df: null, p_value: null, note: 'no estimates to test' };
  const rep = inf.representation;
  let V: Float64Array;
  if (rep.kind === 'person') {
    const sums = clusterSums(personValues(inf, rep, combos), rep.n, m, rep.cluster, rep.clusters);
    V = new Float64Array(m * m);
    for (let c = 0; c < rep.clusters; c++) {
      for (let a = 0; a < m; a++) {
        const va = sums[c * m + a];
        if (va === 0) continue;
        for (let b = 0; b <= a; b++) V[a * m + b] += va * sums[c * m + b];
      }
    }
    for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) V[a * m + b] = V[b * m + a];
  } else V = cohortCovariance(rep, combos);
  return waldFrom(V, m, estimates, base);
}

/** u_k' Q u_l for u = e_t − e_b − η e_T (the cohort part of a cell's influence function, unscaled). */
function cellQuad(Q: Float64Array, T1: number, t1: number, b1: number, e1: number, t2: number, b2: number, e2: number): number {
  const T = T1 - 1;
  const q = (r: number, c: number) => Q[r * T1 + c];
  return q(t1, t2) - q(t1, b2) - e2 * q(t1, T) - q(b1, t2) + q(b1, b2) + e2 * q(b1, T) - e1 * q(T, t2) + e1 * q(T, b2) + e1 * e2 * q(T, T);
}

/** Covariance of two ATT(g,t) in the cohort representation; `pos` maps cohort code → index in `k.cohorts` (−1 elsewhere). */
function cellCovariance(rep: CohortInfluence, k: CohortCell, l: CohortCell, pos: Int32Array): number {
  const T1 = rep.T + 1;
  let s = 0;
  for (let y = 0; y < l.cohorts.length; y++) {
    const c = l.cohorts[y];
    const x = pos[c];
    if (x < 0) continue;
    s += k.scale[x] * l.scale[y] * cellQuad(rep.moments[c], T1, k.t, k.b, k.eta[x], l.t, l.b, l.eta[y]);
  }
  return s / (rep.n * rep.n);
}

/** Marks the cohorts of a cell in `pos` (and returns a function that clears them again). */
function mark(pos: Int32Array, cell: CohortCell): () => void {
  cell.cohorts.forEach((c, x) => (pos[c] = x));
  return () => cell.cohorts.forEach((c) => (pos[c] = -1));
}

/** SEs of every ATT(g,t), and with a bootstrap the bootstrap SEs and the sup-t critical value over all of them. */
export function cellInference(inf: AttGtInfluence, K: number, bootstrap: BootstrapSpec | null, level: number): { se: (number | null)[]; critical: number | null } {
  const rep = inf.representation;
  const codes = inf.cohortValues.length;
  if (rep.kind === 'person') return combinationInference(inf, Array.from({ length: K }, (_, k) => unitCombination(k, K, codes)), bootstrap, level, K);
  const tiny = Math.sqrt(2.220446049250313e-16) * 10;
  const pos = new Int32Array(rep.moments.length).fill(-1);
  const se = rep.cells.map((c) => {
    if (c === null) return null;
    const clear = mark(pos, c);
    const s = Math.sqrt(Math.max(cellCovariance(rep, c, c, pos), 0));
    clear();
    return s > tiny ? s : null;
  });
  if (!bootstrap) return { se, critical: null };
  // Gaussian multipliers: Σ_{i∈c} V_i w_i (Y_i, 1) ~ N(0, Q_c), drawn per cohort.
  const T1 = rep.T + 1;
  const roots = rep.moments.map((Q) => psdSquareRoot(Q, T1));
  const rng = createRandom(bootstrap.seed);
  const u = rep.moments.map(() => new Float64Array(T1));
  const z = new Float64Array(T1);
  const maxT = new Float64Array(bootstrap.replications);
  for (let r = 0; r < bootstrap.replications; r++) {
    roots.forEach((L, c) => {
      for (let a = 0; a < T1; a++) z[a] = rng.normal();
      const uc = u[c];
      for (let a = 0; a < T1; a++) {
        let s = 0;
        for (let b = 0; b <= a; b++) s += L[a * T1 + b] * z[b];
        uc[a] = s;
      }
    });
    let mx = 0;
    rep.cells.forEach((cell, k) => {
      if (cell === null || se[k] === null) return;
      let d = 0;
      for (let j = 0; j < cell.cohorts.length; j++) {
        const uc = u[cell.cohorts[j]];
        d += cell.scale[j] * (uc[cell.t] - uc[cell.b] - cell.eta[j] * uc[rep.T]);
      }
      const t = Math.abs(d / rep.n) / se[k]!;
      if (t > mx) mx = t;
    });
    maxT[r] = mx;
  }
  maxT.sort();
  return { se, critical: se.some((s) => s !== null) ? quantile7(maxT, level) : null };
}

/** Joint Wald test that the given ATT(g,t) (by index) are zero. */
export function cellWald(inf: AttGtInfluence, K: number, which: readonly number[], estimates: readonly number[], name: string, nullHypothesis: string): HypothesisTest {
  const rep = inf.representation;
  if (rep.kind === 'person') return combinationWald(inf, which.map((k) => unitCombination(k, K, inf.cohortValues.length)), estimates, name, nullHypothesis);
  const m = which.length;
  const base = { name, distribution: 'chi2' as const, df2: null, null_hypothesis: nullHypothesis };
  if (m === 0) return { ...base, statistic: null, df: null, p_value: null, note: 'no estimates to test' };
  const V = new Float64Array(m * m);
  const pos = new Int32Array(rep.moments.length).fill(-1);
  for (let a = 0; a < m; a++) {
    const ka = rep.cells[which[a]]!;
    const clear = mark(pos, ka);
    for (let b = 0; b <= a; b++) V[a * m + b] = V[b * m + a] = cellCovariance(rep, ka, rep.cells[which[b]]!, pos);
    clear();
  }
  return waldFrom(V, m, estimates, base);
}

/**
 * A pivot of the Wald covariance's Cholesky factor below this share of its diagonal means the
 * tested estimates are (nearly) linearly dependent — e.g. more pre-treatment cells of a cohort
 * than it has persons — and θ'V⁻¹θ would be driven by rounding; the test is then not reported.
 */
const WALD_PIVOT_TOL = 1e-7;

function waldFrom(V: Float64Array, m: number, estimates: readonly number[], base: Omit<HypothesisTest, 'statistic' | 'df' | 'p_value'>): HypothesisTest {
  const ch = cholesky(V, m, WALD_PIVOT_TOL);
  if (!ch.ok) return { ...base, statistic: null, df: m, p_value: null, note: 'the covariance of the tested estimates is (nearly) singular, e.g. a cohort has fewer persons than pre-treatment periods' };
  const theta = Float64Array.from(estimates);
  const x = choleskySolve(ch.factor, m, theta);
  let stat = 0;
  for (let a = 0; a < m; a++) stat += theta[a] * x[a];
  return { ...base, statistic: stat, df: m, p_value: 1 - chisquareCdf(stat, m) };
}
