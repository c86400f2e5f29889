import { SpecificationError } from '../core/errors.js';
import { cholesky, choleskySolve } from '../core/linalg.js';
import { createRandom } from '../core/random.js';
import type { ResolvedBootstrap } from './multiplierBootstrap.js';

/**
 * A contrast of cell means θ = Σ_c sign_c m_c in a weighted regression saturated in C cells
 * (DiD: 4 cells treated/control × before/after; a phase change: 2 cells), from per-cluster sums.
 */
export interface CellContrast {
  /** Number of cells C. */
  readonly cells: number;
  /** Clusters G (rows of the sums). */
  readonly clusters: number;
  /** Σ w per cluster × cell (row-major, G × C). */
  readonly weight: Float64Array;
  /** Σ w·y per cluster × cell (row-major, G × C). */
  readonly weightedY: Float64Array;
  /** Sign (coefficient) of each cell mean in θ. */
  readonly sign: readonly number[];
  /**
   * Design of the restricted model that imposes θ = 0, one row of regressors per cell (C × q,
   * row-major): for the DiD `[1, treated, after]`, for a change `[1]`.
   */
  readonly restricted: readonly (readonly number[])[];
}

/** Result of {@link wildClusterBootstrapT}. */
export interface WildBootstrapResult {
  /** The contrast θ̂. */
  readonly estimate: number;
  /** θ̂ / se (the se without small-sample factor; the factor cancels in every ratio). */
  readonly t: number;
  /** Share of bootstrap |t*| ≥ |t| (symmetric test of θ = 0). */
  readonly p_value: number;
  /** The `level` quantile of |t*|: the interval θ̂ ± critical · se. */
  readonly critical: number;
  /** Draws used: `replications`, or 2^G when every Rademacher sign vector was enumerated. */
  readonly draws: number;
  readonly enumerated: boolean;
}

/**
 * Wild cluster bootstrap-t with the null imposed (WCR; Cameron, Gelbach & Miller 2008, as Stata
 * `boottest` and R `fwildclusterboot`): fit the restricted model (θ = 0), form y* = f_R + v_g·û_R with
 * one multiplier v_g per cluster, re-estimate θ* and its cluster-robust se*, and compare |θ*| ÷ se*
 * with |θ̂| ÷ se. With Rademacher weights and 2^G ≤ replications, every sign vector is enumerated
 * (the exact randomisation distribution). Cost O(draws × G × C).
 *
 * @example
 * import { wildClusterBootstrapT } from 'participation-effects';
 * // change after − before with four clusters (persons), one month per phase each
 * const res = wildClusterBootstrapT(
 *   { cells: 2, clusters: 4, weight: Float64Array.of(1, 1, 1, 1, 1, 1, 1, 1), weightedY: Float64Array.of(0, 1, 0, 1, 1, 1, 0, 0), sign: [-1, 1], restricted: [[1], [1]] },
 *   { replications: 999, seed: 1, weights: 'rademacher' }, 0.95,
 * );
 * [res.enumerated, res.draws, res.estimate]; // [true, 16, 0.5]
 */
