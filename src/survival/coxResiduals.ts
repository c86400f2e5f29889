import type { CoxEventTimes } from './coxPass.js';
import type { CoxSorted } from './coxSorted.js';

/** Per-stratum cumulative sums over event times from the latest backwards (sum over times ≤ t). */
interface Cumulative {
  readonly hazard: Float64Array;
  /** (m + 1) × p. */
  readonly hazardMean: Float64Array;
  /** First event-time index of each stratum, plus m. */
  readonly blockStart: Int32Array;
}

function cumulate(times: CoxEventTimes, strata: number, p: number): Cumulative {
  const { m } = times;
  const hazard = new Float64Array(m + 1);
  const hazardMean = new Float64Array((m + 1) * p);
  const blockStart = new Int32Array(strata + 1);
  for (let q = 0; q < m; q++) blockStart[times.stratum[q] + 1]++;
  for (let s = 0; s < strata; s++) blockStart[s + 1] += blockStart[s];
  for (let s = 0; s < strata; s++) {
    // Index blockStart[s+1] of the next block is the empty sum for this block: use a local zero.
    let h = 0;
    const hz = new Float64Array(p);
    for (let q = blockStart[s + 1] - 1; q >= blockStart[s]; q--) {
      h += times.hazard[q];
      hazard[q] = h;
      for (let j = 0; j < p; j++) {
        hz[j] += times.hazardMean[q * p + j];
        hazardMean[q * p + j] = hz[j];
      }
    }
  }
  return { hazard, hazardMean, blockStart };
}

/** First index in [lo, hi) of event times sorted descending whose time is ≤ t (hi when none). */
function firstAtOrBelow(time: Float64Array, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] <= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Score residuals (R `residuals(fit, type = "score")`, unweighted), n × p in sorted order:
 * for a subject at risk on (entry, exit], −r_i Σ_t (x_i − z̄(t)) dΛ(t) over the event times in that
 * interval, plus, for a death, x_i minus the mean of the Efron means z̄_k at its time, with the
 * death's own exposure at that time reduced to Σ_k (1 − k/d) h_k (Efron). They sum (weighted) to the score.
 */
export function scoreResiduals(d: CoxSorted, beta: Float64Array, times: CoxEventTimes): Float64Array {
  const { n, p, x } = d;
  const strata = d.strataStart.length - 1;
  const cum = cumulate(times, strata, p);
  const out = new Float64Array(n * p);
  for (let s = 0; s < strata; s++) {
    const qLo = cum.blockStart[s];
    const qHi = cum.blockStart[s + 1];
    let qa = qLo;
    for (let i = d.strataStart[s]; i < d.strataStart[s + 1]; i++) {
      const t = d.time[i];
      while (qa < qHi && times.time[qa] > t) qa++;
      const qb = d.entry ? firstAtOrBelow(times.time, qa, qHi, d.entry[i]) : qHi;
      let eta = 0;
      for (let j = 0; j < p; j++) eta += x[i * p + j] * beta[j];
      const r = Math.exp(eta);
      const hA = qa < qHi ? cum.hazard[qa] : 0;
      const hB = qb < qHi ? cum.hazard[qb] : 0;
      const dead = d.event[i] === 1;
      for (let j = 0; j < p; j++) {
        const xij = x[i * p + j];
        const hzA = qa < qHi ? cum.hazardMean[qa * p + j] : 0;
        const hzB = qb < qHi ? cum.hazardMean[qb * p + j] : 0;
        let res = -r * (xij * (hA - hB) - (hzA - hzB));
        if (dead) {
          res += xij - times.meanAtDeath[qa * p + j];
          res += r * (xij * (times.hazard[qa] - times.hazardDeath[qa]) - (times.hazardMean[qa * p + j] - times.hazardMeanDeath[qa * p + j]));
        }
        out[i * p + j] = res;
      }
    }
  }
  return out;
}

/**
 * Σ over clusters of s_c s_cᵀ, with s_c the sum of weighted score residuals of the cluster's rows
 * (the "meat" of the robust variance V (Σ s_c s_cᵀ) V, R `coxph(robust = TRUE)` / `cluster =`).
 */
export function clusterMeat(d: CoxSorted, resid: Float64Array): Float64Array {
  const { p } = d;
  const sums = new Float64Array(d.clusterCount * p);
  for (let i = 0; i < d.n; i++) {
    const c = d.cluster[i];
    const w = d.weight[i];
    for (let j = 0; j < p; j++) sums[c * p + j] += w * resid[i * p + j];
  }
  const meat = new Float64Array(p * p);
  for (let c = 0; c < d.clusterCount; c++) {
    for (let j = 0; j < p; j++) {
      const a = sums[c * p + j];
      if (a === 0) continue;
      for (let k = 0; k < p; k++) meat[j * p + k] += a * sums[c * p + k];
    }
  }
  return meat;
}

/** The sandwich V M V for symmetric V and M (p × p row-major). */
export function sandwich(v: Float64Array, meat: Float64Array, p: number): Float64Array {
  const tmp = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let k = 0; k < p; k++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += v[i * p + j] * meat[j * p + k];
    tmp[i * p + k] = s;
  }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let k = 0; k < p; k++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += tmp[i * p + j] * v[j * p + k];
    out[i * p + k] = s;
  }
  return out;
}
