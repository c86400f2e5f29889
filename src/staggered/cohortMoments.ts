/**
 * ATT(g,t) without covariates from per-cohort sufficient statistics: weighted sums of outcomes
 * per cohort and period give every estimate, and the moment matrices Q_c = Σ_{i∈c} w_i² (Y_i, 1)(Y_i, 1)'
 * give every variance (see influence.ts). Cost O(persons × periods²) once — with 0/1 outcomes
 * and unit weights by bit sets, O(persons × periods² / 32) — instead of O(persons × cells).
 */
import type { CohortCell, CohortInfluence } from './influence.js';
import type { StaggeredPanel } from './staggeredPanel.js';

/** Cohort codes: finite cohorts ascending, then never treated. */
export function cohortCodes(cohort: Float64Array): { codes: Int32Array; values: Float64Array } {
  const values = Float64Array.from([...new Set(cohort)].sort((a, b) => a - b));
  const index = new Map<number, number>();
  values.forEach((v, c) => index.set(v, c));
  return { codes: Int32Array.from(cohort, (g) => index.get(g)!), values };
}

/** Q[a][b] = popcount(row a & row b) of a cohort's period × person bit matrix. */
function bitMoments(B: Int32Array, w: number, T: number, q: Float64Array, size: number): void {
  const T1 = T + 1;
  for (let a = 0; a < T; a++) {
    const oa = a * w;
    for (let b = a; b < T; b++) {
      const ob = b * w;
      let s = 0;
      for (let k = 0; k < w; k++) {
        let x = B[oa + k] & B[ob + k];
        if (x === 0) continue;
        x = (x - ((x >>> 1) & 0x55555555)) | 0;
        x = ((x & 0x33333333) + ((x >>> 2) & 0x33333333)) | 0;
        x = (x + (x >>> 4)) & 0x0f0f0f0f;
        s += Math.imul(x, 0x01010101) >>> 24;
      }
      q[a * T1 + b] = s;
    }
    q[a * T1 + T] = q[a * T1 + a];
  }
  q[T * T1 + T] = size;
}

/** Q_c for every cohort code. */
export function cohortMomentMatrices(panel: StaggeredPanel, codes: Int32Array, nCodes: number): Float64Array[] {
  const { n, outcome: Y, weight } = panel;
  const T = panel.periods.length;
  const T1 = T + 1;
  let binary = true;
  for (let i = 0; i < n && binary; i++) if (weight[i] !== 1) binary = false;
  for (let r = 0; r < Y.length && binary; r++) if (Y[r] !== 0 && Y[r] !== 1) binary = false;
  const Q = Array.from({ length: nCodes }, () => new Float64Array(T1 * T1));
  if (!binary) {
    for (let i = 0; i < n; i++) {
      const q = Q[codes[i]];
      const w2 = weight[i] * weight[i];
      const o = i * T;
      for (let a = 0; a < T; a++) {
        const ya = w2 * Y[o + a];
        if (ya === 0) continue;
        const row = a * T1;
        for (let b = a; b < T; b++) q[row + b] += ya * Y[o + b];
        q[row + T] += ya;
      }
      q[T * T1 + T] += w2;
    }
  } else {
    // Bit set per cohort and period over the cohort's persons; Q[a][b] = popcount(bits_a & bits_b).
    const size = new Int32Array(nCodes);
    const slot = new Int32Array(n);
    for (let i = 0; i < n; i++) slot[i] = size[codes[i]]++;
    const words = Array.from(size, (s) => (s + 31) >>> 5);
    const bits = Array.from(words, (w) => new Int32Array(T * w));
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      const w = words[c];
      const B = bits[c];
      const word = slot[i] >>> 5;
      const bit = 1 << (slot[i] & 31);
      const o = i * T;
      for (let a = 0; a < T; a++) if (Y[o + a] === 1) B[a * w + word] |= bit;
    }
    for (let c = 0; c < nCodes; c++) bitMoments(bits[c], words[c], T, Q[c], size[c]);
  }
  for (const q of Q) for (let a = 0; a < T1; a++) for (let b = 0; b < a; b++) q[a * T1 + b] = q[b * T1 + a];
  return Q;
}

/** A (g,t) cell: cohort, period index, base period index (−1: normalised to zero). */
export interface Cell {
  readonly g: number;
  readonly t: number;
  readonly b: number;
}

/** Estimates and cohort-representation influence functions of every cell. */
export function cohortEstimates(
  panel: StaggeredPanel,
  cells: readonly Cell[],
  control: 'never' | 'not-yet',
  anticipation: number,
): { est: (number | null)[]; counts: { nT: number; nC: number }[]; notes: (string | null)[]; codes: Int32Array; values: Float64Array; influence: CohortInfluence } {
  const { n, outcome: Y, weight, periods } = panel;
  const T = periods.length;
  const { codes, values } = cohortCodes(panel.cohort);
  const C = values.length;
  const W = new Float64Array(C);
  const N = new Int32Array(C);
  const S = new Float64Array(C * T);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const w = weight[i];
    W[c] += w;
    N[c]++;
    const o = i * T;
    const so = c * T;
    for (let s = 0; s < T; s++) S[so + s] += w * Y[o + s];
  }
  const est: (number | null)[] = [];
  const counts: { nT: number; nC: number }[] = [];
  const notes: (string | null)[] = [];
  const out: (CohortCell | null)[] = [];
  for (const { g, t, b } of cells) {
    if (b < 0) {
      est.push(0);
      counts.push({ nT: 0, nC: 0 });
      notes.push('base period: normalised to 0');
      out.push(null);
      continue;
    }
    const bound = Math.max(periods[t], periods[b]) + anticipation;
    const cg = values.indexOf(g);
    const controls: number[] = [];
    for (let c = 0; c < C; c++) {
      const v = values[c];
      if (v === Infinity || (control === 'not-yet' && v > bound && v !== g)) controls.push(c);
    }
    const nT = N[cg];
    const nC = controls.reduce((s, c) => s + N[c], 0);
    counts.push({ nT, nC });
    const WT = W[cg];
    const WC = controls.reduce((s, c) => s + W[c], 0);
    if (nT === 0 || nC === 0 || !(WT > 0) || !(WC > 0)) {
      est.push(null);
      notes.push(nT === 0 || !(WT > 0) ? 'no treated persons' : 'no comparison persons');
      out.push(null);
      continue;
    }
    const etaT = (S[cg * T + t] - S[cg * T + b]) / WT;
    const etaC = controls.reduce((s, c) => s + S[c * T + t] - S[c * T + b], 0) / WC;
    est.push(etaT - etaC);
    notes.push(null);
    out.push({
      t,
      b,
      cohorts: Int32Array.from([cg, ...controls]),
      scale: Float64Array.from([n / WT, ...controls.map(() => -n / WC)]),
      eta: Float64Array.from([etaT, ...controls.map(() => etaC)]),
    });
  }
  const moments = cohortMomentMatrices(panel, codes, C);
  return { est, counts, notes, codes, values, influence: { kind: 'cohort', n, T, moments, cells: out } };
}
