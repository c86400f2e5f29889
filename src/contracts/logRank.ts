import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { SpecificationError } from '../core/errors.js';
import { sortedGroups, type SurvivalData } from './survivalInput.js';

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

/** Result of {@link logRankTest}. */
export interface LogRankResult {
  readonly groups: readonly LogRankGroup[];
  /** Variance matrix of O − E, groups in the order of `groups`. */
  readonly variance: readonly (readonly number[])[];
  /** Chi-square statistic; null when fewer than two groups have expected events (see note). */
  readonly chisq: number | null;
  readonly df: number;
  readonly p_value: number | null;
  readonly rho: number;
  readonly method: string;
  readonly note?: string;
}

/** Solve A x = b by Gaussian elimination with partial pivoting; undefined when A is singular. */
function solve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) piv = r;
    if (Math.abs(m[piv][col]) < 1e-12 * Math.max(1, Math.abs(m[col][col]))) return undefined;
    [m[col], m[piv]] = [m[piv], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = s / m[r][r];
  }
  return x;
}

/**
 * Log-rank (G-rho) test of equal survival between groups, as R `survival::survdiff`: at each
 * event time the hypergeometric expectation n_k d / n and covariance
 * d (n − d) / (n − 1) · (n_k / n)(δ_kl − n_l / n); chi-square on groups − 1 degrees of freedom
 * (groups without expected events dropped, as R).
 *
 * @example
 * import { logRankTest } from 'participation-effects';
 * const t = logRankTest({ time: [1, 2, 3, 4, 5, 6], event: [1, 1, 1, 1, 1, 1], group: ['a', 'a', 'a', 'b', 'b', 'b'] });
 * t.df; // 1
 * t.groups[0].observed; // 3
 */
export function logRankTest(data: SurvivalData & { readonly group: ArrayLike<string | number> }, options: LogRankOptions = {}): LogRankResult {
  const rho = options.rho ?? 0;
  if (!Number.isFinite(rho)) throw new SpecificationError(`rho must be a finite number, got ${rho}`);
  const sg = sortedGroups(data);
  const g = sg.labels.length;
  const size = sg.labels.map((_, k) => sg.eventTimes[k].length + sg.censorTimes[k].length);
  const atRisk = Float64Array.from(size);
  let total = size.reduce((a, b) => a + b, 0);
  const obs = new Float64Array(g);
  const exp = new Float64Array(g);
  const v = Array.from({ length: g }, () => new Array<number>(g).fill(0));
  const ei = new Int32Array(g);
  const ci = new Int32Array(g);
  const dk = new Float64Array(g);
  const ck = new Float64Array(g);
  let km = 1;
  for (;;) {
    // Next distinct time across all groups (G-way merge of the sorted arrays).
    let t = Infinity;
    for (let k = 0; k < g; k++) {
      if (ei[k] < sg.eventTimes[k].length && sg.eventTimes[k][ei[k]] < t) t = sg.eventTimes[k][ei[k]];
      if (ci[k] < sg.censorTimes[k].length && sg.censorTimes[k][ci[k]] < t) t = sg.censorTimes[k][ci[k]];
    }
    if (t === Infinity) break;
    let d = 0;
    let c = 0;
    for (let k = 0; k < g; k++) {
      let a = 0;
      while (ei[k] < sg.eventTimes[k].length && sg.eventTimes[k][ei[k]] === t) {
        a++;
        ei[k]++;
      }
      let b = 0;
      while (ci[k] < sg.censorTimes[k].length && sg.censorTimes[k][ci[k]] === t) {
        b++;
        ci[k]++;
      }
      dk[k] = a;
      ck[k] = b;
      d += a;
      c += b;
    }
    const n = total;
    // Weight uses the pooled Kaplan–Meier just before t (left-continuous), as R.
    const w = rho === 0 ? 1 : Math.pow(km, rho);
    if (d > 0) {
      for (let k = 0; k < g; k++) {
        obs[k] += w * dk[k];
        exp[k] += (w * d * atRisk[k]) / n;
      }
      if (n > 1) {
        const w2 = w * w;
        for (let j = 0; j < g; j++) {
          const tmp = (w2 * d * atRisk[j] * (n - d)) / (n * (n - 1));
          v[j][j] += tmp;
          for (let k = 0; k < g; k++) v[j][k] -= (tmp * atRisk[k]) / n;
        }
      }
      km *= (n - d) / n;
    }
    for (let k = 0; k < g; k++) atRisk[k] -= dk[k] + ck[k];
    total -= d + c;
  }
  const groups: LogRankGroup[] = sg.labels.map((label, k) => ({
    group: label,
    n: size[k],
    observed: obs[k],
    expected: exp[k],
    oe2_over_e: ((obs[k] - exp[k]) ** 2) / exp[k],
    oe2_over_v: ((obs[k] - exp[k]) ** 2) / v[k][k],
  }));
  const keep = sg.labels.map((_, k) => k).filter((k) => exp[k] > 0);
  const df = Math.max(0, keep.length - 1);
  const method = rho === 0 ? 'log-rank' : `G-rho (rho = ${rho})`;
  if (keep.length < 2) {
    return { groups, variance: v, chisq: null, df, p_value: null, rho, method, note: 'fewer than two groups with expected events: no test' };
  }
  // As R: drop the first group (of those with expected events) and solve V x = (O − E).
  const idx = keep.slice(1);
  const diff = idx.map((k) => obs[k] - exp[k]);
  const x = solve(
    idx.map((j) => idx.map((k) => v[j][k])),
    diff,
  );
  if (!x) return { groups, variance: v, chisq: null, df, p_value: null, rho, method, note: 'variance matrix is singular: no test' };
  const chisq = x.reduce((s, xi, i) => s + xi * diff[i], 0);
  const p = 1 - chisquareCdf(chisq, df);
  return { groups, variance: v, chisq, df, p_value: p, rho, method, ...(p === 0 ? { note: 'p-value below double precision (< 1e-16), reported as 0' } : {}) };
}
