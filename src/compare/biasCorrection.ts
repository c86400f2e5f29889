/**
 * Regression bias correction of a matched difference-in-differences (Abadie & Imbens 2011):
 * each control's phase means are moved to the covariate values of its matched supported person
 * by a regression fitted among the controls. See docs/methods/simulation-audit.md.
 */
import { SpecificationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../core/options.js';
import { cholesky, choleskySolve } from '../core/linalg.js';
import type { EventPanel } from '../panel/types.js';

/** Covariate values per panel person (e.g. `matchControls(...).matchedValues`): `values[j][p]` is covariate `names[j]` of person p. */
export interface MatchedValues {
  readonly names: readonly string[];
  readonly values: readonly Float64Array[];
}

/** The adjustment of the control cells, per panel person and phase (0 before, 1 after). */
export interface BiasAdjustment {
  /** Outcome shift μ̂_h(X of the supported person of the set) − μ̂_h(X of the control); 0 for others. */
  readonly shift: Float64Array;
  /**
   * Each control's part of the influence of the estimated coefficients on the adjusted control
   * cell sum of phase h: D_hᵀ A_h⁻¹ x̃ w n (ȳ − fitted), with D_h = Σ w n (X_supported − X) over
   * the cell, A_h = Σ w n x̃ x̃ᵀ and x̃ the centred covariates (divided by the cell weight W_h it
   * is the influence on the cell mean).
   */
  readonly score: Float64Array;
  /** Covariates kept in each phase's regression, and their coefficients (phase 0, then 1). */
  readonly names: readonly (readonly string[])[];
  readonly coefficients: readonly (readonly number[])[];
}

/**
 * Check the shape of `biasCorrection` against the panel: one Float64Array per name, one value per panel person.
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * const panel = panelFromLong([{ id: 'a', k: -1, y: 1 }], { id: 'id', eventTime: 'k', outcome: 'y' });
 * checkMatchedValues(panel, { names: ['x'], values: [new Float64Array([0.5])] }).names; // ['x']
 */
export function checkMatchedValues(panel: Pick<EventPanel, 'persons'>, v: unknown): MatchedValues {
  const P = panel.persons.length;
  const ok =
    isPlainObject(v) &&
    Array.isArray(v.names) &&
    Array.isArray(v.values) &&
    v.names.length === v.values.length &&
    v.names.every((n) => typeof n === 'string') &&
    v.values.every((c) => c instanceof Float64Array && c.length === P);
  if (!ok) {
    throw new SpecificationError(
      `diffInDiff: biasCorrection must be { names, values } with one Float64Array of ${P} values (one per panel person) per name, as matchControls(...).matchedValues for a panel built with eventPanel(exp, { anchors: match.anchors }); got ${describeValue(v)}`,
    );
  }
  return v as unknown as MatchedValues;
}

/** The supported person (panel index) of each control's matched set; -1 for others. */
function supportedOfSet(panel: Pick<EventPanel, 'persons'>, codes: { treated: number; control: number }): Int32Array {
  const { group, cluster, id } = panel.persons;
  const bySet = new Map<number, number>();
  for (let p = 0; p < panel.persons.length; p++) {
    if (group[p] !== codes.treated || cluster[p] < 0) continue;
    const other = bySet.get(cluster[p]);
    if (other !== undefined) throw new SpecificationError(`diffInDiff: biasCorrection needs one supported person per matched set; set ${cluster[p]} holds ${id[other]} and ${id[p]}`);
    bySet.set(cluster[p], p);
  }
  const out = new Int32Array(panel.persons.length).fill(-1);
  for (let p = 0; p < panel.persons.length; p++) {
    if (group[p] !== codes.control) continue;
    const t = cluster[p] < 0 ? undefined : bySet.get(cluster[p]);
    if (t === undefined) throw new SpecificationError(`diffInDiff: biasCorrection needs matched sets; control ${id[p]} has no supported person in its set (cluster ${cluster[p]})`);
    out[p] = t;
  }
  return out;
}

/**
 * Weighted least squares of person phase means on centred covariates with weights w·n; a
 * covariate that is (nearly) a combination of earlier ones is dropped (coefficient 0), as R's `lm`
 * reports it aliased.
 */
function fitPhase(rows: readonly number[], X: readonly Float64Array[], y: Float64Array, wt: Float64Array): { beta: Float64Array; mean: Float64Array; keep: number[]; inv: (b: Float64Array) => Float64Array } {
  const q = X.length;
  const mean = new Float64Array(q);
  let sw = 0;
  for (const p of rows) sw += wt[p];
  for (let j = 0; j < q; j++) {
    for (const p of rows) mean[j] += wt[p] * X[j][p];
    mean[j] /= sw;
  }
  let keep = Array.from({ length: q }, (_, j) => j);
  for (;;) {
    const k = keep.length;
    const A = new Float64Array(k * k);
    const b = new Float64Array(k);
    let yBar = 0;
    for (const p of rows) yBar += (wt[p] * y[p]) / sw;
    for (const p of rows) {
      for (let a = 0; a < k; a++) {
        const xa = X[keep[a]][p] - mean[keep[a]];
        b[a] += wt[p] * xa * (y[p] - yBar);
        for (let c = 0; c <= a; c++) A[a * k + c] += wt[p] * xa * (X[keep[c]][p] - mean[keep[c]]);
      }
    }
    for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) A[c * k + a] = A[a * k + c];
    const f = k === 0 ? ({ ok: true, factor: A } as const) : cholesky(A, k);
    if (!f.ok) {
      keep = keep.filter((_, i) => i !== f.pivot);
      continue;
    }
    const beta = new Float64Array(q);
    const sol = k === 0 ? b : choleskySolve(f.factor, k, b);
    keep.forEach((j, a) => (beta[j] = sol[a]));
    const inv = (g: Float64Array): Float64Array => {
      const out = new Float64Array(q);
      if (k === 0) return out;
      const s = choleskySolve(f.factor, k, Float64Array.from(keep, (j) => g[j]));
      keep.forEach((j, a) => (out[j] = s[a]));
      return out;
    };
    return { beta, mean, keep, inv };
  }
}

