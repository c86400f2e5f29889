/**
 * The distance of matching: covariate values per model row, the design matrix, the propensity
 * model and the Mahalanobis metric.
 */
import { SpecificationError } from '../core/errors.js';
import { cholesky, choleskyInverse } from '../core/linalg.js';
import { logisticRegression, type LogisticFit } from './logisticRegression.js';
import type { DistanceVariable, PreParticipation } from './matchCovariates.js';

/**
 * One propensity model over every cohort's rows (supported persons and the cohort's candidates),
 * with an intercept per cohort, as MatchIt fits a single model. It is fitted on the distinct
 * (cohort, covariate pattern, group) rows with frequency weights: covariates such as birth year
 * and a share of 24 months take few values, and the likelihood, hence the MLE and its standard
 * errors, is the same as on the individual rows.
 */
export class PropensityModel {
  private readonly index = new Map<string, number>();
  private dedupe = true;
  private rows = 0;
  private readonly cohortOf: number[] = [];
  private readonly yOf: number[] = [];
  private readonly count: number[] = [];
  private readonly values: number[][];
  private numericCoef: Float64Array = new Float64Array(0);
  private levelCoef: Float64Array[] = [];
  private cohortCoef: Float64Array = new Float64Array(0);
  private intercept = 0;

  constructor(
    private readonly vars: readonly DistanceVariable[],
    private readonly cohortLabels: readonly string[],
  ) {
    this.values = vars.map(() => []);
  }

  /** Count model row `row` of cohort `cohort` (raw values per variable; y = 1 supported). */
  add(cohort: number, y: number, raw: readonly Float64Array[], row: number): void {
    this.rows++;
    let k: number | undefined;
    let key = '';
    if (this.dedupe) {
      key = `${cohort}|${y}`;
      for (const col of raw) key += ',' + col[row];
      k = this.index.get(key);
    }
    if (k === undefined) {
      k = this.cohortOf.length;
      if (this.dedupe) {
        this.index.set(key, k);
        // Continuous covariates: patterns do not repeat, so stop paying for the lookup table.
        if (this.index.size > 100_000 && this.index.size > this.rows / 2) {
          this.dedupe = false;
          this.index.clear();
        }
      }
      this.cohortOf.push(cohort);
      this.yOf.push(y);
      this.count.push(0);
      for (let v = 0; v < raw.length; v++) this.values[v].push(raw[v][row]);
    }
    this.count[k]++;
  }

  /**
   * Fit. Design: numeric covariates as they are, indicators of all but the first present level of
   * categorical ones, an intercept per cohort; columns constant over all rows are dropped.
   */
  fit(): LogisticFit {
    const K = this.cohortOf.length;
    const columns: Float64Array[] = [];
    const names: string[] = [];
    // Where each coefficient goes once fitted: [kind, variable or cohort, level].
    const slots: [kind: 'numeric' | 'level' | 'cohort', a: number, b: number][] = [];
    const constant = (col: Float64Array): boolean => {
      for (let k = 1; k < K; k++) if (col[k] !== col[0]) return false;
      return true;
    };
    this.vars.forEach((v, i) => {
      const src = this.values[i];
      if (v.kind !== 'categorical') {
        const col = Float64Array.from(src);
        if (constant(col)) return;
        columns.push(col);
        names.push(v.name);
        slots.push(['numeric', i, 0]);
        return;
      }
      const present = [...new Set(src)].sort((a, b) => a - b);
      for (const level of present.slice(1)) {
        columns.push(Float64Array.from(src, (x) => (x === level ? 1 : 0)));
        names.push(`${v.name}=${v.levels[level]}`);
        slots.push(['level', i, level]);
      }
    });
    if (columns.length === 0) throw new SpecificationError('every distance covariate is constant');
    const cohorts = [...new Set(this.cohortOf)].sort((a, b) => a - b);
    for (const c of cohorts.slice(1)) {
      columns.push(Float64Array.from(this.cohortOf, (x) => (x === c ? 1 : 0)));
      names.push(`cohort=${this.cohortLabels[c]}`);
      slots.push(['cohort', c, 0]);
    }
    let fit: LogisticFit;
    try {
      fit = logisticRegression(columns, this.yOf, { names, weights: this.count });
    } catch (e) {
      if (e instanceof SpecificationError) throw new SpecificationError(`propensity model: ${e.message}`);
      throw e;
    }
    this.intercept = fit.coefficients[0];
    this.numericCoef = new Float64Array(this.vars.length);
    this.levelCoef = this.vars.map((v) => new Float64Array(v.kind === 'categorical' ? v.levels.length : 0));
    this.cohortCoef = new Float64Array(this.cohortLabels.length);
    slots.forEach(([kind, a, b], j) => {
      const coef = fit.coefficients[j + 1];
      if (kind === 'numeric') this.numericCoef[a] = coef;
      else if (kind === 'level') this.levelCoef[a][b] = coef;
      else this.cohortCoef[a] = coef;
    });
    return fit;
  }

