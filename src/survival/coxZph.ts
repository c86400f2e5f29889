import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import { checkResultKind, createResult, type HypothesisTest, type Result, type ResultColumn } from '../core/result.js';
import { kaplanMeier } from '../contracts/kaplanMeier.js';
import type { CoxResult } from './coxRegression.js';
import { coxPass } from './coxPass.js';
import type { CoxSorted } from './coxSorted.js';
import { chiSquareTest, quadraticForm } from './coxTests.js';

/** Time scale g(t) of the proportional-hazards test (R `cox.zph(transform =)`). */
export type ZphTransform = 'km' | 'identity' | 'rank' | 'log';

/** Options of {@link coxZph}. */
export interface CoxZphOptions {
  /** g(t): `km` (default, as R: 1 − the left-continuous Kaplan–Meier of all subjects), `identity`, `rank`, `log`. */
  readonly transform?: ZphTransform;
  /** One test per covariate (default, R `terms = TRUE`: a categorical covariate's contrasts jointly) or per coefficient. */
  readonly terms?: boolean;
}

/** One line of the test: a covariate (or coefficient), or `GLOBAL`. */
export interface CoxZphRow {
  readonly term: string;
  readonly chisq: number | null;
  readonly df: number;
  readonly p_value: number | null;
}

/** The options as resolved. */
export interface CoxZphSpec {
  readonly transform: ZphTransform;
  readonly terms: boolean;
}

/** Result of {@link coxZph}: per covariate and a global test (also as `tests`). */
export type CoxZphResult = Result<CoxZphRow, CoxZphSpec>;

const COLUMNS: readonly ResultColumn[] = [
  { key: 'term', label: 'term' },
  { key: 'chisq', label: 'chisq', digits: 3 },
  { key: 'df', label: 'df' },
  { key: 'p_value', label: 'p', digits: 4 },
];

/** Average ranks (R `rank`, ties averaged) of values. */
function averageRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => values[a] - values[b]);
  const out = new Float64Array(n);
  for (let k = 0; k < n; ) {
    let j = k;
    while (j + 1 < n && values[idx[j + 1]] === values[idx[k]]) j++;
    for (let l = k; l <= j; l++) out[idx[l]] = (k + j) / 2 + 1;
    k = j + 1;
  }
  return out;
}

/** g(exit time) of every row of the sorted data. */
function transformedTimes(d: CoxSorted, transform: ZphTransform): Float64Array {
  const n = d.n;
  if (transform === 'identity') return Float64Array.from(d.time);
  if (transform === 'log') return d.time.map(Math.log);
  if (transform === 'rank') return averageRanks(d.time);
  // 1 − S(t−), S the Kaplan–Meier of all subjects (unweighted, strata ignored, delayed entry kept), as R.
  const km = kaplanMeier(d.entry ? { time: d.time, event: d.event, entry: d.entry } : { time: d.time, event: d.event });
  const curve = km.curves[0];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = d.time[i];
    let lo = 0;
    let hi = curve.time.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (curve.time[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    out[i] = 1 - (lo === 0 ? 1 : curve.surv[lo - 1]);
  }
  return out;
}

/** g per event time in the order the likelihood walks them (stratum, then time descending), centred at the mean over events. */
function gPerEventTime(d: CoxSorted, gRow: Float64Array, m: number): Float64Array {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < d.n; i++) {
    if (d.event[i] === 1) {
      sum += gRow[i];
      count++;
    }
  }
  const mean = sum / count;
  const g = new Float64Array(m);
  let q = 0;
  for (let s = 0; s + 1 < d.strataStart.length; s++) {
    let last = NaN;
    for (let i = d.strataStart[s]; i < d.strataStart[s + 1]; i++) {
      if (d.event[i] === 1 && d.time[i] !== last) {
        g[q++] = gRow[i] - mean;
        last = d.time[i];
      }
    }
  }
  return g;
}

