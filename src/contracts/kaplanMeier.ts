import type { ColumnTable } from 'arquero';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { EstimateFields } from '../estimate/types.js';
import { SpecificationError } from '../core/errors.js';
import { rowsToTable } from './rows.js';
import { sortedGroups, type SurvivalData } from './survivalInput.js';

/** Confidence interval transform of the survival curve, as R `survfit(conf.type =)`. */
export type ConfType = 'log' | 'log-log' | 'plain';

/** Options of {@link kaplanMeier}. */
export interface KaplanMeierOptions {
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Interval transform (default `log`, as R). */
  readonly confType?: ConfType;
}

/** Median survival with its confidence interval (R `quantile.survfit` / `print.survfit`). */
export interface MedianSurvival extends EstimateFields {
  readonly group: string;
}

/**
 * One Kaplan–Meier curve, one entry per distinct time (events and censorings), as in R's
 * `survfit` object.
 */
export interface KaplanMeierCurve {
  readonly group: string;
  /** Subjects in the group. */
  readonly n: number;
  /** Events in the group. */
  readonly events: number;
  readonly time: number[];
  readonly n_risk: number[];
  readonly n_event: number[];
  readonly n_censor: number[];
  readonly surv: number[];
  /** R's `std.err`: standard error of the cumulative hazard, sqrt(Σ d / (n (n − d))). Infinity once S reaches 0. */
  readonly std_err: number[];
  /** Greenwood standard error of S: surv × std_err (NaN where S = 0, as R's summary). */
  readonly se_surv: number[];
  readonly lower: number[];
  readonly upper: number[];
  readonly median: MedianSurvival;
  /** Present when some entries are NaN/Infinity, saying why. */
  readonly note?: string;
}

/** One row of {@link KaplanMeierFit.summary}: the curve at a requested time (R `summary(fit, times =)`). */
export interface KaplanMeierSummaryRow extends EstimateFields {
  readonly group: string;
  readonly time: number;
  /** Subjects with time ≥ this time. */
  readonly n_risk: number;
  /** Events and censorings since the previous requested time (first row: since the start). */
  readonly n_event: number;
  readonly n_censor: number;
  readonly surv: number;
  readonly std_err: number | null;
}

/** One step of a curve as a tidy row; values R reports as NA/Inf are null here. */
export interface KaplanMeierRow {
  readonly group: string;
  readonly time: number;
  readonly n_risk: number;
  readonly n_event: number;
  readonly n_censor: number;
  readonly surv: number;
  readonly std_err: number | null;
  readonly se_surv: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly level: number;
}

/** A Kaplan–Meier fit of one or more groups. */
export interface KaplanMeierFit {
  readonly level: number;
  readonly confType: ConfType;
  readonly curves: readonly KaplanMeierCurve[];
  /** All curves as tidy rows, one per group and distinct time. */
  readonly rows: readonly KaplanMeierRow[];
  /** Median survival per group. */
  readonly medians: readonly MedianSurvival[];
  /** The curves at given times; times beyond a group's last time are dropped unless `extend`. */
  summary(times: readonly number[], options?: { extend?: boolean }): KaplanMeierSummaryRow[];
  /** Tidy table: one row per group and distinct time. */
  toTable(): ColumnTable;
}

const TOLERANCE = Math.sqrt(2.220446049250313e-16);

/** Pointwise interval of S from R's survfit confint formulas. */
export function survivalInterval(surv: number, stdErr: number, z: number, confType: ConfType): [number, number] {
  if (confType === 'log') {
    if (surv === 0) return [NaN, NaN];
    return [Math.exp(Math.log(surv) - z * stdErr), Math.min(1, Math.exp(Math.log(surv) + z * stdErr))];
  }
  if (confType === 'log-log') {
    if (surv === 0 || surv === 1) return [NaN, NaN];
    const ll = Math.log(-Math.log(surv));
    const shift = (z * stdErr) / Math.log(surv);
    // log(surv) < 0, so ll - shift moves -log S up (lower S) and ll + shift down.
    return [Math.exp(-Math.exp(ll - shift)), Math.exp(-Math.exp(ll + shift))];
  }
  const se = z * stdErr * surv;
  return [Math.max(0, surv - se), Math.min(1, surv + se)];
}

/**
 * R's `findq` (quantile.survfit): where a horizontal line at `p` meets the step curve y = 1 − S
 * drawn through (x, y); a flat stretch exactly at `p` gives the midpoint of the stretch.
 * Returns NaN when the curve never gets there. Other quantiles: `p` = 0.25, 0.75, …
 *
 * @example
 * import { kaplanMeier, survivalQuantile } from 'participation-effects';
 * const c = kaplanMeier({ time: [1, 2, 3, 4], event: [1, 1, 1, 1] }).curves[0];
 * survivalQuantile([0, ...c.time], [0, ...c.surv.map((s) => 1 - s)], 0.5); // 2.5
 * survivalQuantile([0, ...c.time], [0, ...c.surv.map((s) => 1 - s)], 0.25); // 1.5
 */
