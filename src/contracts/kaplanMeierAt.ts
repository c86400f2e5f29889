import type { EstimateFields } from '../estimate/types.js';
import { SpecificationError } from '../core/errors.js';
import type { ConfType, KaplanMeierCurve } from './kaplanMeierCurve.js';

/** One row of `kaplanMeier(…).at(times)`: the curve at a requested time (R `summary(fit, times =)`). */
export interface KaplanMeierAtRow extends EstimateFields {
  readonly group: string;
  readonly time: number;
  /** At risk at the first curve time at or after this time (R's convention); 0 past the last. */
  readonly n_risk: number;
  /** Events and censorings since the previous requested time (first row: since the start). */
  readonly n_event: number;
  readonly n_censor: number;
  /** S(time); the same as `estimate`. */
  readonly surv: number;
  /** Standard error of the cumulative hazard; `se` is the Greenwood SE of S (R summary's `std.err`). */
  readonly std_err: number | null;
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The rows of one curve at sorted times. */
function curveAt(c: KaplanMeierCurve, sorted: readonly number[], extend: boolean, confType: ConfType, level: number): KaplanMeierAtRow[] {
  const rows: KaplanMeierAtRow[] = [];
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
    const nRisk = k >= 0 && c.time[k] === t ? c.n_risk[k] : k + 1 < c.time.length ? c.n_risk[k + 1] : 0;
    const seS = s * se;
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
  return rows;
}

/**
 * The curves at given times, as R `summary(fit, times =)`: times beyond a group's last curve time
 * are dropped unless `extend`.
 */
export function curvesAt(curves: readonly KaplanMeierCurve[], times: unknown, extend: boolean, confType: ConfType, level: number): KaplanMeierAtRow[] {
  if (!Array.isArray(times) && !ArrayBuffer.isView(times)) throw new SpecificationError(`kaplanMeier(…).at: times must be an array of numbers, got ${typeof times}`);
  const list = Array.from(times as ArrayLike<unknown>);
  for (const t of list) if (typeof t !== 'number' || !Number.isFinite(t)) throw new SpecificationError(`kaplanMeier(…).at: times must be finite numbers, got ${String(t)}`);
  const sorted = (list as number[]).sort((a, b) => a - b);
  return curves.flatMap((c) => curveAt(c, sorted, extend, confType, level));
}