/**
 * Test of proportional hazards, as R `survival::cox.zph` (survival ≥ 3): the score test, at the fitted
 * β, of adding x·g(t) to the model, per covariate (its contrasts jointly) and globally. Large values
 * mean the hazard ratio changes with time (on the g scale).
 *
 * @example
 * import { coxRegression, coxZph } from 'participation-effects';
 * const fit = coxRegression({
 *   time: [5, 8, 12, 3, 9, 15, 7, 11, 4, 14],
 *   event: [1, 1, 0, 1, 1, 0, 1, 0, 1, 1],
 *   covariates: { age: [40, 52, 31, 60, 45, 29, 58, 35, 63, 38] },
 * });
 * const zph = coxZph(fit);
 * zph.rows.map((r) => r.term); // ['age', 'GLOBAL']
 * zph.rows[1].df; // 1
 * zph.spec.transform; // 'km'
 */
export function coxZph(fit: CoxResult, options: CoxZphOptions = {}): CoxZphResult {
  checkResultKind('coxZph', fit, ['coxRegression'], 'a Cox regression fit (from coxRegression or relationshipCox)');
  checkOptions('coxZph', options, { transform: true, terms: true });
  const transform = options.transform ?? 'km';
  if (!['km', 'identity', 'rank', 'log'].includes(transform)) throw new SpecificationError(`coxZph: transform must be 'km', 'identity', 'rank' or 'log', got ${describeValue(transform)}`);
  const byTerm = options.terms ?? true;
  if (typeof byTerm !== 'boolean') throw new SpecificationError(`coxZph: terms must be true or false, got ${describeValue(byTerm)}`);
  const { sorted, beta, ties, eventTimes } = fit.model;
  if (transform === 'log' && sorted.time.some((t) => !(t > 0))) throw new SpecificationError('coxZph: transform "log" needs positive times');
  const p = sorted.p;
  const g = gPerEventTime(sorted, transformedTimes(sorted, transform), eventTimes.m);
  const pass = coxPass(sorted, beta, ties, null, g);
  const q = 2 * p;
  const full = new Float64Array(q * q);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      full[i * q + j] = pass.imat[i * p + j];
      full[i * q + p + j] = pass.ibg![i * p + j];
      full[(p + i) * q + j] = pass.ibg![j * p + i];
      full[(p + i) * q + p + j] = pass.igg![i * p + j];
    }
  }
  const u = new Float64Array(q);
  u.set(pass.ug!, p);
  const groups = byTerm ? fit.model.terms.map((t) => ({ name: t.name, cols: t.columns })) : fit.model.names.map((name, j) => ({ name, cols: [j] }));
  const test = (cols: readonly number[]): number | null => {
    const keep = [...Array.from({ length: p }, (_, j) => j), ...cols.map((c) => p + c)];
    const k = keep.length;
    const a = new Float64Array(k * k);
    const b = new Float64Array(k);
    keep.forEach((r, i) => {
      b[i] = u[r];
      keep.forEach((c, j) => (a[i * k + j] = full[r * q + c]));
    });
    return quadraticForm(a, b, k);
  };
  const rows: CoxZphRow[] = [];
  const tests: HypothesisTest[] = [];
  for (const grp of [...groups, { name: 'GLOBAL', cols: Array.from({ length: p }, (_, j) => j) }]) {
    const t = chiSquareTest(`proportional hazards: ${grp.name}`, test(grp.cols), grp.cols.length, grp.name === 'GLOBAL' ? 'proportional hazards for every covariate' : `the hazard ratio of ${grp.name} is constant in time`);
    tests.push(t);
    rows.push({ term: grp.name, chisq: t.statistic, df: grp.cols.length, p_value: t.p_value });
  }
  const spec: CoxZphSpec = { transform, terms: byTerm };
  return createResult({ kind: 'coxZph', title: `Test of proportional hazards (score test of x·g(t), g = ${transform})`, rows, spec, columns: COLUMNS, tests });
}