export function survivalQuantile(x: readonly number[], y: readonly number[], p: number, tol = TOLERANCE): number {
  let maxY = -Infinity;
  for (const v of y) if (!Number.isNaN(v) && v > maxY) maxY = v;
  if (!(maxY >= p)) return NaN;
  const xmax = x[x.length - 1];
  // Drop repeated y values (censorings), keeping the first occurrence; NaN repeats count too.
  const xs: number[] = [];
  const ys: number[] = [];
  const seen = new Set<number>();
  let seenNaN = false;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (Number.isNaN(v)) {
      if (seenNaN) continue;
      seenNaN = true;
    } else if (seen.has(v)) continue;
    else seen.add(v);
    xs.push(x[i]);
    ys.push(v);
  }
  // approx(y ± tol, 1:n, p, method = 'constant', f = 1): the point with the smallest y ≥ p ∓ tol.
  const smallestAtLeast = (target: number): number => {
    let best = -1;
    for (let i = 0; i < ys.length; i++) if (!Number.isNaN(ys[i]) && ys[i] >= target && (best < 0 || ys[i] < ys[best])) best = i;
    return best;
  };
  const i1 = smallestAtLeast(p - tol);
  const i2 = smallestAtLeast(p + tol);
  const last = ys[ys.length - 1];
  if (!Number.isNaN(last) && Math.abs(p - last) < tol) return i1 < 0 ? NaN : (xs[i1] + xmax) / 2;
  if (i1 < 0 || i2 < 0) return NaN;
  return (xs[i1] + xs[i2]) / 2;
}

function curveOf(label: string, events: Float64Array, censors: Float64Array, z: number, confType: ConfType, level: number): KaplanMeierCurve {
  const n = events.length + censors.length;
  const time: number[] = [];
  const nRisk: number[] = [];
  const nEvent: number[] = [];
  const nCensor: number[] = [];
  const surv: number[] = [];
  const stdErr: number[] = [];
  const seSurv: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  let i = 0;
  let j = 0;
  let atRisk = n;
  let s = 1;
  let varHaz = 0;
  while (i < events.length || j < censors.length) {
    const t = i < events.length && (j >= censors.length || events[i] <= censors[j]) ? events[i] : censors[j];
    let d = 0;
    let c = 0;
    while (i < events.length && events[i] === t) {
      d++;
      i++;
    }
    while (j < censors.length && censors[j] === t) {
      c++;
      j++;
    }
    if (d > 0) {
      s *= (atRisk - d) / atRisk;
      varHaz += atRisk === d ? Infinity : d / (atRisk * (atRisk - d));
    }
    const se = Math.sqrt(varHaz);
    const [lo, hi] = survivalInterval(s, se, z, confType);
    time.push(t);
    nRisk.push(atRisk);
    nEvent.push(d);
    nCensor.push(c);
    surv.push(s);
    stdErr.push(se);
    seSurv.push(s * se);
    lower.push(lo);
    upper.push(hi);
    atRisk -= d + c;
  }
  const x = [0, ...time];
  const med = survivalQuantile(x, [0, ...surv.map((v) => 1 - v)], 0.5);
  const medLow = survivalQuantile(x, [0, ...lower.map((v) => 1 - v)], 0.5);
  const medHigh = survivalQuantile(x, [0, ...upper.map((v) => 1 - v)], 0.5);
  const medianNote = [
    Number.isNaN(med) ? 'the curve does not reach 0.5: median not estimable' : undefined,
    !Number.isNaN(med) && Number.isNaN(medLow) ? 'the lower confidence curve does not reach 0.5' : undefined,
    !Number.isNaN(med) && Number.isNaN(medHigh) ? 'the upper confidence curve does not reach 0.5: upper limit not reached (R: NA)' : undefined,
  ].filter((v) => v !== undefined);
  const median: MedianSurvival = {
    group: label,
    estimate: Number.isNaN(med) ? null : med,
    se: null,
    ci_low: Number.isNaN(medLow) ? null : medLow,
    ci_high: Number.isNaN(medHigh) ? null : medHigh,
    level,
    method: `km-median-${confType}`,
    n_persons: n,
    n_person_months: n,
    ...(medianNote.length ? { note: medianNote.join('; ') } : {}),
  };
  const hasNaN = lower.some(Number.isNaN) || stdErr.some((v) => !Number.isFinite(v));
  return {
    group: label,
    n,
    events: events.length,
    time,
    n_risk: nRisk,
    n_event: nEvent,
    n_censor: nCensor,
    surv,
    std_err: stdErr,
    se_surv: seSurv,
    lower,
    upper,
    median,
    ...(hasNaN
      ? { note: 'lower/upper are NaN where S = 0 (log-log: also where S = 1), where R reports NA; std_err is Infinity and se_surv NaN once S reaches 0.' }
      : {}),
  };
}

