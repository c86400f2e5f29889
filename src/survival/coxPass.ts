import type { CoxSorted } from './coxSorted.js';

/** Tie handling of the partial likelihood. */
export type CoxTies = 'efron' | 'breslow';

/** Log partial likelihood, score and information at one coefficient vector. */
export interface CoxPassResult {
  readonly loglik: number;
  readonly u: Float64Array;
  /** Information matrix, p × p row-major (full, symmetric). */
  readonly imat: Float64Array;
  /** With `g`: score of the added terms x·g(t), and the information blocks (β,γ) and (γ,γ), p × p. */
  readonly ug: Float64Array | null;
  readonly ibg: Float64Array | null;
  readonly igg: Float64Array | null;
}

/**
 * Per distinct event time (in walk order: stratum, then time descending) the pieces of the
 * baseline hazard and of the residuals. With Efron ties a time with d deaths has d steps
 * k = 0…d−1, each with denominator S0 − (k/d)·(risk of the deaths) and hazard step h_k = (wd/d)/denominator.
 */
export interface CoxEventTimes {
  readonly m: number;
  readonly time: Float64Array;
  readonly stratum: Int32Array;
  /** Weighted number at risk and of events. */
  readonly nRisk: Float64Array;
  readonly nEvent: Float64Array;
  /** Σ_k h_k: the baseline hazard increment (covariates at their means). */
  readonly hazard: Float64Array;
  /** Σ_k (1 − k/d) h_k: the part a death at this time is exposed to. */
  readonly hazardDeath: Float64Array;
  /** Σ_k h_k²/(wd/d): increment of the variance of the cumulative hazard (R `varhaz`). */
  readonly varHazard: Float64Array;
  /** m × p: Σ_k h_k z̄_k, Σ_k (1 − k/d) h_k z̄_k and the mean of z̄_k (centred covariates). */
  readonly hazardMean: Float64Array;
  readonly hazardMeanDeath: Float64Array;
  readonly meanAtDeath: Float64Array;
}

/** Number of distinct event times (per stratum) in sorted data. */
export function countEventTimes(d: CoxSorted): number {
  let m = 0;
  for (let s = 0; s + 1 < d.strataStart.length; s++) {
    let last = NaN;
    for (let i = d.strataStart[s]; i < d.strataStart[s + 1]; i++) {
      if (d.event[i] === 1 && d.time[i] !== last) {
        m++;
        last = d.time[i];
      }
    }
  }
  return m;
}

/** Zeroed per-event-time arrays for m event times and p coefficients. */
export function allocateEventTimes(m: number, p: number): CoxEventTimes {
  const f = () => new Float64Array(m);
  return {
    m,
    time: f(),
    stratum: new Int32Array(m),
    nRisk: f(),
    nEvent: f(),
    hazard: f(),
    hazardDeath: f(),
    varHazard: f(),
    hazardMean: new Float64Array(m * p),
    hazardMeanDeath: new Float64Array(m * p),
    meanAtDeath: new Float64Array(m * p),
  };
}

/** Linear predictor of sorted row i (centred covariates). */
function linearPredictor(x: Float64Array, beta: Float64Array, i: number, p: number): number {
  let eta = 0;
  for (let j = 0; j < p; j++) eta += x[i * p + j] * beta[j];
  return eta;
}

/**
 * Sums of one pass: score u and information (with `g`: of x·g(t) too), the risk-set sums S1, S2,
 * the event sums a1, a2 and one event time's score and information.
 */
function workspace(p: number, withG: boolean) {
  const vector = () => new Float64Array(p);
  const matrix = () => new Float64Array(p * p);
  return {
    u: vector(),
    imat: matrix(),
    ug: withG ? vector() : null,
    ibg: withG ? matrix() : null,
    igg: withG ? matrix() : null,
    s1: vector(),
    s2: matrix(),
    a1: vector(),
    a2: matrix(),
    ut: vector(),
    vt: matrix(),
  };
}