/**
 * The bias correction of a matched DiD: per phase, a weighted regression (weights w·months) of
 * the controls' person phase means on the matching covariates; each control's outcomes in that
 * phase shift by β̂ᵀ(X of its supported person − its own X). `sums` holds per person
 * [before months, before Σy, after months, after Σy].
 *
 * @example
 * // used by diffInDiff({ biasCorrection }); see its example
 */
export function biasAdjustment(panel: Pick<EventPanel, 'persons'>, codes: { treated: number; control: number }, mv: MatchedValues, sums: Float64Array): BiasAdjustment {
  const P = panel.persons.length;
  const { weight, group, id } = panel.persons;
  const X = mv.values;
  const q = X.length;
  const sup = supportedOfSet(panel, codes);
  for (let p = 0; p < P; p++) {
    if ((group[p] !== codes.control && group[p] !== codes.treated) || weight[p] === 0) continue;
    for (let j = 0; j < q; j++) {
      if (!Number.isFinite(X[j][p])) throw new SpecificationError(`diffInDiff: biasCorrection: ${mv.names[j]} of person ${id[p]} is ${String(X[j][p])}; every matched person needs a value`);
    }
  }
  const shift = new Float64Array(P * 2);
  const score = new Float64Array(P * 2);
  const names: string[][] = [];
  const coefficients: number[][] = [];
  for (let h = 0; h < 2; h++) {
    const rows: number[] = [];
    const y = new Float64Array(P);
    const wt = new Float64Array(P);
    for (let p = 0; p < P; p++) {
      const n = sums[p * 4 + 2 * h];
      if (sup[p] < 0 || weight[p] === 0 || n === 0) continue;
      rows.push(p);
      y[p] = sums[p * 4 + 2 * h + 1] / n;
      wt[p] = weight[p] * n;
    }
    if (rows.length === 0) {
      names.push([]);
      coefficients.push([]);
      continue;
    }
    const fit = fitPhase(rows, X, y, wt);
    // D: weighted mean gap (supported − control) of the cell, unnormalised (Σ w n gap).
    const D = new Float64Array(q);
    for (const p of rows) {
      let s = 0;
      for (let j = 0; j < q; j++) {
        const gap = X[j][sup[p]] - X[j][p];
        s += fit.beta[j] * gap;
        D[j] += wt[p] * gap;
      }
      shift[p * 2 + h] = s;
    }
    const g = fit.inv(D);
    let yBar = 0;
    let sw = 0;
    for (const p of rows) ((yBar += wt[p] * y[p]), (sw += wt[p]));
    yBar /= sw;
    for (const p of rows) {
      let fitted = yBar;
      let gx = 0;
      for (let j = 0; j < q; j++) {
        const xc = X[j][p] - fit.mean[j];
        fitted += fit.beta[j] * xc;
        gx += g[j] * xc;
      }
      score[p * 2 + h] = gx * wt[p] * (y[p] - fitted);
    }
    names.push(fit.keep.map((j) => mv.names[j]));
    coefficients.push(fit.keep.map((j) => fit.beta[j]));
  }
  return { shift, score, names, coefficients };
}
