import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { SpecificationError } from '../core/errors.js';
import { cholesky, choleskySolve } from '../core/linalg.js';
import { checkOptions, describeValue } from '../core/options.js';
import { createResult, type HypothesisTest, type Result, type ResultColumn } from '../core/result.js';
import { checkSurvivalData, nextExit, sortedGroups, type SortedGroups, type SurvivalData } from './survivalInput.js';

/** Options of {@link logRankTest}. */
export interface LogRankOptions {
  /** G-rho weight S(t−)^rho (R `survdiff(rho =)`): 0 = log-rank (default), 1 = Peto–Peto modification of Gehan–Wilcoxon. */
  readonly rho?: number;
}

/** Per-group line of a log-rank test, as R's `survdiff` print. */
export interface LogRankGroup {
  readonly group: string;
  readonly n: number;
  /** Observed events (weighted by S(t−)^rho when rho ≠ 0, as R). */
  readonly observed: number;
  readonly expected: number;
  /** (O − E)² / E and (O − E)² / V (V the diagonal of the variance matrix). */
  readonly oe2_over_e: number;
  readonly oe2_over_v: number;
}

/** The options as resolved, kept on the result (`spec`). */
export interface LogRankSpec {
  readonly rho: number;
  /** Whether entry times were given (left truncation). */
  readonly delayedEntry: boolean;
}

/** Result of {@link logRankTest}: one row per group, the test in `test` (and `tests[0]`). */
export interface LogRankResult extends Result<LogRankGroup, LogRankSpec> {
  /** The chi-square test of equal survival (`statistic` null when it cannot be computed; see its `note`). */
  readonly test: HypothesisTest;
  /** Variance matrix of O − E, groups in the order of `rows`. */
  readonly variance: readonly (readonly number[])[];
}

const COLUMNS: readonly ResultColumn[] = [
  { key: 'group', label: 'group' },
  { key: 'n', label: 'N' },
  { key: 'observed', label: 'observed', digits: 2 },
  { key: 'expected', label: 'expected', digits: 2 },
  { key: 'oe2_over_e', label: '(O-E)^2/E', digits: 3 },
  { key: 'oe2_over_v', label: '(O-E)^2/V', digits: 3 },
];

/** Observed and expected (weighted) events per group and the covariance matrix of O − E. */
interface LogRankSums {
  readonly size: number[];
  readonly obs: Float64Array;
  readonly exp: Float64Array;
  readonly v: number[][];
}

/**
 * Walk the distinct exit times of all groups together (a G-way merge of sorted arrays). At each
 * time the risk sets hold subjects with entry < t ≤ exit; events add the hypergeometric
 * expectation n_k d / n and covariance d (n − d) / (n − 1) · (n_k / n)(δ_kl − n_l / n), weighted by
 * the pooled left-continuous Kaplan–Meier to the power rho.
 */
function logRankSums(sg: SortedGroups, rho: number): LogRankSums {
  const g = sg.labels.length;
  const size = sg.groups.map((x) => x.events.length + x.censors.length);
  const atRisk = sg.delayedEntry ? new Float64Array(g) : Float64Array.from(size);
  const obs = new Float64Array(g);
  const exp = new Float64Array(g);
  const v = Array.from({ length: g }, () => new Array<number>(g).fill(0));
  const ei = new Int32Array(g);
  const ci = new Int32Array(g);
  const ni = new Int32Array(g);
  const dk = new Float64Array(g);
  const exits = new Float64Array(g);
  let km = 1;
  for (;;) {
    let t = Infinity;
    for (let k = 0; k < g; k++) t = Math.min(t, nextExit(sg.groups[k], ei[k], ci[k]));
    if (t === Infinity) break;
    let n = 0;
    let d = 0;
    for (let k = 0; k < g; k++) {
      const grp = sg.groups[k];
      const entries = grp.entries;
      if (entries) {
        const from = ni[k];
        while (ni[k] < entries.length && entries[ni[k]] < t) ni[k]++;
        atRisk[k] += ni[k] - from;
      }
      n += atRisk[k];
      const e0 = ei[k];
      const c0 = ci[k];
      while (ei[k] < grp.events.length && grp.events[ei[k]] === t) ei[k]++;
      while (ci[k] < grp.censors.length && grp.censors[ci[k]] === t) ci[k]++;
      dk[k] = ei[k] - e0;
      exits[k] = dk[k] + (ci[k] - c0);
      d += dk[k];
    }
    if (d > 0) {
      const w = rho === 0 ? 1 : Math.pow(km, rho);
      const w2 = w * w;
      for (let j = 0; j < g; j++) {
        obs[j] += w * dk[j];
        exp[j] += (w * d * atRisk[j]) / n;
        if (n <= 1) continue;
        const tmp = (w2 * d * atRisk[j] * (n - d)) / (n * (n - 1));
        v[j][j] += tmp;
        for (let k = 0; k < g; k++) v[j][k] -= (tmp * atRisk[k]) / n;
      }
      km *= (n - d) / n;
    }
    for (let k = 0; k < g; k++) atRisk[k] -= exits[k];
  }
  return { size, obs, exp, v };
}

