/**
 * The distance of matching: covariate values per model row, the design matrix, the propensity
 * model and the Mahalanobis metric.
 */
import { SpecificationError } from '../io/errors.js';
import { cholesky, choleskyInverse } from './linalg.js';
import { logisticRegression, type LogisticFit } from './logisticRegression.js';
import type { DistanceVariable, PreParticipation } from './matchCovariates.js';

/**
 * The propensity model, fitted on distinct (covariate pattern, group) rows with frequency weights
 * when that shrinks the data (covariates such as birth year and a share of 24 months take few
 * values): the likelihood, hence the MLE and its standard errors, are identical.
 */
export function fitPropensity(columns: readonly Float64Array[], y: Float64Array, names: readonly string[]): LogisticFit {
  const m = y.length;
  const q = columns.length;
  const index = new Map<string, number>();
  const pattern = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    let key = y[j] === 1 ? '1' : '0';
    for (let a = 0; a < q; a++) key += ',' + columns[a][j];
    let k = index.get(key);
    if (k === undefined) {
      k = index.size;
      index.set(key, k);
      if (k > m / 2) return logisticRegression(columns as Float64Array[], y, { names });
    }
    pattern[j] = k;
  }
  const K = index.size;
  const aggCols = columns.map(() => new Float64Array(K));
  const aggY = new Float64Array(K);
  const aggW = new Float64Array(K);
  for (let j = 0; j < m; j++) {
    const k = pattern[j];
    aggW[k]++;
    aggY[k] = y[j];
    for (let a = 0; a < q; a++) aggCols[a][k] = columns[a][j];
  }
  return logisticRegression(aggCols, aggY, { names, weights: aggW });
}

/** Logit propensity per row from the fitted coefficients (intercept first). */
export function linearPredictor(fit: LogisticFit, columns: readonly Float64Array[]): Float64Array {
  const m = columns[0].length;
  const eta = new Float64Array(m).fill(fit.coefficients[0]);
  for (let a = 0; a < columns.length; a++) {
    const b = fit.coefficients[a + 1];
    const col = columns[a];
    for (let j = 0; j < m; j++) eta[j] += b * col[j];
  }
  return eta;
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
