/**
 * ATT(g,t) on an unbalanced panel (`allowUnbalanced`), as R `did` with `allow_unbalanced_panel =
 * TRUE`: every cell is a repeated-cross-section 2×2 comparison of the person-period observations
 * in period t and the base period (persons observed in only one of the two count once), and the
 * per-observation influence functions, scaled by n / (observations), are summed per person.
 */
import { SpecificationError } from '../core/errors.js';
import type { Cell } from './cohortMoments.js';
import type { StaggeredPanel } from './staggeredPanel.js';
import type { AttGtMethod } from './twoByTwo.js';
import { twoByTwoRc } from './twoByTwoRc.js';

/** Estimates, counts, notes and per-person influence functions (`psi[k * n + i]`) of every cell. */
export interface CellEstimates {
  readonly est: (number | null)[];
  readonly counts: { nT: number; nC: number }[];
  readonly notes: (string | null)[];
  readonly psi: Float64Array;
}

/** Persons with at least one outcome missing (NaN). */
export function incompletePersons(panel: StaggeredPanel): number {
  const { n, outcome } = panel;
  const T = panel.periods.length;
  if (!(outcome instanceof Float64Array)) return 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    for (let s = 0; s < T; s++) {
      if (Number.isNaN(outcome[i * T + s])) {
        count++;
        break;
      }
    }
  }
  return count;
}

/** Why a cell cannot be estimated: a (group, period) combination without observations, or null. */
function emptyCell(tp: number, tb: number, c: { t1: number; t0: number; c1: number; c0: number }): string | null {
  if (c.t1 === 0) return `no treated persons observed in period ${tp}`;
  if (c.t0 === 0) return `no treated persons observed in period ${tb}`;
  if (c.c1 === 0) return `no comparison persons observed in period ${tp}`;
  if (c.c0 === 0) return `no comparison persons observed in period ${tb}`;
  return null;
}

/** Every cell by the repeated-cross-section estimator on the observations of the cohort and comparison group in t and b. */
export function rcEstimates(panel: StaggeredPanel, cells: readonly Cell[], control: 'never' | 'not-yet', anticipation: number, method: AttGtMethod): CellEstimates {
  const { n, periods, outcome: Y, cohort, weight, covariates, covariateNames } = panel;
  const T = periods.length;
  const q = covariateNames.length;
  const p = q + 1;
  const psi = new Float64Array(cells.length * n);
  const est: (number | null)[] = [];
  const counts: { nT: number; nC: number }[] = [];
  const notes: (string | null)[] = [];
  const person = new Int32Array(2 * n);
  const later = new Uint8Array(2 * n);
  cells.forEach(({ g, t, b }, k) => {
    if (b < 0) {
      est.push(0);
      counts.push({ nT: 0, nC: 0 });
      notes.push('base period: normalised to 0');
      return;
    }
    const bound = Math.max(periods[t], periods[b]) + anticipation;
    const c = { t1: 0, t0: 0, c1: 0, c0: 0 };
    let m = 0;
    let nT = 0;
    let nC = 0;
    for (let i = 0; i < n; i++) {
      const ci = cohort[i];
      const treated = ci === g;
      if (!(treated || ci === Infinity || (control === 'not-yet' && ci > bound))) continue;
      const at = !Number.isNaN(Y[i * T + t]);
      const ab = !Number.isNaN(Y[i * T + b]);
      if (at) {
        later[m] = 1;
        person[m++] = i;
      }
      if (ab) {
        later[m] = 0;
        person[m++] = i;
      }
      if (treated) {
        c.t1 += +at;
        c.t0 += +ab;
        if (at || ab) nT++;
      } else {
        c.c1 += +at;
        c.c0 += +ab;
        if (at || ab) nC++;
      }
    }
    counts.push({ nT, nC });
    const empty = emptyCell(periods[t], periods[b], c);
    if (empty !== null) {
      est.push(null);
      notes.push(empty);
      return;
    }
    const data = { y: new Float64Array(m), post: new Uint8Array(m), d: new Uint8Array(m), x: new Float64Array(m * p), p, w: new Float64Array(m) };
    for (let j = 0; j < m; j++) {
      const i = person[j];
      data.y[j] = Y[i * T + (later[j] === 1 ? t : b)];
      data.post[j] = later[j];
      data.d[j] = cohort[i] === g ? 1 : 0;
      data.x[j * p] = 1;
      for (let a = 0; a < q; a++) data.x[j * p + 1 + a] = covariates[i * q + a];
      data.w[j] = weight[i];
    }
    try {
      const r = twoByTwoRc(method, data);
      est.push(r.att);
      notes.push(null);
      const scale = n / m;
      for (let j = 0; j < m; j++) psi[k * n + person[j]] += scale * r.influence[j];
    } catch (e) {
      if (!(e instanceof SpecificationError)) throw e;
      est.push(null);
      notes.push(e.message);
    }
  });
  return { est, counts, notes, psi };
}
