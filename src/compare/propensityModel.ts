/**
 * The propensity model of matching: one logistic regression of supported vs candidate over every
 * cohort's rows, with an intercept per cohort, as MatchIt fits a single model.
 */
import { SpecificationError } from '../core/errors.js';
import { groupedLogistic } from './groupedLogistic.js';
import type { LogisticFit } from './logisticRegression.js';
import type { DistanceVariable } from './matchCovariates.js';
import { PatternTable } from './patternTable.js';

/**
 * One propensity model over every cohort's rows (supported persons and the cohort's candidates),
 * with an intercept per cohort. It is fitted on the distinct (cohort, covariate pattern, group)
 * rows with frequency weights: covariates such as birth year and a share of 24 months take few
 * values, and the likelihood, hence the MLE and its standard errors, is the same as on the
 * individual rows. The cohort intercepts are a diagonal block of the information matrix and are
 * solved for separately (see `groupedLogistic`), so a fit with a hundred start-month cohorts costs
 * about as much as one with a single cohort.
 *
 * @example
 * const m = new PropensityModel([{ name: 'birthYear', kind: 'numeric', values: new Float64Array(0) }], ['all']);
 * const x = [new Float64Array([1980, 1990, 1985, 1970, 1984, 1975])];
 * [1, 1, 0, 0, 0, 1].forEach((y, row) => m.add(0, y, x, row));
 * m.fit().names; // ['(Intercept)', 'birthYear']
 */
export class PropensityModel {
  private readonly patterns: PatternTable;
  private numericCoef: Float64Array = new Float64Array(0);
  private levelCoef: Float64Array[] = [];
  private cohortCoef: Float64Array = new Float64Array(0);
  private intercept = 0;

  constructor(
    private readonly vars: readonly DistanceVariable[],
    private readonly cohortLabels: readonly string[],
  ) {
    this.patterns = new PatternTable(vars.length);
  }

  /** Count model row `row` of cohort `cohort` (raw values per variable; y = 1 supported). */
  add(cohort: number, y: number, raw: readonly ArrayLike<number>[], row: number): void {
    this.patterns.add(cohort, y, raw, row);
  }

  /**
   * Fit. Design: numeric covariates as they are, indicators of all but the first present level of
   * categorical ones, an intercept per cohort; columns constant over all rows are dropped.
   */
  fit(): LogisticFit {
    const t = this.patterns;
    const K = t.size;
    const columns: Float64Array[] = [];
    const names: string[] = [];
    // Where each coefficient goes once fitted: [kind, variable, level].
    const slots: [kind: 'numeric' | 'level', a: number, b: number][] = [];
    this.vars.forEach((v, i) => {
      const src = t.values[i].subarray(0, K);
      if (v.kind !== 'categorical') {
        if (src.every((x) => x === src[0])) return;
        columns.push(src.slice());
        names.push(v.name);
        slots.push(['numeric', i, 0]);
        return;
      }
      const present = [...new Set(src)].sort((a, b) => a - b);
      for (const level of present.slice(1)) {
        columns.push(src.map((x) => (x === level ? 1 : 0)));
        names.push(`${v.name}=${v.levels[level]}`);
        slots.push(['level', i, level]);
      }
    });
    if (columns.length === 0) throw new SpecificationError('every distance covariate is constant');
    // Cohorts present, in order; the first is the reference of the reported cohort coefficients.
    const cohorts = [...new Set(t.group.subarray(0, K))].sort((a, b) => a - b);
    const dense = new Int32Array(this.cohortLabels.length);
    cohorts.forEach((c, g) => (dense[c] = g));
    const group = t.group.subarray(0, K).map((c) => dense[c]);
    let fit: LogisticFit;
    try {
      fit = groupedLogistic(columns, group, cohorts.length, t.y.subarray(0, K), {
        names,
        groupNames: cohorts.map((c) => `cohort=${this.cohortLabels[c]}`),
        weights: t.count.subarray(0, K),
      });
    } catch (e) {
      if (e instanceof SpecificationError) throw new SpecificationError(`propensity model: ${e.message}`);
      throw e;
    }
    this.intercept = fit.coefficients[0];
    this.numericCoef = new Float64Array(this.vars.length);
    this.levelCoef = this.vars.map((v) => new Float64Array(v.kind === 'categorical' ? v.levels.length : 0));
    slots.forEach(([kind, a, b], j) => {
      if (kind === 'numeric') this.numericCoef[a] = fit.coefficients[j + 1];
      else this.levelCoef[a][b] = fit.coefficients[j + 1];
    });
    this.cohortCoef = new Float64Array(this.cohortLabels.length);
    cohorts.forEach((c, g) => {
      if (g > 0) this.cohortCoef[c] = fit.coefficients[1 + columns.length + g - 1];
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

  /** Logit propensity of model rows from…to−1 into `out` (after {@link fit}). */
  scores(cohort: number, raw: readonly ArrayLike<number>[], from: number, to: number, out: Float64Array): void {
    // Variable by variable over the rows: per row the same additions in the same order as score().
    out.fill(this.intercept + this.cohortCoef[cohort], from, to);
    for (let v = 0; v < this.vars.length; v++) {
      const x = raw[v];
      if (this.vars[v].kind === 'categorical') {
        const coef = this.levelCoef[v];
        for (let r = from; r < to; r++) out[r] += coef[x[r]];
      } else {
        const coef = this.numericCoef[v];
        for (let r = from; r < to; r++) out[r] += coef * x[r];
      }
    }
  }

  /** Standard deviation (n − 1) of the logit propensity over every model row, for the caliper. */
  scoreSd(): number {
    const t = this.patterns;
    let n = 0;
    let mean = 0;
    let m2 = 0;
    for (let k = 0; k < t.size; k++) {
      // Weighted Welford update, a pattern's count as its weight.
      const w = t.count[k];
      const x = this.score(t.group[k], t.values, k);
      n += w;
      const d = x - mean;
      mean += (w * d) / n;
      m2 += w * d * (x - mean);
    }
    return n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN;
  }
}
