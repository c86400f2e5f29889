import type { EstimateFields } from '../estimate/types.js';
import { survivalQuantile } from './survivalQuantile.js';
import { nextExit, type GroupTimes } from './survivalInput.js';

/** Confidence interval transform of the survival curve, as R `survfit(conf.type =)`. */
export type ConfType = 'log' | 'log-log' | 'plain';

/** Median survival with its confidence interval (R `quantile.survfit` / `print.survfit`). */
export interface MedianSurvival extends EstimateFields {
  readonly group: string;
  /** Events in the group. */
  readonly n_event: number;
}

/**
 * One Kaplan–Meier curve, one entry per distinct exit time (events and censorings), as in R's
 * `survfit` object (with delayed entry, entry times are not curve times, as in R).
 */
export interface KaplanMeierCurve {
  readonly group: string;
  /** Subjects in the group. */
  readonly n: number;
  /** Events in the group. */
  readonly events: number;
  readonly time: number[];
  /** At risk at each time: entry < time ≤ exit. */
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

/** The step function of one group before intervals: time, risk set, events, censorings, S and the hazard SE. */
interface Steps {
  readonly time: number[];
  readonly nRisk: number[];
  readonly nEvent: number[];
  readonly nCensor: number[];
  readonly surv: number[];
  readonly stdErr: number[];
}

/**
 * Product-limit steps: walk the distinct exit times in order; the risk set at t holds subjects with
 * entry < t ≤ exit (everyone from the start without delayed entry); at tied times events come before
 * censorings (both are still at risk at t).
 */
function productLimit(g: GroupTimes): Steps {
  const { events, censors, entries } = g;
  const steps: Steps = { time: [], nRisk: [], nEvent: [], nCensor: [], surv: [], stdErr: [] };
  let ei = 0;
  let ci = 0;
  let ni = 0;
  let atRisk = entries ? 0 : events.length + censors.length;
  let s = 1;
  let varHaz = 0;
  for (let t = nextExit(g, 0, 0); t !== Infinity; t = nextExit(g, ei, ci)) {
    if (entries) {
      const from = ni;
      while (ni < entries.length && entries[ni] < t) ni++;
      atRisk += ni - from;
    }
    const e0 = ei;
    const c0 = ci;
    while (ei < events.length && events[ei] === t) ei++;
    while (ci < censors.length && censors[ci] === t) ci++;
    const d = ei - e0;
    const c = ci - c0;
    if (d > 0) {
      s *= (atRisk - d) / atRisk;
      varHaz += atRisk === d ? Infinity : d / (atRisk * (atRisk - d));
    }
    steps.time.push(t);
    steps.nRisk.push(atRisk);
    steps.nEvent.push(d);
    steps.nCensor.push(c);
    steps.surv.push(s);
    steps.stdErr.push(Math.sqrt(varHaz));
    atRisk -= d + c;
  }
  return steps;
}

/** Median of a curve and its interval, where the curve and its limits first reach 0.5 (R `quantile.survfit`). */
function medianOf(label: string, steps: Steps, lower: readonly number[], upper: readonly number[], n: number, nEvents: number, level: number, confType: ConfType): MedianSurvival {
  const x = [0, ...steps.time];
  const med = survivalQuantile(x, [0, ...steps.surv.map((v) => 1 - v)], 0.5);
  const medLow = survivalQuantile(x, [0, ...lower.map((v) => 1 - v)], 0.5);
  const medHigh = survivalQuantile(x, [0, ...upper.map((v) => 1 - v)], 0.5);
  const note = [
    Number.isNaN(med) ? 'the curve does not reach 0.5: median not estimable' : undefined,
    !Number.isNaN(med) && Number.isNaN(medLow) ? 'the lower confidence curve does not reach 0.5' : undefined,
    !Number.isNaN(med) && Number.isNaN(medHigh) ? 'the upper confidence curve does not reach 0.5: upper limit not reached (R: NA)' : undefined,
  ].filter((v) => v !== undefined);
  return {
    group: label,
    estimate: Number.isNaN(med) ? null : med,
    se: null,
    ci_low: Number.isNaN(medLow) ? null : medLow,
    ci_high: Number.isNaN(medHigh) ? null : medHigh,
    level,
    method: `km-median-${confType}`,
    n_persons: n,
    n_person_months: n,
    n_event: nEvents,
    ...(note.length ? { note: note.join('; ') } : {}),
  };
}

/** One group's Kaplan–Meier curve with Greenwood standard errors, pointwise limits and the median. */
export function kaplanMeierCurve(label: string, g: GroupTimes, z: number, confType: ConfType, level: number): KaplanMeierCurve {
  const n = g.events.length + g.censors.length;
  const steps = productLimit(g);
  const lower: number[] = [];
  const upper: number[] = [];
  steps.surv.forEach((s, i) => {
    const [lo, hi] = survivalInterval(s, steps.stdErr[i], z, confType);
    lower.push(lo);
    upper.push(hi);
  });
  const hasNaN = lower.some(Number.isNaN) || steps.stdErr.some((v) => !Number.isFinite(v));
  return {
    group: label,
    n,
    events: g.events.length,
    time: steps.time,
    n_risk: steps.nRisk,
    n_event: steps.nEvent,
    n_censor: steps.nCensor,
    surv: steps.surv,
    std_err: steps.stdErr,
    se_surv: steps.surv.map((s, i) => s * steps.stdErr[i]),
    lower,
    upper,
    median: medianOf(label, steps, lower, upper, n, g.events.length, level, confType),
    ...(hasNaN
      ? { note: 'lower/upper are NaN where S = 0 (log-log: also where S = 1), where R reports NA; std_err is Infinity and se_surv NaN once S reaches 0.' }
      : {}),
  };
}