/** The chi-square statistic: drop the first group with expected events and solve V x = (O − E), as R. */
function chiSquare(labels: readonly string[], sums: LogRankSums, name: string): Omit<HypothesisTest, 'name' | 'null_hypothesis' | 'distribution' | 'df2'> {
  const { obs, exp, v } = sums;
  const keep = labels.map((_, k) => k).filter((k) => exp[k] > 0);
  const df = Math.max(0, keep.length - 1);
  if (keep.length < 2) return { statistic: null, df, p_value: null, note: `fewer than two groups with expected events: no ${name} test` };
  const idx = keep.slice(1);
  const p = idx.length;
  const a = new Float64Array(p * p);
  idx.forEach((j, r) => idx.forEach((k, c) => (a[r * p + c] = v[j][k])));
  const diff = Float64Array.from(idx, (k) => obs[k] - exp[k]);
  const ch = cholesky(a, p);
  if (!ch.ok) return { statistic: null, df, p_value: null, note: 'variance matrix is singular: no test' };
  const x = choleskySolve(ch.factor, p, diff);
  let chisq = 0;
  for (let i = 0; i < p; i++) chisq += x[i] * diff[i];
  const pValue = 1 - chisquareCdf(chisq, df);
  return { statistic: chisq, df, p_value: pValue, ...(pValue === 0 ? { note: 'p-value below double precision (< 1e-16), reported as 0' } : {}) };
}

/**
 * Log-rank (G-rho) test of equal survival between groups, as R `survival::survdiff`: at each
 * event time the hypergeometric expectation n_k d / n and covariance
 * d (n − d) / (n − 1) · (n_k / n)(δ_kl − n_l / n); chi-square on groups − 1 degrees of freedom
 * (groups without expected events dropped, as R). With `entry` times (delayed entry) the risk
 * sets hold subjects with entry < t ≤ time; R's `survdiff` does not take such data, the
 * `coxph(Surv(entry, time, event) ~ group, ties = 'breslow')` score test equals it without tied events.
 * Returns the result protocol: `rows` (one per group), `tests` (the chi-square test, also in `test`),
 * `summary()` (as R's `print.survdiff`), `spec`, `notes`; plus the `variance` of O − E.
 *
 * @example
 * import { logRankTest } from 'participation-effects';
 * const t = logRankTest({ time: [1, 2, 3, 4, 5, 6], event: [1, 1, 1, 1, 1, 1], group: ['a', 'a', 'a', 'b', 'b', 'b'] });
 * t.test.df; // 1
 * t.rows[0].observed; // 3
 * t.tests[0].distribution; // 'chi2'
 */
export function logRankTest(data: SurvivalData & { readonly group: ArrayLike<string | number> }, options: LogRankOptions = {}): LogRankResult {
  checkSurvivalData('logRankTest', data);
  if (data.group === undefined) throw new SpecificationError('logRankTest expects survival data with a group field (one label per subject); got none');
  checkOptions('logRankTest', options, { rho: true });
  const rho = options.rho ?? 0;
  if (typeof rho !== 'number' || !Number.isFinite(rho)) throw new SpecificationError(`logRankTest: rho must be a finite number, got ${describeValue(rho)}`);
  const sg = sortedGroups(data);
  const sums = logRankSums(sg, rho);
  const name = rho === 0 ? 'log-rank' : `G-rho (rho = ${rho})`;
  const test: HypothesisTest = { name, distribution: 'chi2', df2: null, null_hypothesis: 'equal survival in every group', ...chiSquare(sg.labels, sums, name) };
  const rows: LogRankGroup[] = sg.labels.map((label, k) => ({
    group: label,
    n: sums.size[k],
    observed: sums.obs[k],
    expected: sums.exp[k],
    oe2_over_e: (sums.obs[k] - sums.exp[k]) ** 2 / sums.exp[k],
    oe2_over_v: (sums.obs[k] - sums.exp[k]) ** 2 / sums.v[k][k],
  }));
  const spec: LogRankSpec = { rho, delayedEntry: sg.delayedEntry };
  const notes = sg.delayedEntry ? ['Delayed entry (left truncation): risk sets hold subjects between their entry and exit times.'] : [];
  const result = createResult({ kind: 'logRankTest', title: `Test of equal survival: ${name}`, rows, spec, columns: COLUMNS, tests: [test], notes });
  return { ...result, test, variance: sums.v };
}
