import { normalCritical } from '../core/critical.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { createResult, type Result, type ResultColumn } from '../core/result.js';
import type { CoxModel, CoxResult } from './coxRegression.js';

/** A covariate profile: a value for every covariate (a number, or a level of a categorical one). */
export type CoxProfile = Readonly<Record<string, number | string>>;

/** Options of {@link coxSurvival}. */
export interface CoxSurvivalOptions {
  /** Confidence level of the pointwise intervals (default 0.95). */
  readonly level?: number;
}

/** One step of a predicted curve: at an event time of the profile's stratum. */
export interface CoxSurvivalRow {
  /** Index of the profile in the input, and its stratum (`all` without strata). */
  readonly profile: number;
  readonly stratum: string;
  readonly time: number;
  /** (Weighted) number at risk and of events at the time. */
  readonly n_risk: number;
  readonly n_event: number;
  /** Cumulative hazard H(t | profile) and S = exp(−H) (R `survfit.coxph` stype 2). */
  readonly cumhaz: number;
  readonly surv: number;
  /** Standard error of the cumulative hazard (R `std.err`), with the variance of β included. */
  readonly std_err: number;
  /** Pointwise interval of S on the log scale: S·exp(∓z·std_err), the upper limit at most 1. */
  readonly ci_low: number;
  readonly ci_high: number;
  readonly level: number;
}

/** The options as resolved and the profiles predicted. */
export interface CoxSurvivalSpec {
  readonly level: number;
  readonly profiles: readonly CoxProfile[];
  readonly ties: string;
}

/** Result of {@link coxSurvival}: the curves as tidy rows, one set per profile and stratum. */
export interface CoxSurvivalResult extends Result<CoxSurvivalRow, CoxSurvivalSpec> {
  /** S at given times per profile and stratum (step function; 1 before the first event). */
  at(times: readonly number[]): { readonly profile: number; readonly stratum: string; readonly time: number; readonly surv: number; readonly cumhaz: number }[];
}

const COLUMNS: readonly ResultColumn[] = [
  { key: 'profile', label: 'profile' },
  { key: 'stratum', label: 'stratum' },
  { key: 'time', label: 'time' },
  { key: 'n_risk', label: 'n.risk', digits: 1 },
  { key: 'n_event', label: 'n.event', digits: 1 },
  { key: 'cumhaz' },
  { key: 'surv', label: 'survival', digits: 4 },
  { key: 'std_err', label: 'std.err', digits: 4 },
  { key: 'ci_low', label: 'lower', digits: 4 },
  { key: 'ci_high', label: 'upper', digits: 4 },
  { key: 'level' },
];

/** A profile's covariates in the model's coding, centred as in the fit. */
function profileVector(model: CoxModel, profile: unknown, index: number): Float64Array {
  if (!isPlainObject(profile)) throw new SpecificationError(`coxSurvival: profile ${index} must be an object { covariate: value }, got ${describeValue(profile)}`);
  const p = model.sorted.p;
  const z = new Float64Array(p);
  const known = model.terms.map((t) => t.name);
  const extra = Object.keys(profile).filter((k) => !known.includes(k));
  if (extra.length > 0) throw new SpecificationError(`coxSurvival: profile ${index} has unknown covariate(s) ${extra.map((k) => `"${k}"`).join(', ')}; covariates are ${known.map((k) => `"${k}"`).join(', ')}`);
  for (const term of model.terms) {
    const v = profile[term.name];
    if (term.kind === 'numeric') {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new SpecificationError(`coxSurvival: profile ${index} needs a number for "${term.name}", got ${describeValue(v)}`);
      z[term.columns[0]] = v;
    } else {
      const k = term.levels.indexOf(String(v));
      if (v === undefined || k < 0) throw new SpecificationError(`coxSurvival: profile ${index} needs a level of "${term.name}" (${term.levels.map((l) => `"${l}"`).join(', ')}), got ${describeValue(v)}`);
      if (k > 0) z[term.columns[k - 1]] = 1;
    }
  }
  for (let j = 0; j < p; j++) z[j] -= model.sorted.means[j];
  return z;
}