/** Add (sign +1) or remove (−1) row i from the risk-set sums S0, S1, S2 (lower triangle). */
function accumulate(x: Float64Array, i: number, p: number, r: number, s1: Float64Array, s2: Float64Array): void {
  const o = i * p;
  for (let j = 0; j < p; j++) {
    const rx = r * x[o + j];
    s1[j] += rx;
    const jp = j * p;
    for (let k = 0; k <= j; k++) s2[jp + k] += rx * x[o + k];
  }
}

/** Linear predictor and weighted relative risk w·exp(η) of every sorted row. */
function riskScores(d: CoxSorted, beta: Float64Array): { eta: Float64Array; risk: Float64Array } {
  const eta = new Float64Array(d.n);
  const risk = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) {
    eta[i] = linearPredictor(d.x, beta, i, d.p);
    risk[i] = d.weight[i] * Math.exp(eta[i]);
  }
  return { eta, risk };
}

/**
 * Efron's d steps at one event time, with denominators S0 − (k/d)·a0 (Breslow: one step). Every
 * per-step quantity is linear in 1/den_k or 1/den_k² with weights 1, f, f², so a few scalar sums
 * over k replace a p × p update per step (heavy ties cost O(d + p²), not O(d·p²)). Into `out`:
 * Σ log den, Σ 1/den, Σ f/den, Σ 1/den², Σ f/den², Σ f²/den².
 */
function tieSums(steps: number, nd: number, s0: number, a0: number, out: Float64Array): void {
  let logSum = 0;
  let a0s = 0;
  let a1s = 0;
  let b0s = 0;
  let b1s = 0;
  let b2s = 0;
  for (let k = 0; k < steps; k++) {
    const f = k / nd;
    const inv = 1 / (s0 - f * a0);
    logSum += Math.log(s0 - f * a0);
    a0s += inv;
    a1s += f * inv;
    b0s += inv * inv;
    b1s += f * inv * inv;
    b2s += f * f * inv * inv;
  }
  out[0] = logSum;
  out[1] = a0s;
  out[2] = a1s;
  out[3] = b0s;
  out[4] = b1s;
  out[5] = b2s;
}

/** Score `ut` (its event part already in) and information `vt` (lower triangle) of one event time. */
function eventTimeScore(ut: Float64Array, vt: Float64Array, s1: Float64Array, s2: Float64Array, a1: Float64Array, a2: Float64Array, w: number, sums: Float64Array, p: number): void {
  const a0s = sums[1];
  const a1s = sums[2];
  const b0s = sums[3];
  const b1s = sums[4];
  const b2s = sums[5];
  for (let j = 0; j < p; j++) {
    ut[j] -= w * (s1[j] * a0s - a1[j] * a1s);
    const jp = j * p;
    for (let l = 0; l <= j; l++) {
      const outer = s1[j] * s1[l] * b0s - (s1[j] * a1[l] + a1[j] * s1[l]) * b1s + a1[j] * a1[l] * b2s;
      vt[jp + l] = w * (s2[jp + l] * a0s - a2[jp + l] * a1s - outer);
    }
  }
}

/** The baseline-hazard pieces of event time number q. */
function recordEventTime(
  record: CoxEventTimes,
  q: number,
  at: { readonly t: number; readonly s: number; readonly nAtRisk: number; readonly wd: number; readonly w: number; readonly steps: number },
  s1: Float64Array,
  a1: Float64Array,
  sums: Float64Array,
  p: number,
): void {
  const { w, steps } = at;
  const a0s = sums[1];
  const a1s = sums[2];
  const b0s = sums[3];
  const b1s = sums[4];
  const b2s = sums[5];
  for (let j = 0; j < p; j++) {
    record.hazardMean[q * p + j] = w * (s1[j] * b0s - a1[j] * b1s);
    record.hazardMeanDeath[q * p + j] = w * (s1[j] * (b0s - b1s) - a1[j] * (b1s - b2s));
    record.meanAtDeath[q * p + j] = (s1[j] * a0s - a1[j] * a1s) / steps;
  }
  record.time[q] = at.t;
  record.stratum[q] = at.s;
  record.nRisk[q] = at.nAtRisk;
  record.nEvent[q] = at.wd;
  record.hazard[q] = w * a0s;
  record.hazardDeath[q] = w * (a0s - a1s);
  record.varHazard[q] = w * b0s;
}