export function wildClusterBootstrapT(data: CellContrast, boot: ResolvedBootstrap, level: number): WildBootstrapResult {
  const { cells: C, clusters: G, weight, weightedY, sign } = data;
  if (boot.weights === 'gaussian') throw new SpecificationError(`the wild cluster bootstrap takes rademacher, mammen or webb weights, got 'gaussian'`);
  const W = new Float64Array(C);
  const WY = new Float64Array(C);
  for (let g = 0; g < G; g++) for (let c = 0; c < C; c++) ((W[c] += weight[g * C + c]), (WY[c] += weightedY[g * C + c]));
  const mean = Float64Array.from(W, (w, c) => WY[c] / w);
  const fitted = restrictedFit(data.restricted, W, mean);
  let estimate = 0;
  for (let c = 0; c < C; c++) estimate += sign[c] * mean[c];
  // Restricted residual scores e_gc and each cluster's share of a cell's weight.
  const e = new Float64Array(G * C);
  const share = new Float64Array(G * C);
  let ss = 0;
  for (let g = 0; g < G; g++) {
    let u = 0;
    for (let c = 0; c < C; c++) {
      const i = g * C + c;
      e[i] = (weightedY[i] - fitted[c] * weight[i]) / W[c];
      share[i] = weight[i] / W[c];
      u += (sign[c] * (weightedY[i] - mean[c] * weight[i])) / W[c];
    }
    ss += u * u;
  }
  const t = estimate / Math.sqrt(ss);
  const enumerated = boot.weights === 'rademacher' && G <= 20 && 2 ** G <= boot.replications;
  const draws = enumerated ? 2 ** G : boot.replications;
  const v = new Float64Array(G);
  const M = new Float64Array(C);
  const tStar = new Float64Array(draws);
  const next = multiplierSource(boot, G);
  for (let r = 0; r < draws; r++) {
    next(v, enumerated ? r : -1);
    M.fill(0);
    for (let g = 0; g < G; g++) for (let c = 0; c < C; c++) M[c] += v[g] * e[g * C + c];
    let th = 0;
    for (let c = 0; c < C; c++) th += sign[c] * M[c];
    let s2 = 0;
    for (let g = 0; g < G; g++) {
      let u = 0;
      for (let c = 0; c < C; c++) u += sign[c] * (v[g] * e[g * C + c] - share[g * C + c] * M[c]);
      s2 += u * u;
    }
    // θ* − θ_R = th: the bootstrap world's truth is the restricted fit.
    tStar[r] = s2 > 0 ? Math.abs(th) / Math.sqrt(s2) : 0;
  }
  const absT = Math.abs(t);
  let exceed = 0;
  for (let r = 0; r < draws; r++) if (tStar[r] >= absT * (1 - 1e-10)) exceed++;
  tStar.sort();
  return { estimate, t, p_value: exceed / draws, critical: tStar[Math.max(0, Math.ceil(draws * level) - 1)], draws, enumerated };
}

/** Fitted cell means of the restricted model: WLS of the cell means on its design, weights W_c. */
function restrictedFit(design: readonly (readonly number[])[], W: Float64Array, mean: Float64Array): Float64Array {
  const C = W.length;
  const q = design[0]?.length ?? 0;
  if (design.length !== C || q === 0) throw new SpecificationError(`the restricted design needs one row of regressors per cell (${C})`);
  const xtx = new Float64Array(q * q);
  const xty = new Float64Array(q);
  for (let c = 0; c < C; c++) {
    for (let a = 0; a < q; a++) {
      xty[a] += W[c] * design[c][a] * mean[c];
      for (let b = 0; b < q; b++) xtx[a * q + b] += W[c] * design[c][a] * design[c][b];
    }
  }
  const ch = cholesky(xtx, q);
  if (!ch.ok) throw new SpecificationError('the restricted model of the wild bootstrap is not identified');
  const beta = choleskySolve(ch.factor, q, xty);
  return Float64Array.from(design, (row) => row.reduce((s, x, a) => s + x * beta[a], 0));
}

/** Fills v with the multipliers of one draw; `index` ≥ 0 gives the index-th Rademacher sign vector. */
function multiplierSource(boot: ResolvedBootstrap, G: number): (v: Float64Array, index: number) => void {
  const rng = createRandom(boot.seed);
  const webb = [-Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1, Math.sqrt(1.5)];
  const s5 = Math.sqrt(5);
  return (v, index) => {
    for (let g = 0; g < G; g++) {
      if (index >= 0) v[g] = (index >>> g) & 1 ? -1 : 1;
      else if (boot.weights === 'rademacher') v[g] = rng.uniform() < 0.5 ? -1 : 1;
      else if (boot.weights === 'webb') v[g] = webb[rng.int(6)];
      else v[g] = rng.uniform() < (s5 + 1) / (2 * s5) ? -(s5 - 1) / 2 : (s5 + 1) / 2;
    }
  };
}
