/**
 * The outcome of an event panel: participation (default), or earnings, hours, days worked,
 * earnings above a threshold (the statutory minimum wage) or benefit receipt, built from the
 * export's spells (docs/methods/outcomes.md).
 */
import { SpecificationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../core/options.js';
import type { CbsExport } from '../io/types.js';
import type { MonthlyOutcome } from './monthlyOutcome.js';
import { monthlyMinimumWage, type MinimumWageEntry } from './minimumWage.js';
import type { ObservationMonths } from './observationMonths.js';
import { countDays, spellPresence, type ParticipationDefinition } from './participation.js';
import { monthlyAmounts, type AmountBasis, type ValuedSpells } from './spellAmounts.js';

/** A price index by calendar year, to express earnings in prices of `baseYear`. */
export interface PriceIndex {
  /** Index value per year (any base, e.g. CBS CPI 2015 = 100). */
  readonly byYear: Readonly<Record<number, number>>;
  /** Year whose prices the deflated earnings are in. */
  readonly baseYear: number;
}

/** Threshold of {@link PanelOutcome} `earningsAbove`: the statutory minimum wage, euros per month, or your own table. */
export type EarningsThreshold = 'minimum-wage' | number | readonly MinimumWageEntry[];

/** What the panel measures per person-month. */
export type PanelOutcome =
  | 'participation'
  | { readonly earnings: { readonly basis?: AmountBasis; readonly deflate?: PriceIndex } }
  | { readonly hours: { readonly basis?: AmountBasis } }
  | { readonly daysWorked: true }
  | { readonly earningsAbove: EarningsThreshold; readonly basis?: AmountBasis; readonly hoursPerWeek?: number }
  | { readonly benefit: string | readonly string[] };

/** Option names of the outcome object, for checkOptions. */
export const OUTCOME_KEYS = {
  earnings: { basis: true, deflate: { byYear: true, baseYear: true } },
  hours: { basis: true },
  daysWorked: true,
  earningsAbove: true,
  basis: true,
  hoursPerWeek: true,
  benefit: true,
} as const;

const BASES: readonly AmountBasis[] = ['month', 'day', 'spell'];

function checkBasis(where: string, basis: unknown): AmountBasis {
  if (basis === undefined) return 'month';
  if (!BASES.includes(basis as AmountBasis)) throw new SpecificationError(`eventPanel: ${where} must be 'month', 'day' or 'spell', got ${describeValue(basis)}`);
  return basis as AmountBasis;
}

/** The wage or hours column as valued spells; a SpecificationError when the export has none. */
function valued(exp: CbsExport, column: 'wage' | 'hours'): ValuedSpells {
  const value = exp.employment[column];
  if (!value) {
    const name = column === 'wage' ? 'SBASISLOON' : 'SBASISUREN';
    throw new SpecificationError(`eventPanel: outcome ${column === 'wage' ? 'earnings' : 'hours'} needs a ${column} column on the employment spells, and this export has none (load it with a ${name} column, or map yours with options.columns.employment.${column})`);
  }
  const { start, end, offsets, reportedStart } = exp.employment;
  return reportedStart ? { start, end, offsets, value, reportedStart } : { start, end, offsets, value };
}

/** Multiplier per month index that turns nominal amounts into prices of the base year. */
function deflators(months: ObservationMonths, index: PriceIndex): Float64Array {
  if (!isPlainObject(index.byYear) || !Number.isInteger(index.baseYear)) throw new SpecificationError('eventPanel: earnings.deflate must be { byYear: { 2015: 100, … }, baseYear: 2020 }');
  const at = (year: number): number => {
    const v = index.byYear[year];
    if (typeof v !== 'number' || !(v > 0)) throw new SpecificationError(`eventPanel: earnings.deflate.byYear has no positive index for ${year} (the observation period runs ${Math.floor(months.start / 12)}–${Math.floor(months.end / 12)}), got ${describeValue(v)}`);
    return v;
  };
  const base = at(index.baseYear);
  const out = new Float64Array(months.length);
  for (let m = 0; m < months.length; m++) out[m] = base / at(Math.floor((months.start + m) / 12));
  return out;
}

/** Monthly sums of a valued column, optionally deflated. */
function amountOutcome(spells: ValuedSpells, months: ObservationMonths, basis: AmountBasis, label: string, deflate?: Float64Array): MonthlyOutcome {
  return {
    label,
    indicator: false,
    fill(p, lo, hi, values) {
      monthlyAmounts(spells, spells.offsets[p], spells.offsets[p + 1], lo, hi, months.firstDay, basis, values);
      if (deflate) for (let m = lo; m <= hi; m++) values[m] *= deflate[m];
    },
  };
}

/** Threshold per month index: a number, or a minimum-wage table (NaN outside it). */
function thresholds(months: ObservationMonths, threshold: EarningsThreshold, hoursPerWeek: number): { values: Float64Array; label: string } {
  const values = new Float64Array(months.length);
  if (typeof threshold === 'number') {
    if (!Number.isFinite(threshold)) throw new SpecificationError(`eventPanel: earningsAbove must be 'minimum-wage', a number of euros per month or a table, got ${threshold}`);
    return { values: values.fill(threshold), label: `earnings-above:${threshold}` };
  }
  if (threshold !== 'minimum-wage' && !Array.isArray(threshold)) throw new SpecificationError(`eventPanel: earningsAbove must be 'minimum-wage', a number of euros per month or a table [{ from: 'YYYY-MM', monthly | hourly }], got ${describeValue(threshold)}`);
  const table = threshold === 'minimum-wage' ? undefined : (threshold as readonly MinimumWageEntry[]);
  for (let m = 0; m < months.length; m++) {
    const mn = months.start + m;
    values[m] = monthlyMinimumWage(Math.floor(mn / 12), (mn % 12) + 1, { hoursPerWeek, ...(table ? { table } : {}) });
  }
  return { values, label: table ? 'earnings-above:table' : 'earnings-above:minimum-wage' };
}

/**
 * The outcome definition for a panel over `months` of `exp`. `participation` is the month rule
 * for participation and benefit receipt.
 *
 * @example
 * import { observationMonths } from './observationMonths.js';
 * const exp = await loadSynthetic({ seed: 1, scale: 0.002 });
 * const months = observationMonths(exp.observation);
 * panelOutcome(exp, months, 'participation', 'any-day').label; // 'any-day'
 * panelOutcome(exp, months, { daysWorked: true }, 'any-day').label; // 'days-worked'
 */
export function panelOutcome(exp: CbsExport, months: ObservationMonths, outcome: PanelOutcome, participation: ParticipationDefinition): MonthlyOutcome {
  if (outcome === 'participation') return spellPresence(exp.employment, months, participation);
  if (!isPlainObject(outcome)) throw new SpecificationError(`eventPanel: outcome must be 'participation' or one of { earnings }, { hours }, { daysWorked: true }, { earningsAbove }, { benefit }, got ${describeValue(outcome)}`);
  const kinds = (['earnings', 'hours', 'daysWorked', 'earningsAbove', 'benefit'] as const).filter((k) => k in outcome);
  if (kinds.length !== 1) throw new SpecificationError(`eventPanel: outcome must name exactly one of earnings, hours, daysWorked, earningsAbove, benefit; got ${kinds.length === 0 ? 'none' : kinds.join(', ')}`);
  if ('earnings' in outcome) {
    const o = outcome.earnings ?? {};
    const basis = checkBasis('earnings.basis', o.basis);
    const deflate = o.deflate ? deflators(months, o.deflate) : undefined;
    return amountOutcome(valued(exp, 'wage'), months, basis, `earnings:${basis}${o.deflate ? `:prices-${o.deflate.baseYear}` : ''}`, deflate);
  }
  if ('hours' in outcome) {
    const basis = checkBasis('hours.basis', (outcome.hours ?? {}).basis);
    return amountOutcome(valued(exp, 'hours'), months, basis, `hours:${basis}`);
  }
  if ('daysWorked' in outcome) return daysWorkedOutcome(exp, months);
  if ('earningsAbove' in outcome) {
    const basis = checkBasis('basis', outcome.basis);
    const hoursPerWeek = outcome.hoursPerWeek ?? 36;
    if (!(hoursPerWeek > 0 && hoursPerWeek <= 60)) throw new SpecificationError(`eventPanel: hoursPerWeek must be a number of hours in (0, 60], got ${describeValue(outcome.hoursPerWeek)}`);
    const t = thresholds(months, outcome.earningsAbove, hoursPerWeek);
    const limit = t.values;
    const label = `${t.label}${basis === 'month' ? '' : `:${basis}`}${hoursPerWeek === 36 || typeof outcome.earningsAbove === 'number' ? '' : `:${hoursPerWeek}h`}`;
    const earnings = amountOutcome(valued(exp, 'wage'), months, basis, label);
    return {
      label,
      indicator: true,
      fill(p, lo, hi, values) {
        earnings.fill(p, lo, hi, values);
        // NaN (missing earnings, or a month outside the threshold table) stays missing.
        for (let m = lo; m <= hi; m++) values[m] = values[m] !== values[m] || limit[m] !== limit[m] ? NaN : values[m] >= limit[m] ? 1 : 0;
      },
    };
  }
  return benefitOutcome(exp, months, outcome.benefit, participation);
}

/** Distinct days in the month covered by at least one employment spell. */
function daysWorkedOutcome(exp: CbsExport, months: ObservationMonths): MonthlyOutcome {
  const days = new Int32Array(months.length);
  const { start, end, offsets } = exp.employment;
  return {
    label: 'days-worked',
    indicator: false,
    fill(p, lo, hi, values) {
      countDays(start, end, offsets[p], offsets[p + 1], lo, hi, months.firstDay, days);
      for (let m = lo; m <= hi; m++) values[m] = days[m];
    },
  };
}

/** Receiving a benefit of the given type(s) in the month, by the participation month rule. */
function benefitOutcome(exp: CbsExport, months: ObservationMonths, types: string | readonly string[], participation: ParticipationDefinition): MonthlyOutcome {
  const b = exp.benefits;
  if (!b) throw new SpecificationError('eventPanel: outcome benefit needs benefit spells; load the export with a benefits input (loadCbsExport({ …, benefits }))');
  const wanted = typeof types === 'string' ? [types] : [...types];
  if (wanted.length === 0 || wanted.some((t) => typeof t !== 'string')) throw new SpecificationError(`eventPanel: benefit must be a benefit type or a list of types, got ${describeValue(types)}`);
  const codes = new Set<number>();
  for (const t of wanted) {
    const code = b.type.levels.indexOf(t);
    if (code < 0) throw new SpecificationError(`eventPanel: benefit type ${JSON.stringify(t)} does not occur in the benefit spells (types: ${b.type.levels.map((l) => JSON.stringify(l)).join(', ') || 'none'})`);
    codes.add(code);
  }
  // The selected spells as their own CSR table (order kept, so still sorted by person and start).
  const keep: number[] = [];
  const offsets = new Int32Array(b.offsets.length);
  for (let p = 0; p + 1 < b.offsets.length; p++) {
    for (let k = b.offsets[p]; k < b.offsets[p + 1]; k++) if (codes.has(b.type.codes[k])) keep.push(k);
    offsets[p + 1] = keep.length;
  }
  const spells = { start: Int32Array.from(keep, (k) => b.start[k]), end: Int32Array.from(keep, (k) => b.end[k]), offsets };
  const rule = participation === 'any-day' ? '' : `:${typeof participation === 'string' ? participation : `min-days:${participation.minDays}`}`;
  return spellPresence(spells, months, participation, `benefit:${wanted.join('+')}${rule}`);
}
