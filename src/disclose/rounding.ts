import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';
import { proportionInterval, type ProportionIntervalMethod } from './proportionInterval.js';
import type { ResolvedRules } from './resolveRules.js';
import { withholdCell, type SuppressionState } from './suppressionState.js';

/**
 * Round a count to the nearest multiple of `base` (halves up).
 *
 * @example
 * roundToBase(12, 5); // 10
 * roundToBase(13, 5); // 15
 * roundToBase(12.5, 5); // 15
 */
export function roundToBase(value: number, base: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new SpecificationError(`roundToBase: value must be a finite number, got ${describeValue(value)}`);
  if (typeof base !== 'number' || !Number.isInteger(base) || base < 1) throw new SpecificationError(`roundToBase: base must be a positive whole number, got ${describeValue(base)}`);
  return base * Math.round(value / base);
}

/** What rounding changed, for the report. */
export interface RoundingSummary {
  /** Count cells whose published value differs from the exact one. */
  readonly valuesChanged: number;
  /** Rate cells recomputed from the rounded counts. */
  readonly ratesRecomputed: number;
  /** Intervals recomputed from the rounded counts. */
  readonly intervalsRecomputed: number;
  /** Intervals withheld because their method cannot be recomputed from counts. */
  readonly intervalsWithheld: number;
}

/**
 * Round the published counts of every row that is not withheld, then recompute each derived rate from
 * the rounded count and denominator so that `rate = count / denominator × scale` holds for the published
 * numbers. Intervals and standard errors of those rates are recomputed from the rounded counts (binomial
 * methods) or withheld, because an interval computed from the exact counts would reveal them.
 * A recomputed row's `method` column (if any) says so.
 *
 * @example
 * import { newSuppressionState } from './suppressionState.js';
 * import { resolveRules } from './resolveRules.js';
 * const rows = [{ n: 23, count: 12, estimate: 12 / 23 }];
 * const state = newSuppressionState(rows);
 * applyRounding(state, resolveRules(['n', 'count', 'estimate'], rows, { rounding: { base: 5 } }));
 * rows[0]; // { n: 25, count: 10, estimate: 0.4 }
 */
export function applyRounding(state: SuppressionState, rules: ResolvedRules): RoundingSummary {
  const rounding = rules.rounding;
  let valuesChanged = 0;
  let ratesRecomputed = 0;
  let intervalsRecomputed = 0;
  let intervalsWithheld = 0;
  if (!rounding) return { valuesChanged, ratesRecomputed, intervalsRecomputed, intervalsWithheld };
  const { rows } = state;
  for (let i = 0; i < state.tableRows; i++) {
    if (state.whole[i]) continue;
    const row = rows[i];
    for (const c of rounding.columns) {
      const v = row[c];
      if (typeof v !== 'number') continue;
      const r = roundToBase(v, rounding.base);
      if (r !== v) valuesChanged++;
      row[c] = r;
    }
    for (const rate of rules.rates) {
      const count = row[rate.count];
      const den = row[rate.denominator];
      if (typeof count !== 'number' || typeof den !== 'number') continue;
      const dependents = [rate.ciLow, rate.ciHigh, rate.se].filter((c): c is string => c !== undefined && row[c] !== null && row[c] !== undefined);
      if (den === 0) {
        for (const c of [rate.rate, ...dependents]) withholdCell(state, i, c, 'rounding:zero-denominator');
        continue;
      }
      const p = count / den;
      row[rate.rate] = p * rate.scale;
      ratesRecomputed++;
      if (dependents.length === 0) continue;
      const method = intervalMethod(rounding.intervals, row.method);
      if (method === null) {
        for (const c of dependents) withholdCell(state, i, c, 'rounding:interval-not-recomputable');
        intervalsWithheld++;
        continue;
      }
      const level = typeof row.level === 'number' && row.level > 0 && row.level < 1 ? row.level : rules.level;
      const ci = proportionInterval(count, den, level, method);
      if (rate.ciLow !== undefined && dependents.includes(rate.ciLow)) row[rate.ciLow] = ci.low * rate.scale;
      if (rate.ciHigh !== undefined && dependents.includes(rate.ciHigh)) row[rate.ciHigh] = ci.high * rate.scale;
      if (rate.se !== undefined && dependents.includes(rate.se)) row[rate.se] = Math.sqrt((p * (1 - p)) / den) * rate.scale;
      if (typeof row.method === 'string') row.method = `${method}, from counts rounded to base ${rounding.base}`;
      intervalsRecomputed++;
    }
  }
  return { valuesChanged, ratesRecomputed, intervalsRecomputed, intervalsWithheld };
}

function intervalMethod(setting: NonNullable<ResolvedRules['rounding']>['intervals'], rowMethod: unknown): ProportionIntervalMethod | null {
  if (setting === 'suppress') return null;
  if (setting !== 'match-method') return setting;
  const m = typeof rowMethod === 'string' ? rowMethod.toLowerCase() : '';
  if (m.includes('wilson')) return 'wilson';
  if (m.includes('clopper') || m.includes('exact')) return 'clopper-pearson';
  if (m.includes('wald')) return 'wald';
  return null;
}
