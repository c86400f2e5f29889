/**
 * The distance of matching: covariate values per model row, the design matrix, the propensity
 * model and the Mahalanobis metric.
 */
import { SpecificationError } from '../core/errors.js';
import { cholesky, choleskyInverse } from '../core/linalg.js';
import type { DistanceVariable, PreParticipation } from './matchCovariates.js';

/** Raw values of a distance variable for model rows from…to−1 (categorical: the code, NaN when missing). */
export function rawValues(
  v: DistanceVariable,
  personOfRow: Int32Array,
  anchorOfRow: Int32Array,
  pre: PreParticipation,
  from: number,
  to: number,
  out: Float64Array = new Float64Array(personOfRow.length),
): Float64Array {
  if (v.kind === 'preParticipation') for (let r = from; r < to; r++) out[r] = pre.share(personOfRow[r], anchorOfRow[r]);
  else if (v.kind === 'numeric') for (let r = from; r < to; r++) out[r] = v.values[personOfRow[r]];
  else
    for (let r = from; r < to; r++) {
      const c = v.codes[personOfRow[r]];
      out[r] = c < 0 ? NaN : c;
    }
  return out;
}

/** Design columns over model rows 0…m−1: numeric as is, categorical as indicators of all but the first present level; constant columns dropped. */
export function designColumns(vars: readonly DistanceVariable[], raw: readonly Float64Array[], m: number): { columns: Float64Array[]; names: string[] } {
  const columns: Float64Array[] = [];
  const names: string[] = [];
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
    const src = raw[i].subarray(0, m);
    if (v.kind !== 'categorical') {
      push(v.name, src.slice());
      return;
    }
    const present = [...new Set(src)].sort((a, b) => a - b);
    for (const level of present.slice(1)) {
      const col = new Float64Array(m);
      for (let j = 0; j < m; j++) col[j] = src[j] === level ? 1 : 0;
      push(`${v.name}=${v.levels[level]}`, col);
    }
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