  /** Logit propensity of a model row (after {@link fit}). */
  score(cohort: number, raw: readonly ArrayLike<number>[], row: number): number {
    let eta = this.intercept + this.cohortCoef[cohort];
    for (let v = 0; v < this.vars.length; v++) {
      const x = raw[v][row];
      eta += this.vars[v].kind === 'categorical' ? this.levelCoef[v][x] : this.numericCoef[v] * x;
    }
    return eta;
  }

  /** Standard deviation (n − 1) of the logit propensity over every model row, for the caliper. */
  scoreSd(): number {
    let n = 0;
    let mean = 0;
    let m2 = 0;
    for (let k = 0; k < this.cohortOf.length; k++) {
      // Weighted Welford update, a pattern's count as its weight.
      const w = this.count[k];
      const x = this.score(this.cohortOf[k], this.values, k);
      n += w;
      const d = x - mean;
      mean += (w * d) / n;
      m2 += w * d * (x - mean);
    }
    return n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN;
  }
}

/** Raw values of a distance variable for model rows from…to−1 (categorical: the code, NaN when missing). */
export function rawValues(v: DistanceVariable, personOfRow: Int32Array, anchorOfRow: Int32Array, pre: PreParticipation, from: number, to: number): Float64Array {
  const out = new Float64Array(personOfRow.length);
  if (v.kind === 'preParticipation') for (let r = from; r < to; r++) out[r] = pre.share(personOfRow[r], anchorOfRow[r]);
  else if (v.kind === 'numeric') for (let r = from; r < to; r++) out[r] = v.values[personOfRow[r]];
  else
    for (let r = from; r < to; r++) {
      const c = v.codes[personOfRow[r]];
      out[r] = c < 0 ? NaN : c;
    }
  return out;
}

/** Design columns over the model rows: numeric as is, categorical as indicators of all but the first present level; constant columns dropped. */
export function designColumns(vars: readonly DistanceVariable[], raw: readonly Float64Array[], rows: readonly number[]): { columns: Float64Array[]; names: string[] } {
  const columns: Float64Array[] = [];
  const names: string[] = [];
  const m = rows.length;
  const push = (name: string, col: Float64Array): void => {
    for (let j = 1; j < m; j++) {
      if (col[j] !== col[0]) {
        columns.push(col);
        names.push(name);
        return;
      }
    }
  };
  vars.forEach((v, i) => {
    const src = raw[i];
    if (v.kind !== 'categorical') {
      push(v.name, Float64Array.from(rows, (r) => src[r]));
      return;
    }
    const present = [...new Set(rows.map((r) => src[r]))].sort((a, b) => a - b);
    for (const level of present.slice(1)) push(`${v.name}=${v.levels[level]}`, Float64Array.from(rows, (r) => (src[r] === level ? 1 : 0)));
  });
  return { columns, names };
}

/** Inverse of the pooled within-group covariance of the design columns (supported rows first). */
export function pooledInverseCovariance(cols: readonly Float64Array[], nT: number, cohort: string, names: readonly string[]): Float64Array {
  const q = cols.length;
  const m = cols[0].length;
  const cov = new Float64Array(q * q);
  for (const [lo, hi] of [
    [0, nT],
    [nT, m],
  ]) {
    if (hi - lo < 1) continue;
    const mean = cols.map((c) => {
      let s = 0;
      for (let j = lo; j < hi; j++) s += c[j];
      return s / (hi - lo);
    });
    for (let a = 0; a < q; a++)
      for (let b = 0; b <= a; b++) {
        let s = 0;
        for (let j = lo; j < hi; j++) s += (cols[a][j] - mean[a]) * (cols[b][j] - mean[b]);
        cov[a * q + b] += s;
      }
  }
  for (let a = 0; a < q; a++)
    for (let b = 0; b <= a; b++) {
      cov[a * q + b] /= Math.max(1, m - 2);
      cov[b * q + a] = cov[a * q + b];
    }
  const ch = cholesky(cov, q, 1e-10);
  if (!ch.ok) throw new SpecificationError(`cohort ${cohort}: covariate ${names[ch.pivot]} is collinear with the others (singular covariance for mahalanobis)`);
  return choleskyInverse(ch.factor, q);
}