/** The curve of one profile in every stratum, at the event times (ascending within each stratum). */
function profileCurves(model: CoxModel, z: Float64Array, profile: number, level: number): CoxSurvivalRow[] {
  const { eventTimes: et, beta, variance: v } = model;
  const p = model.sorted.p;
  const crit = normalCritical(level);
  let lp = 0;
  for (let j = 0; j < p; j++) lp += z[j] * beta[j];
  const risk = Math.exp(lp);
  const rows: CoxSurvivalRow[] = [];
  const d = new Float64Array(p);
  let q = et.m - 1;
  // Event times are stored by stratum, each stratum descending: walk strata backwards from the end.
  const blocks: { from: number; to: number; stratum: number }[] = [];
  while (q >= 0) {
    const s = et.stratum[q];
    let first = q;
    while (first > 0 && et.stratum[first - 1] === s) first--;
    blocks.unshift({ from: first, to: q, stratum: s });
    q = first - 1;
  }
  for (const block of blocks) {
    let h = 0;
    let varHaz = 0;
    d.fill(0);
    for (let k = block.to; k >= block.from; k--) {
      h += et.hazard[k];
      varHaz += et.varHazard[k];
      for (let j = 0; j < p; j++) d[j] += z[j] * et.hazard[k] - et.hazardMean[k * p + j];
      let quad = 0;
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) quad += d[i] * v[i * p + j] * d[j];
      const cumhaz = risk * h;
      const surv = Math.exp(-cumhaz);
      const se = risk * Math.sqrt(varHaz + quad);
      rows.push({
        profile,
        stratum: model.sorted.strataLabels[block.stratum],
        time: et.time[k],
        n_risk: et.nRisk[k],
        n_event: et.nEvent[k],
        cumhaz,
        surv,
        std_err: se,
        ci_low: surv * Math.exp(-crit * se),
        ci_high: Math.min(1, surv * Math.exp(crit * se)),
        level,
      });
    }
  }
  return rows;
}

/**
 * Predicted (covariate-adjusted) survival curves from a Cox model for given covariate profiles, as R
 * `survfit(coxph, newdata)`: the baseline cumulative hazard (Breslow; with Efron ties the Efron-adjusted
 * increments, R's default `ctype`) times exp(β·z), S = exp(−H), with the Tsiatis variance (which
 * includes the uncertainty of β, through the robust variance when the fit is robust, as R) and log-scale intervals. With strata, one curve per
 * profile and stratum.
 *
 * @example
 * import { coxRegression, coxSurvival } from 'participation-effects';
 * const fit = coxRegression({
 *   time: [5, 8, 12, 3, 9, 15, 7, 11, 4, 14],
 *   event: [1, 1, 0, 1, 1, 0, 1, 0, 1, 1],
 *   covariates: { sector: ['care', 'care', 'retail', 'care', 'retail', 'retail', 'care', 'retail', 'care', 'retail'] },
 * });
 * const curves = coxSurvival(fit, [{ sector: 'care' }, { sector: 'retail' }]);
 * curves.rows.filter((r) => r.profile === 0).map((r) => r.time); // [3, 4, 5, 7, 8, 9, 14]
 * curves.at([4.5]).map((r) => r.surv > 0 && r.surv < 1); // [true, true]
 */
export function coxSurvival(fit: CoxResult, profiles: readonly CoxProfile[], options: CoxSurvivalOptions = {}): CoxSurvivalResult {
  checkOptions('coxSurvival', options, { level: true });
  if (!Array.isArray(profiles) || profiles.length === 0) throw new SpecificationError(`coxSurvival: profiles must be a non-empty array of { covariate: value } objects, got ${describeValue(profiles)}`);
  const level = options.level ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) throw new SpecificationError(`coxSurvival: level must be a number strictly between 0 and 1, got ${describeValue(level)}`);
  const model = fit.model;
  const rows = profiles.flatMap((prof, k) => profileCurves(model, profileVector(model, prof, k), k, level));
  const spec: CoxSurvivalSpec = { level, profiles, ties: model.ties };
  const result = createResult({ kind: 'coxSurvival', title: 'Predicted survival from a Cox model', rows, spec, columns: COLUMNS });
  const at = (times: readonly number[]) => {
    const out: { profile: number; stratum: string; time: number; surv: number; cumhaz: number }[] = [];
    const keys = [...new Set(rows.map((r) => `${r.profile}\u0000${r.stratum}`))];
    for (const key of keys) {
      const [pk, stratum] = key.split('\u0000');
      const curve = rows.filter((r) => r.profile === Number(pk) && r.stratum === stratum);
      for (const t of times) {
        let last: CoxSurvivalRow | undefined;
        for (const r of curve) if (r.time <= t) last = r;
        out.push({ profile: Number(pk), stratum, time: t, surv: last ? last.surv : 1, cumhaz: last ? last.cumhaz : 0 });
      }
    }
    return out;
  };
  return { ...result, at };
}