/**
 * One backward walk over time: log partial likelihood, score and information at `beta`
 * (R `coxph`'s `agfit4`/`coxfit6`), with Efron or Breslow ties, strata, weights and delayed entry
 * (subjects leave the risk set when time passes below their entry). Optionally records the per-time
 * pieces of the baseline hazard (`record`) and the score/information of x·g(t) for the
 * proportional-hazards test (`g`, one value per event time in walk order).
 */
export function coxPass(d: CoxSorted, beta: Float64Array, ties: CoxTies, record: CoxEventTimes | null, g: Float64Array | null = null): CoxPassResult {
  const { p, x, time, event, weight, entry, entryOrder } = d;
  const { u, imat, ug, ibg, igg, s1, s2, a1, a2, ut, vt } = workspace(p, g !== null);
  const { eta, risk } = riskScores(d, beta);
  const sums = new Float64Array(6);
  let loglik = 0;
  let q = 0;
  for (let s = 0; s + 1 < d.strataStart.length; s++) {
    const lo = d.strataStart[s];
    const hi = d.strataStart[s + 1];
    let s0 = 0;
    let nAtRisk = 0;
    s1.fill(0);
    s2.fill(0);
    let e = lo;
    let i = lo;
    while (i < hi) {
      const t = time[i];
      let a0 = 0;
      let nd = 0;
      let wd = 0;
      a1.fill(0);
      a2.fill(0);
      ut.fill(0);
      for (; i < hi && time[i] === t; i++) {
        const r = risk[i];
        s0 += r;
        nAtRisk += weight[i];
        accumulate(x, i, p, r, s1, s2);
        if (event[i] === 1) {
          a0 += r;
          nd++;
          wd += weight[i];
          accumulate(x, i, p, r, a1, a2);
          const w = weight[i];
          loglik += w * eta[i];
          for (let j = 0; j < p; j++) ut[j] += w * x[i * p + j];
        }
      }
      if (entry && entryOrder) {
        for (; e < hi && entry[entryOrder[e]] >= t; e++) {
          const k = entryOrder[e];
          s0 -= risk[k];
          nAtRisk -= weight[k];
          accumulate(x, k, p, -risk[k], s1, s2);
        }
      }
      if (nd === 0) continue;
      // Efron: d steps with denominators S0 − (k/d)·a0, summed in closed form (tieSums).
      const steps = ties === 'breslow' ? 1 : nd;
      const w = wd / steps;
      tieSums(steps, nd, s0, a0, sums);
      loglik -= w * sums[0];
      eventTimeScore(ut, vt, s1, s2, a1, a2, w, sums, p);
      if (record !== null) recordEventTime(record, q, { t, s, nAtRisk, wd, w, steps }, s1, a1, sums, p);
      const gq = g ? g[q] : 0;
      for (let j = 0; j < p; j++) {
        u[j] += ut[j];
        for (let l = 0; l <= j; l++) imat[j * p + l] += vt[j * p + l];
        if (g && ug && ibg && igg) {
          ug[j] += gq * ut[j];
          for (let l = 0; l <= j; l++) {
            ibg[j * p + l] += gq * vt[j * p + l];
            igg[j * p + l] += gq * gq * vt[j * p + l];
          }
        }
      }
      q++;
    }
  }
  symmetrize(imat, p);
  if (ibg) symmetrize(ibg, p);
  if (igg) symmetrize(igg, p);
  return { loglik, u, imat, ug, ibg, igg };
}

/** Copy the lower triangle of a p × p row-major matrix to the upper one. */
export function symmetrize(a: Float64Array, p: number): void {
  for (let j = 0; j < p; j++) for (let l = 0; l < j; l++) a[l * p + j] = a[j * p + l];
}

/** A pass that also records the per-event-time hazard pieces. */
export function coxPassRecorded(d: CoxSorted, beta: Float64Array, ties: CoxTies): { pass: CoxPassResult; times: CoxEventTimes } {
  const times = allocateEventTimes(countEventTimes(d), d.p);
  const pass = coxPass(d, beta, ties, times);
  return { pass, times };
}