/**
 * Kaplan–Meier product-limit estimate per group, as R `survival::survfit(Surv(time, event) ~ group)`:
 * Greenwood variance, `std_err` the SE of the cumulative hazard, intervals on the log scale by
 * default (`log-log`, `plain` as R's `conf.type`); at tied times events come before censorings.
 * The median and its interval follow R's `quantile.survfit`.
 *
 * @example
 * import { kaplanMeier } from 'participation-effects';
 * const fit = kaplanMeier({ time: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161], event: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0] });
 * fit.curves[0].median.estimate; // 31
 * fit.curves[0].median.ci_low; // 18
 * Math.round(fit.curves[0].surv[1] * 1000) / 1000; // 0.818
 */
export function kaplanMeier(data: SurvivalData, options: KaplanMeierOptions = {}): KaplanMeierFit {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new SpecificationError(`level must be between 0 and 1, got ${level}`);
  const confType = options.confType ?? 'log';
  if (confType !== 'log' && confType !== 'log-log' && confType !== 'plain') throw new SpecificationError(`confType must be 'log', 'log-log' or 'plain', got ${JSON.stringify(confType)}`);
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const groups = sortedGroups(data);
  const curves = groups.labels.map((label, k) => curveOf(label, groups.eventTimes[k], groups.censorTimes[k], z, confType, level));
  const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const rows: KaplanMeierRow[] = curves.flatMap((c) =>
    c.time.map((t, i) => ({
      group: c.group,
      time: t,
      n_risk: c.n_risk[i],
      n_event: c.n_event[i],
      n_censor: c.n_censor[i],
      surv: c.surv[i],
      std_err: finite(c.std_err[i]),
      se_surv: finite(c.se_surv[i]),
      lower: finite(c.lower[i]),
      upper: finite(c.upper[i]),
      level,
    })),
  );
  return {
    level,
    confType,
    curves,
    rows,
    medians: curves.map((c) => c.median),
    summary: (times, opts) => summarizeCurves(curves, times, opts?.extend ?? false, z, confType, level),
    toTable: () => rowsToTable(rows),
  };
}

function summarizeCurves(curves: readonly KaplanMeierCurve[], times: readonly number[], extend: boolean, z: number, confType: ConfType, level: number): KaplanMeierSummaryRow[] {
  for (const t of times) if (!Number.isFinite(t)) throw new SpecificationError(`summary times must be finite numbers, got ${t}`);
  const sorted = [...times].sort((a, b) => a - b);
  const rows: KaplanMeierSummaryRow[] = [];
  for (const c of curves) {
    const last = c.time.length ? c.time[c.time.length - 1] : -Infinity;
    let k = -1; // index of the last curve time ≤ t
    let prevK = -1;
    for (const t of sorted) {
      if (t > last && !extend) break;
      while (k + 1 < c.time.length && c.time[k + 1] <= t) k++;
      let d = 0;
      let cens = 0;
      for (let i = prevK + 1; i <= k; i++) {
        d += c.n_event[i];
        cens += c.n_censor[i];
      }
      prevK = k;
      const s = k >= 0 ? c.surv[k] : 1;
      const se = k >= 0 ? c.std_err[k] : 0;
      // Before the curve's first time S = 1 is known exactly: R's summary.survfit reports [1, 1]
      // for every conf.type there (log-log is undefined only at a curve time where S = 1).
      const [lo, hi] = k >= 0 ? [c.lower[k], c.upper[k]] : [1, 1];
      // At risk at t: subjects with time ≥ t.
      const nRisk = k >= 0 && c.time[k] === t ? c.n_risk[k] : k + 1 < c.time.length ? c.n_risk[k + 1] : 0;
      const seS = s * se;
      const finite = (v: number) => (Number.isFinite(v) ? v : null);
      const missing = [lo, hi, seS].some((v) => !Number.isFinite(v));
      rows.push({
        group: c.group,
        time: t,
        n_risk: nRisk,
        n_event: d,
        n_censor: cens,
        surv: s,
        std_err: finite(se),
        estimate: s,
        se: finite(seS),
        ci_low: finite(lo),
        ci_high: finite(hi),
        level,
        method: `kaplan-meier-greenwood-${confType}`,
        n_persons: c.n,
        n_person_months: c.n,
        ...(missing ? { note: confType === 'log-log' && s === 1 ? 'log-log interval undefined where S = 1 (R: NA)' : 'interval undefined where S = 0 (R: NA)' } : {}),
      });
    }
  }
  return rows;
}
